#include "isvgraph/graph/chain_graph.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "batch_validation.h"
#include "chain_index.h"
#include "codec.h"
#include "index_change.h"
#include "isvgraph/i18n/say.h"
#include "journal.h"

namespace isvgraph::graph {
namespace {

using Index = ChainIndex;

// Per-thread traversal scratch, reused across queries: visited stamps avoid clearing arrays.
struct Workspace {
  std::vector<uint32_t> stamp;
  std::vector<uint8_t> tier;
  std::vector<uint32_t> parent;
  std::vector<uint32_t> path_sum;  // sum of scores along the chosen path
  std::vector<uint32_t> order;     // visited sites in BFS order
  uint32_t epoch = 0;

  void Prepare(size_t n, bool with_paths) {
    if (stamp.size() < n) {
      stamp.assign(n, 0);
      tier.resize(n);
      epoch = 0;
    }
    if (with_paths && parent.size() < n) {
      parent.resize(n);
      path_sum.resize(n);
    }
    if (++epoch == 0) {  // wrapped: clear once every 4 billion traversals
      std::fill(stamp.begin(), stamp.end(), 0);
      epoch = 1;
    }
    order.clear();
  }
};

Workspace& LocalWorkspace() {
  thread_local Workspace workspace;
  return workspace;
}

// Breadth-first search upstream from `root`, up to `max_tier` (root = tier 1), following edges
// whose organisation is public or `org` (or any, when `all`). Each site is visited once, at its
// minimum tier, so cycles, self-loops and repeated pairs cannot loop. With `paths`, each site
// keeps as parent the predecessor, among those at the tier above, whose path has the highest
// total score: the worst of the shortest paths. kOverlay: the index has an overlay (sites added
// or customers patched since its base); without one the loop is the floor's plain CSR walk.
template <bool kOverlay>
void TraverseImpl(const Index& index, uint32_t root, int max_tier, uint16_t org, bool all,
                  bool paths, Workspace& ws) {
  ws.Prepare(index.site_count(), paths);
  const uint32_t epoch = ws.epoch;
  ws.stamp[root] = epoch;
  ws.tier[root] = 1;
  ws.order.push_back(root);
  if (paths) {
    ws.parent[root] = kNoSite;
    ws.path_sum[root] = index.scores[root].milli;
  }
  const CsrBase& base = *index.base;
  const uint32_t* offsets = base.offsets.data();
  const uint32_t* suppliers = base.suppliers.data();
  const uint16_t* edge_org = base.edge_org.data();
  const uint32_t base_count = static_cast<uint32_t>(index.base_count());
  auto visit = [&](uint32_t site, uint8_t next_tier, uint32_t supplier, uint16_t e_org) {
    if (!all && e_org != 0 && e_org != org) return;
    if (ws.stamp[supplier] != epoch) {
      ws.stamp[supplier] = epoch;
      ws.tier[supplier] = next_tier;
      ws.order.push_back(supplier);
      if (paths) {
        ws.parent[supplier] = site;
        ws.path_sum[supplier] = ws.path_sum[site] + index.scores[supplier].milli;
      }
    } else if (paths && ws.tier[supplier] == next_tier) {
      const uint32_t via = ws.path_sum[site] + index.scores[supplier].milli;
      if (via > ws.path_sum[supplier]) {
        ws.parent[supplier] = site;
        ws.path_sum[supplier] = via;
      }
    }
  };
  for (size_t head = 0; head < ws.order.size(); ++head) {
    const uint32_t site = ws.order[head];
    const uint8_t next_tier = static_cast<uint8_t>(ws.tier[site] + 1);
    if (next_tier > max_tier) continue;
    if constexpr (kOverlay) {
      if (index.is_patched(site)) {
        for (PackedEdge e : index.patched.at(site)) {
          visit(site, next_tier, EdgeSupplier(e), EdgeOrganisation(e));
        }
        continue;
      }
      if (site >= base_count) continue;  // added since the base, no suppliers yet
    }
    for (uint32_t e = offsets[site]; e < offsets[site + 1]; ++e) {
      visit(site, next_tier, suppliers[e], edge_org[e]);
    }
  }
}

void Traverse(const Index& index, uint32_t root, int max_tier, uint16_t org, bool all, bool paths,
              Workspace& ws) {
  if (index.patched.empty() && index.added_ids.empty()) {
    TraverseImpl<false>(index, root, max_tier, org, all, paths, ws);
  } else {
    TraverseImpl<true>(index, root, max_tier, org, all, paths, ws);
  }
}

// Sorts (site number, …) pairs into site-id order: by number while numbers are in id order.
template <typename Pair>
void SortBySiteId(const Index& index, std::vector<Pair>& items) {
  if (index.numbers_in_id_order()) {
    std::sort(items.begin(), items.end());
  } else {
    std::sort(items.begin(), items.end(), [&](const Pair& a, const Pair& b) {
      return index.site_id(a.first) < index.site_id(b.first);
    });
  }
}

// Sorts (customer, supplier) site-number pairs into (customer id, supplier id) order, so that
// a patched index (numbers no longer in id order) lists a contract's links as a rebuilt one does.
void SortLinksBySiteIds(const Index& index, std::vector<std::pair<uint32_t, uint32_t>>& links) {
  if (index.numbers_in_id_order()) {
    std::sort(links.begin(), links.end());
    return;
  }
  std::sort(links.begin(), links.end(), [&](const auto& a, const auto& b) {
    const std::string_view a_customer = index.site_id(a.first), b_customer = index.site_id(b.first);
    if (a_customer != b_customer) return a_customer < b_customer;
    return index.site_id(a.second) < index.site_id(b.second);
  });
}

// The compact result of one traversal: counts and the flagged sites (number, tier) by number.
struct Reach {
  int reachable = 0;
  int flagged = 0;
  uint16_t max_milli = 0;
  std::vector<std::pair<uint32_t, uint8_t>> flagged_sites;
};

Reach Summarise(const Index& index, const Workspace& ws, uint16_t flag_milli) {
  Reach reach;
  reach.reachable = static_cast<int>(ws.order.size());
  for (uint32_t site : ws.order) {
    const uint16_t milli = index.scores[site].milli;
    reach.max_milli = std::max(reach.max_milli, milli);
    if (milli >= flag_milli) reach.flagged_sites.emplace_back(site, ws.tier[site]);
  }
  reach.flagged = static_cast<int>(reach.flagged_sites.size());
  SortBySiteId(index, reach.flagged_sites);
  return reach;
}

// Runs `work(i)` for i in [0, count) on up to `threads` threads.
template <typename Work>
void ParallelFor(size_t count, int threads, const Work& work) {
  const size_t workers = std::min<size_t>(std::max(threads, 1), std::max<size_t>(count, 1));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&]() {
      for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) work(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

bool Visible(const Viewer& viewer, uint16_t viewer_org, const Index::ContractEntry& contract) {
  return viewer.all ||
         (viewer_org != Index::kNoOrganisation && contract.organisation == viewer_org);
}

// Contracts that share one traversal: the same tier-1 site, seen with the same organisation's
// links (every organisation's, for an `all` viewer).
struct TraversalGroup {
  uint32_t tier1 = kNoSite;
  uint16_t organisation = 0;        // whose links are followed; unused when all
  std::vector<uint32_t> contracts;  // positions in index.contracts
};

// Groups the contracts for which `include(contract)` holds.
template <typename Include>
std::vector<TraversalGroup> GroupContracts(const Index& index, bool all, const Include& include) {
  std::map<std::pair<uint32_t, uint16_t>, std::vector<uint32_t>> groups;
  for (uint32_t c = 0; c < index.contracts.size(); ++c) {
    const Index::ContractEntry& contract = index.contracts[c];
    if (contract.tier1 == kNoSite || !include(contract)) continue;
    groups[{contract.tier1, all ? uint16_t{0} : contract.organisation}].push_back(c);
  }
  std::vector<TraversalGroup> out;
  out.reserve(groups.size());
  for (auto& [key, contracts] : groups) {
    out.push_back({key.first, key.second, std::move(contracts)});
  }
  return out;
}

}  // namespace

struct ChainGraph::State {
  mutable std::mutex snapshot_mutex;
  std::shared_ptr<const Index> snapshot;  // GUARDED_BY(snapshot_mutex)
  // The model `snapshot` was scored with; swapped together with it.
  std::shared_ptr<const SiteRiskModel> model;  // GUARDED_BY(snapshot_mutex)
  std::mutex writer_mutex;                     // one Apply at a time
  std::atomic<uint64_t> token_writes{0};
  std::atomic<uint64_t> rebuilds{0};  // whole-index builds, the one at opening included
  std::atomic<uint64_t> patched_catch_ups{0};
  uint64_t last_seq = 0;                 // of the journal; GUARDED_BY(writer_mutex)
  std::atomic<uint64_t> applied_seq{0};  // last_seq, for readers without the lock
};

ChainGraph::ChainGraph(std::unique_ptr<ChainStore> store,
                       std::shared_ptr<const SiteRiskModel> model, const ChainGraphOptions& options)
    : store_(std::move(store)),
      options_(options),
      names_(std::make_unique<SiteNames>(store_.get())),
      state_(std::make_unique<State>()) {
  state_->model = std::move(model);
}

ChainGraph::~ChainGraph() = default;

Result<std::unique_ptr<ChainGraph>> ChainGraph::Open(std::unique_ptr<ChainStore> store,
                                                     std::shared_ptr<const SiteRiskModel> model,
                                                     const ChainGraphOptions& options) {
  ISV_CHECK(store != nullptr && model != nullptr);
  if (options.max_tier < 1 || options.max_tier > 64) {
    return Status::InvalidArgument("max tier must be between 1 and 64");
  }
  if (options.flag_milli > 1000) return Status::InvalidArgument("flag threshold above 1");
  if (options.threads < 1 || options.threads > 64) {
    return Status::InvalidArgument("threads must be between 1 and 64");
  }
  std::unique_ptr<ChainGraph> graph(new ChainGraph(std::move(store), std::move(model), options));
  if (!graph->options_.now_unix) {
    graph->options_.now_unix = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  graph->state_->last_seq = graph->store_->LastJournalSeq();
  graph->state_->applied_seq = graph->state_->last_seq;
  ISV_RETURN_IF_ERROR(graph->Rebuild(graph->model()));
  return graph;
}

std::shared_ptr<const ChainIndex> ChainGraph::Snapshot() const {
  std::lock_guard lock(state_->snapshot_mutex);
  return state_->snapshot;
}

std::pair<std::shared_ptr<const ChainIndex>, std::shared_ptr<const SiteRiskModel>>
ChainGraph::Current() const {
  std::lock_guard lock(state_->snapshot_mutex);
  return {state_->snapshot, state_->model};
}

std::shared_ptr<const SiteRiskModel> ChainGraph::model() const {
  std::lock_guard lock(state_->snapshot_mutex);
  return state_->model;
}

Status ChainGraph::Rebuild(std::shared_ptr<const SiteRiskModel> model) {
  auto index = BuildIndex(*store_, *model);
  if (!index) return index.error();
  std::lock_guard lock(state_->snapshot_mutex);
  state_->snapshot = std::move(index).value();
  state_->model = std::move(model);
  state_->rebuilds.fetch_add(1, std::memory_order_relaxed);
  return Status::Ok();
}

Status ChainGraph::ReplaceModel(std::shared_ptr<const SiteRiskModel> model) {
  ISV_CHECK(model != nullptr);
  std::lock_guard writer(state_->writer_mutex);
  return Rebuild(std::move(model));
}

IndexStats ChainGraph::stats() const {
  IndexStats stats = Snapshot()->stats;
  stats.rebuilds = state_->rebuilds.load(std::memory_order_relaxed);
  stats.patched_catch_ups = state_->patched_catch_ups.load(std::memory_order_relaxed);
  return stats;
}

uint64_t ChainGraph::token_writes() const { return state_->token_writes.load(); }

uint64_t ChainGraph::applied_seq() const { return state_->applied_seq.load(); }

Result<bool> ChainGraph::CatchUp() {
  std::lock_guard writer(state_->writer_mutex);
  return CatchUpLocked();
}

Result<bool> ChainGraph::CatchUpLocked() {
  auto head = store_->JournalHead();
  if (!head) return head.error();
  if (*head == state_->last_seq) return false;
  // Another process wrote: patch the index from the writes' index changes when they are all
  // there and small, as this process's own small writes do.
  auto patched = PatchFromStore(*head);
  if (!patched) return patched.error();
  if (!*patched) {
    // An import, a deletion of sites, entries without changes (an older build), or a journal
    // that went back (a failover to a standby that missed the last writes): read everything.
    ISV_RETURN_IF_ERROR(Rebuild(model()));
    names_->Forget();
    ++state_->token_writes;  // a token may have been issued or revoked there
  }
  state_->last_seq = *head;
  state_->applied_seq = *head;
  return true;
}

Result<bool> ChainGraph::PatchFromStore(uint64_t head) {
  if (head < state_->last_seq || head - state_->last_seq > kPatchLimit) return false;
  std::vector<IndexChange> changes;
  Status decoded;
  Status scanned =
      store_->ScanIndexChanges(state_->last_seq, head, [&](uint64_t seq, std::string_view encoded) {
        if (!decoded.ok()) return;
        decoded = codec::DecodeIndexChange(seq, encoded, &changes.emplace_back());
      });
  if (scanned.code() == StatusCode::kFailedPrecondition) return false;  // the store keeps none
  ISV_RETURN_IF_ERROR(scanned);
  if (!decoded.ok() || changes.size() != head - state_->last_seq) return false;
  std::shared_ptr<const Index> index = Snapshot();
  if (OverlayTooLarge(*index)) return false;
  auto delta = ResolveIndexChanges(changes, *store_, kPatchLimit);
  if (!delta) return delta.error();
  if (!*delta) return false;
  bool tokens = false;
  for (const IndexChange& change : changes) tokens = tokens || change.tokens;
  if (tokens) ++state_->token_writes;
  for (const Site& site : (*delta)->sites) {
    names_->Put(site.id, site, NormaliseCompanyName(site.name));
  }
  auto patched = PatchIndex(*index, **delta, *store_, *model());
  if (!patched) return patched.error();
  std::lock_guard lock(state_->snapshot_mutex);
  state_->snapshot = std::move(patched).value();
  state_->patched_catch_ups.fetch_add(1, std::memory_order_relaxed);
  return true;
}

std::string WriteProblem::ToString() const {
  return record + ": " + (field.empty() ? "" : field + " ") + reason;
}

Status ChainGraph::Apply(WriteBatch batch, std::vector<WriteProblem>* problems_out) {
  std::lock_guard writer(state_->writer_mutex);
  // On a shared store the batch is checked against what every process wrote so far.
  if (store_->shared()) ISV_RETURN_IF_ERROR(CatchUpLocked().status());
  std::shared_ptr<const Index> index = Snapshot();
  ISV_RETURN_IF_ERROR(ValidateBatch(batch, *index, kMaxProblems, problems_out));
  {
    // Small writes say field by field what they changed; bulk loads only which sites.
    auto entry = DescribeWrite(batch, *store_, batch.size() <= kPatchLimit);
    if (!entry) return entry.error();
    entry->seq = state_->last_seq + 1;
    entry->time_unix = options_.now_unix();
    batch.SetJournal(std::move(entry).value());
  }
  // (The index change for other processes is set below, once the delta is known.)
  // Tokens are not part of the index: a batch of tokens only changes nothing there. A small
  // write patches the snapshot's overlay; a large one (an import) or a site deletion rebuilds.
  const bool indexed = batch.size() > batch.tokens().size();
  const bool patch = indexed && batch.size() <= kPatchLimit && batch.deleted_sites().empty() &&
                     !OverlayTooLarge(*index);
  std::optional<IndexDelta> delta;
  if (patch) {
    auto collected = CollectDelta(batch, *store_);
    if (!collected) return collected.error();
    delta = std::move(collected).value();
  }
  // Servers following a shared store patch their index from what this write changed.
  if (store_->shared()) {
    batch.SetIndexChange(
        codec::EncodeIndexChange(DescribeIndexChange(batch, delta ? &*delta : nullptr)));
  }
  // The name tables follow small writes site by site and forget everything after a large one.
  std::vector<Site> put_sites;
  std::vector<std::string> deleted_sites;
  const bool patch_names = batch.size() <= kPatchLimit;
  const bool writes_tokens = !batch.tokens().empty();
  if (patch_names) {
    put_sites = batch.sites();
    deleted_sites = batch.deleted_sites();
  }
  if (Status written = store_->Write(std::move(batch)); !written.ok()) {
    // Two processes took the same journal seq: the other one committed first, and this write
    // stored nothing (the store's journal is append-only). Follow it; the caller sends again.
    if (store_->shared()) {
      auto head = store_->JournalHead();
      if (head && *head > state_->last_seq) {
        (void)CatchUpLocked();
        return Status::FailedPrecondition(
            "another server wrote to the store at the same moment; nothing of this write was "
            "stored: send it again");
      }
    }
    return written;
  }
  ++state_->last_seq;
  state_->applied_seq = state_->last_seq;
  if (writes_tokens) ++state_->token_writes;
  if (!patch_names) {
    names_->Forget();
  } else {
    for (const Site& site : put_sites) names_->Put(site.id, site, NormaliseCompanyName(site.name));
    for (const std::string& id : deleted_sites) names_->Delete(id);
  }
  if (!indexed) return Status::Ok();
  // The writer lock keeps the model: ReplaceModel waits for it too.
  if (!patch) return Rebuild(model());
  auto patched = PatchIndex(*index, *delta, *store_, *model());
  if (!patched) return patched.error();
  std::lock_guard lock(state_->snapshot_mutex);
  state_->snapshot = std::move(patched).value();
  return Status::Ok();
}

Result<ChainExposure> ChainGraph::Exposure(const Viewer& viewer, const std::string& contract_id,
                                           const ExposureOptions& options) const {
  // Not a structured binding: clang-14 cannot capture one in the lambdas below.
  const auto current = Current();
  const std::shared_ptr<const Index>& index = current.first;
  const std::shared_ptr<const SiteRiskModel>& model = current.second;
  const uint16_t viewer_org = index->FindOrganisation(viewer.organisation);
  const Index::ContractEntry* contract =
      viewer.all ? index->FindContract(contract_id, Index::kNoOrganisation)
      : viewer_org == Index::kNoOrganisation ? nullptr
                                             : index->FindContract(contract_id, viewer_org);
  if (!contract)
    return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorNoContract, {{"id", contract_id}});
  if (contract->tier1 == kNoSite) {
    return Status::FailedPrecondition("contract " + contract_id + " has no tier-1 site");
  }
  Workspace& ws = LocalWorkspace();
  // A contract's chain follows its own organisation's links (and public ones).
  Traverse(*index, contract->tier1, options_.max_tier, contract->organisation, viewer.all,
           options.explain, ws);
  ChainExposure exposure{.contract_id = contract->id,
                         .tier1_site_id = index->site_id(contract->tier1)};
  // The common case (flagged sites, no explanations) does exactly what the benchmark's floor
  // does; listing every site or explaining costs extra only when asked for.
  std::vector<std::pair<uint32_t, uint8_t>> listed;
  if (options.all_sites) {
    exposure.reachable = static_cast<int>(ws.order.size());
    for (uint32_t site : ws.order) {
      const uint16_t milli = index->scores[site].milli;
      exposure.max_score_milli = std::max(exposure.max_score_milli, milli);
      exposure.flagged += milli >= options_.flag_milli ? 1 : 0;
      listed.emplace_back(site, ws.tier[site]);
    }
    SortBySiteId(*index, listed);
  } else {
    Reach reach = Summarise(*index, ws, options_.flag_milli);
    exposure.reachable = reach.reachable;
    exposure.flagged = reach.flagged;
    exposure.max_score_milli = reach.max_milli;
    listed = std::move(reach.flagged_sites);
  }
  if (!options.after.empty()) {
    auto first = std::partition_point(listed.begin(), listed.end(), [&](const auto& entry) {
      return index->site_id(entry.first) <= options.after;
    });
    listed.erase(listed.begin(), first);
  }
  if (options.limit > 0 && listed.size() > options.limit) {
    listed.resize(options.limit);
    exposure.next_after = index->site_id(listed.back().first);
  }
  exposure.sites.reserve(listed.size());
  for (const auto& [site, tier] : listed) {
    ExposedSite exposed{.site_id = index->site_id(site),
                        .tier = tier,
                        .score_milli = index->scores[site].milli,
                        .flagged = index->scores[site].milli >= options_.flag_milli};
    if (options.explain) {
      for (uint32_t at = site; at != kNoSite; at = ws.parent[at]) {
        exposed.worst_path.push_back(index->site_id(at));
      }
      std::reverse(exposed.worst_path.begin(), exposed.worst_path.end());
      if (exposed.flagged) {
        Result<Site> record = store_->GetSite(index->site_id(site));
        exposed.explanation =
            record ? model->Explain(*record) : i18n::Text::Same(record.error().ToString());
      }
    }
    exposure.sites.push_back(std::move(exposed));
  }
  if (options.links) {
    // The same edges the traversal followed: visible to the contract's organisation, from a
    // site below the last tier to a reached supplier.
    const uint32_t epoch = ws.epoch;
    std::vector<std::pair<uint32_t, uint32_t>> links;  // (customer, supplier)
    for (uint32_t site : ws.order) {
      if (ws.tier[site] >= options_.max_tier) continue;
      index->ForEachEdge(site, [&](uint32_t supplier, uint16_t e_org) {
        if (!viewer.all && e_org != 0 && e_org != contract->organisation) return;
        if (ws.stamp[supplier] == epoch) links.emplace_back(site, supplier);
      });
    }
    SortLinksBySiteIds(*index, links);
    for (const auto& [customer, supplier] : links) {
      exposure.links.emplace_back(index->site_id(supplier), index->site_id(customer));
    }
  }
  exposure.keep_alive = index;
  return exposure;
}

void ChainGraph::ForEachExposure(const Viewer& viewer,
                                 const std::function<void(const ChainExposure&)>& visit) const {
  std::shared_ptr<const Index> index = Snapshot();
  const uint16_t viewer_org = index->FindOrganisation(viewer.organisation);
  auto groups = GroupContracts(*index, viewer.all, [&](const Index::ContractEntry& contract) {
    return Visible(viewer, viewer_org, contract);
  });
  std::vector<Reach> reaches(groups.size());
  std::vector<uint32_t> group_of_contract(index->contracts.size(), kNoSite);
  for (uint32_t g = 0; g < groups.size(); ++g) {
    for (uint32_t c : groups[g].contracts) group_of_contract[c] = g;
  }
  ParallelFor(groups.size(), options_.threads, [&](size_t g) {
    Workspace& ws = LocalWorkspace();
    Traverse(*index, groups[g].tier1, options_.max_tier, groups[g].organisation, viewer.all, false,
             ws);
    reaches[g] = Summarise(*index, ws, options_.flag_milli);
  });
  ChainExposure exposure;
  exposure.keep_alive = index;
  for (uint32_t c = 0; c < index->contracts.size(); ++c) {
    if (group_of_contract[c] == kNoSite) continue;
    const Reach& reach = reaches[group_of_contract[c]];
    const Index::ContractEntry& contract = index->contracts[c];
    exposure.contract_id = contract.id;
    exposure.tier1_site_id = index->site_id(contract.tier1);
    exposure.reachable = reach.reachable;
    exposure.flagged = reach.flagged;
    exposure.max_score_milli = reach.max_milli;
    exposure.sites.clear();
    for (const auto& [site, tier] : reach.flagged_sites) {
      exposure.sites.push_back(ExposedSite{.site_id = index->site_id(site),
                                           .tier = tier,
                                           .score_milli = index->scores[site].milli,
                                           .flagged = true});
    }
    visit(exposure);
  }
}

std::vector<JointAuditCandidate> ChainGraph::JointAuditCandidates(
    const Viewer& viewer, const CandidateQuery& query) const {
  const size_t limit = query.limit;
  std::shared_ptr<const Index> index = Snapshot();
  const uint16_t viewer_org = index->FindOrganisation(viewer.organisation);
  if (!viewer.all && viewer_org == Index::kNoOrganisation) return {};
  // The circle whose contracts count: everyone for an `all` viewer; otherwise the viewer and the
  // organisations that share an audit group with it.
  std::vector<bool> in_circle(index->organisations.size(), viewer.all);
  if (!viewer.all) {
    in_circle[viewer_org] = true;
    const std::vector<std::string>& mine = index->org_groups[viewer_org];
    for (size_t o = 1; o < index->organisations.size(); ++o) {
      for (const std::string& group : index->org_groups[o]) {
        if (std::binary_search(mine.begin(), mine.end(), group)) in_circle[o] = true;
      }
    }
  }
  auto groups = GroupContracts(*index, viewer.all, [&](const Index::ContractEntry& contract) {
    return contract.organisation < in_circle.size() && in_circle[contract.organisation];
  });
  // (flagged site, group) pairs from every traversal, then per site: distinct organisations of
  // its groups' contracts and the sum of their values (each contract once: a contract is in
  // exactly one group).
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> per_group(groups.size());
  ParallelFor(groups.size(), options_.threads, [&](size_t g) {
    Workspace& ws = LocalWorkspace();
    Traverse(*index, groups[g].tier1, options_.max_tier, groups[g].organisation, viewer.all, false,
             ws);
    for (uint32_t site : ws.order) {
      if (index->scores[site].milli >= options_.flag_milli) {
        per_group[g].emplace_back(site, static_cast<uint32_t>(g));
      }
    }
  });
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (auto& list : per_group) {
    pairs.insert(pairs.end(), list.begin(), list.end());
    list = {};
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<JointAuditCandidate> candidates;
  std::vector<uint16_t> orgs;
  for (size_t i = 0; i < pairs.size();) {
    const uint32_t site = pairs[i].first;
    JointAuditCandidate candidate{.site_id = index->site_id(site),
                                  .score_milli = index->scores[site].milli};
    orgs.clear();
    bool viewer_reaches = viewer.all;
    std::map<uint16_t, int64_t> member_values;
    for (; i < pairs.size() && pairs[i].first == site; ++i) {
      for (uint32_t c : groups[pairs[i].second].contracts) {
        const Index::ContractEntry& contract = index->contracts[c];
        orgs.push_back(contract.organisation);
        if (query.member_values) member_values[contract.organisation] += contract.value_eur;
        // Another member's values and contracts stay its own.
        if (!viewer.all && contract.organisation != viewer_org) continue;
        viewer_reaches = true;
        candidate.value_eur += contract.value_eur;
        ++candidate.contracts;
      }
    }
    std::sort(orgs.begin(), orgs.end());
    candidate.organisations =
        static_cast<int>(std::unique(orgs.begin(), orgs.end()) - orgs.begin());
    if (candidate.organisations >= 2 && viewer_reaches) {
      for (const auto& [org, value] : member_values) {
        candidate.member_values.emplace_back(index->organisations[org], value);
      }
      std::sort(candidate.member_values.begin(), candidate.member_values.end());
      candidates.push_back(std::move(candidate));
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const JointAuditCandidate& a, const JointAuditCandidate& b) {
              if (a.organisations != b.organisations) return a.organisations > b.organisations;
              if (a.score_milli != b.score_milli) return a.score_milli > b.score_milli;
              return a.site_id < b.site_id;
            });
  if (candidates.size() > limit) candidates.resize(limit);
  for (size_t i = 0; i < candidates.size(); ++i) candidates[i].rank = static_cast<int>(i + 1);
  return candidates;
}

}  // namespace isvgraph::graph
