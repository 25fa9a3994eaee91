#pragma once

// ChainGraph: the chain engine. Owns a ChainStore and an in-memory index of its sites, links
// and contracts (compressed sparse rows over dense site numbers, built on open; small writes
// patch an overlay on it, large ones and a grown overlay rebuild it). Answers chain exposure
// (the semantics of docs/benchmark.md, with explanations) and joint-audit candidates. Organisation
// scoping lives here: a query for organisation A follows A's links and public links only, and sees
// A's contracts only. Thread-safety: queries may run from many threads while one Apply() runs; a
// query sees the index before or after a write, never half of it. Ownership: move-only via
// unique_ptr.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"
#include "isvgraph/graph/chain_store.h"
#include "isvgraph/graph/records.h"
#include "isvgraph/graph/risk_model.h"
#include "isvgraph/graph/site_names.h"
#include "isvgraph/i18n/text.h"

namespace isvgraph::graph {

struct ChainGraphOptions {
  // Deepest tier in a chain's reach: the tier-1 site is tier 1. Default 8 (docs/benchmark.md).
  int max_tier = 8;
  // A site is flagged when its score in thousandths is at or above this. Default 600 (0.6).
  uint16_t flag_milli = 600;
  // Worker threads for whole-store analytics (all chains, joint-audit candidates). Default 2.
  int threads = 2;
  // The clock of the journal (seconds since 1970). Default: the system clock.
  std::function<int64_t()> now_unix;
};

// Whom a query is made for. Organisation-scoped by default; `all` is for administrators and
// benchmark runs and sees every organisation's links and contracts.
struct Viewer {
  std::string organisation;
  bool all = false;
  // For writes (ApplyAs): the journal's author beside the organisation. The token's id (the
  // first 12 hex digits of its hash) and the write in words, e.g. "PUT /v1/sites/S1".
  std::string token_id;
  std::string what;
};

// One site in a chain's reach.
struct ExposedSite {
  std::string_view site_id;  // valid while the ChainExposure lives
  int tier = 0;              // minimum tier; the tier-1 site is 1
  uint16_t score_milli = 0;
  bool flagged = false;
  // Tier-1 … site: of the shortest paths, the one with the highest total score. Only with
  // `explain`.
  std::vector<std::string_view> worst_path;
  i18n::Text explanation;  // only with `explain`, for flagged sites
};

struct ChainExposure {
  std::string contract_id;
  std::string tier1_site_id;
  int reachable = 0;
  int flagged = 0;
  uint16_t max_score_milli = 0;
  // Flagged sites only (or every reached site with `all_sites`), by site id.
  std::vector<ExposedSite> sites;
  // With ExposureOptions::limit: the id to continue after, "" on the last page.
  std::string next_after;
  // Only with `links`: every link the traversal followed between reached sites (supplier,
  // customer), grouped by customer.
  std::vector<std::pair<std::string_view, std::string_view>> links;
  std::shared_ptr<const void> keep_alive;  // the index snapshot the string_views point into
};

struct ExposureOptions {
  bool all_sites = false;  // list every reached site, not only the flagged ones
  bool explain = false;    // worst paths and flag explanations
  bool links = false;      // the links followed (for drawing the chain)
  // A page of the listed sites: those with ids after `after`, at most `limit` of them (0: all).
  // The counts (reachable, flagged, max score) are always the whole chain's; explanations are
  // made for the page only.
  std::string after;
  size_t limit = 0;
};

// A flagged site that contracts of several organisations reach (Q3 of docs/benchmark.md).
struct JointAuditCandidate {
  int rank = 0;
  std::string site_id;
  int organisations = 0;  // distinct organisations of the circle whose contracts reach it
  uint16_t score_milli = 0;
  // Sum of contract values (each contract once) and the number of contracts reaching the site:
  // over every organisation for an `all` viewer, the viewer's own otherwise.
  int64_t value_eur = 0;
  int contracts = 0;
  // Only with CandidateQuery::member_values: (organisation, value of its contracts reaching
  // the site) for every organisation of the circle, by organisation id. For use cases that
  // combine values without showing them (leverage, co-financing shares), never for display.
  std::vector<std::pair<std::string, int64_t>> member_values;
};

struct CandidateQuery {
  size_t limit = 100;
  bool member_values = false;
};

// One thing wrong with a write: the record, the field ("" for the record as a whole), why.
struct WriteProblem {
  std::string record;  // "site S1", "link 3 (A -> B)", "contract K1"
  std::string field;   // "country", "supplier_id", …
  std::string reason;
  std::string ToString() const;
};

struct IndexStats {
  size_t sites = 0;
  size_t links = 0;           // link records
  size_t edges = 0;           // distinct (customer, supplier, organisation) edges indexed
  size_t dangling_links = 0;  // links whose supplier or customer is not a site
  size_t contracts = 0;
  double build_ms = 0;
  uint64_t rebuilds = 0;  // whole-index builds: 1 at opening, +1 per large batch or deletion
  // Catch-ups (ChainGraph::CatchUp) that patched the index from other processes' index changes
  // instead of rebuilding it.
  uint64_t patched_catch_ups = 0;
};

// One page of records in key order; `next_after` is the key to continue after ("" at the end).
template <typename Record>
struct Page {
  std::vector<Record> items;
  std::string next_after;
};

struct SiteFilter {
  std::string country;  // ISO alpha-2; "" = any
  std::string sector;   // "" = any
};

struct ChainIndex;  // private: src/chain_index.h

class ChainGraph {
 public:
  // Builds the index from the store. Requires: store and model non-null. InvalidArgument for
  // bad options; the store's errors when scanning fails.
  static Result<std::unique_ptr<ChainGraph>> Open(std::unique_ptr<ChainStore> store,
                                                  std::shared_ptr<const SiteRiskModel> model,
                                                  const ChainGraphOptions& options);
  ~ChainGraph();
  ChainGraph(const ChainGraph&) = delete;
  ChainGraph& operator=(const ChainGraph&) = delete;

  // Every batch Apply writes is journalled (records.h, JournalEntry) under the batch's author,
  // atomically with it.
  // Validates the batch against the store and itself (ids, countries, shares, that link ends
  // and contract sites exist, that links and contracts name a known organisation, that deleted
  // sites are no longer referenced), then writes it atomically and refreshes the index.
  // InvalidArgument listing the problems (the first kMaxProblems, also in *problems when given)
  // when anything is wrong; nothing is written then. Takes the batch by value: move a large one
  // in, and its memory is released before the index is rebuilt. FailedPrecondition, naming
  // them, when the only problem is deleted sites still used by links or contracts.
  static constexpr size_t kMaxProblems = 100;
  // Batches up to this many records patch the index; larger ones rebuild it from the store.
  static constexpr size_t kPatchLimit = 10000;
  Status Apply(WriteBatch batch, std::vector<WriteProblem>* problems = nullptr);

  // Apply for a writer: every link and contract put or deleted must be the writer's own
  // organisation's (an `all` writer may write any), and only an `all` writer may write
  // organisations or tokens. InvalidArgument with the problems otherwise; nothing is written.
  // Sites are a shared registry: whether a change to a site that others use waits for their
  // consent is the service's rule (SiteProposal). A batch without an author is journalled
  // under the writer's organisation, token id and `what`.
  Status ApplyAs(const Viewer& writer, WriteBatch batch,
                 std::vector<WriteProblem>* problems = nullptr);

  // Organisation-scoped records. Sites are a shared registry; links and contracts are the
  // viewer's own (NotFound for another organisation's, the same answer as for none).
  Result<Page<Site>> ListSites(const SiteFilter& filter, const std::string& after,
                               size_t limit) const;
  Result<Contract> GetContract(const Viewer& viewer, const std::string& id) const;
  Result<Page<Contract>> ListContracts(const Viewer& viewer, const std::string& after,
                                       size_t limit) const;
  // The viewer's link with key fields of `key` (its organisation is taken from the viewer).
  Result<SupplyLink> GetLink(const Viewer& viewer, SupplyLink key) const;
  // `after` is LinkPageKey of the last link of the previous page.
  Result<Page<SupplyLink>> ListLinks(const Viewer& viewer, const std::string& after,
                                     size_t limit) const;

  // Chain exposure of one contract. NotFound when the contract does not exist or belongs to
  // another organisation than the viewer's (no existence leak).
  Result<ChainExposure> Exposure(const Viewer& viewer, const std::string& contract_id,
                                 const ExposureOptions& options = {}) const;

  // Calls `visit` with the exposure (flagged sites, no explanations) of every contract the
  // viewer sees, in contract-id order. Contracts with the same tier-1 site share one traversal;
  // traversals run on options.threads threads; one exposure is alive at a time.
  void ForEachExposure(const Viewer& viewer,
                       const std::function<void(const ChainExposure&)>& visit) const;

  // Flagged sites reached by contracts of at least two organisations of a circle, ranked by
  // organisations (desc), score (desc), site id; the first `limit`. Each contract's chain follows
  // its own organisation's links. The circle of an `all` viewer is every organisation; of an
  // organisation, itself and those sharing an audit group with it — and then only sites its own
  // contracts reach are listed, with its own contracts and value.
  std::vector<JointAuditCandidate> JointAuditCandidates(const Viewer& viewer,
                                                        size_t limit = 100) const {
    return JointAuditCandidates(viewer, CandidateQuery{.limit = limit});
  }
  std::vector<JointAuditCandidate> JointAuditCandidates(const Viewer& viewer,
                                                        const CandidateQuery& query) const;

  // Who uses each of the sites: the organisations whose links name it (as supplier or
  // customer) or whose contracts have it as tier-1 site, kPublicOrganisation for public links.
  // Sorted, without repeats; sites unknown or unused get an empty list. One pass over the index.
  std::map<std::string, std::vector<std::string>> SiteUsers(
      const std::vector<std::string>& site_ids) const;

  // Rescores every site with `model` (a new edition of the risk data) and swaps the index whole,
  // like a large write: queries see the old scores or the new ones, never a mix, and a query's
  // explanations come from the model of its scores. Waits for a running Apply and holds off the
  // next. Requires: model non-null. The store's errors when scanning fails; the model in use
  // stays then.
  Status ReplaceModel(std::shared_ptr<const SiteRiskModel> model);

  // Follows what other processes wrote to a shared store (ChainStore::shared, PostgreSQL):
  // when the store's journal ends past the last entry this graph applied, the index is patched
  // from the index changes those writes kept (their records read as the store holds them now),
  // as small writes of this process patch it. When a change is missing or says so (an import, a
  // deletion of sites), or the journal ends before that entry (a failover to a standby that
  // missed writes), the index is rebuilt from the store and the site names and token caches
  // start over. Answers whether anything was applied.
  // Serialised with Apply, which catches up first itself on a shared store. The store's error
  // when its journal cannot be read (the index stays as it is and keeps answering).
  Result<bool> CatchUp();
  // The last journal entry the index reflects.
  uint64_t applied_seq() const;

  const ChainStore& store() const { return *store_; }
  // The model the current index was scored with; kept alive by the caller while it uses it.
  std::shared_ptr<const SiteRiskModel> model() const;
  // How many writes with access tokens Apply has made (counted after each reached the store):
  // a cache of tokens is good while this has not changed since it read them.
  uint64_t token_writes() const;
  // The registry's sites by name, per country, kept current by Apply (for site matching).
  const SiteNames& site_names() const { return *names_; }
  IndexStats stats() const;

 private:
  ChainGraph(std::unique_ptr<ChainStore> store, std::shared_ptr<const SiteRiskModel> model,
             const ChainGraphOptions& options);
  std::shared_ptr<const ChainIndex> Snapshot() const;
  // The index and the model it was scored with, read together.
  std::pair<std::shared_ptr<const ChainIndex>, std::shared_ptr<const SiteRiskModel>> Current()
      const;
  // Builds the index from the store with `model` and makes both current. Under the writer lock.
  Status Rebuild(std::shared_ptr<const SiteRiskModel> model);
  // CatchUp under the writer lock.
  Result<bool> CatchUpLocked();
  // Patches the index with the journal entries after the last applied one up to `head`; false
  // (nothing changed) when they cannot be patched. Under the writer lock.
  Result<bool> PatchFromStore(uint64_t head);

  std::unique_ptr<ChainStore> store_;
  ChainGraphOptions options_;
  std::unique_ptr<SiteNames> names_;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace isvgraph::graph
