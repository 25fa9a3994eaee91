// The in-memory backend of ChainStore, for unit tests: the same semantics as RocksStore (a
// batch applies whole; scans in key order), guarded by a mutex.

#include <map>
#include <mutex>
#include <shared_mutex>

#include "codec.h"
#include "isvgraph/graph/chain_store.h"

namespace isvgraph::graph {
namespace {

class MemoryStore final : public ChainStore {
 public:
  Status Write(WriteBatch batch) override {
    std::unique_lock lock(mutex_);
    for (const std::string& id : batch.deleted_sites()) sites_.erase(id);
    for (const SupplyLink& link : batch.deleted_links()) links_.erase(codec::LinkKey(link));
    for (const auto& [organisation, id] : batch.deleted_contracts()) {
      contracts_.erase(codec::ContractKey(organisation, id));
    }
    for (const Site& site : batch.sites()) sites_[site.id] = site;
    for (const Organisation& org : batch.organisations()) organisations_[org.id] = org;
    for (const AccessToken& token : batch.tokens()) tokens_[token.hash] = token;
    for (const Audit& audit : batch.audits()) audits_[audit.id] = audit;
    if (const std::optional<JournalEntry>& entry = batch.journal()) {
      auto remember = [&](const SiteChange& change) {
        history_[change.site_id][entry->seq] = change;
      };
      if (entry->sites.empty() && entry->site_count > 0) ForEachBulkSiteChange(batch, remember);
      for (const SiteChange& change : entry->sites) remember(change);
      JournalEntry kept = *entry;
      if (kept.sites.size() > JournalEntry::kListedSites)
        kept.sites.resize(JournalEntry::kListedSites);
      journal_[entry->seq] = std::move(kept);
    }
    for (const SiteProposal& proposal : batch.proposals()) proposals_[proposal.id] = proposal;
    for (size_t i = 0; i < batch.link_count(); ++i) {
      SupplyLink link = batch.link(i);
      std::string key = codec::LinkKey(link);
      links_[std::move(key)] = std::move(link);
    }
    for (const Contract& contract : batch.contracts()) {
      contracts_[codec::ContractKey(contract.organisation, contract.id)] = contract;
    }
    return Status::Ok();
  }

  Result<Site> GetSite(const std::string& id) const override {
    return Get(sites_, id, "no site '" + id + "'");
  }
  Result<Contract> GetContract(const std::string& organisation,
                               const std::string& id) const override {
    return Get(contracts_, codec::ContractKey(organisation, id), "no contract '" + id + "'");
  }
  Result<SupplyLink> GetLink(const SupplyLink& key) const override {
    return Get(links_, codec::LinkKey(key),
               "no link " + key.supplier_id + " -> " + key.customer_id);
  }
  Result<Organisation> GetOrganisation(const std::string& id) const override {
    return Get(organisations_, id, "no organisation '" + id + "'");
  }

  Status ScanSitesAfter(const std::string& after,
                        const std::function<bool(Site&&)>& visit) const override {
    return ScanRange(sites_, "", after, visit);
  }
  Status ScanLinksOf(const std::string& organisation, const std::string& after,
                     const std::function<bool(SupplyLink&&)>& visit) const override {
    return ScanRange(links_, organisation + '\0', after, visit);
  }
  Status ScanContractsOf(const std::string& organisation, const std::string& after,
                         const std::function<bool(Contract&&)>& visit) const override {
    return ScanRange(contracts_, organisation + '\0', after, visit);
  }

  Result<Audit> GetAudit(const std::string& id) const override {
    return Get(audits_, id, "no audit '" + id + "'");
  }
  Result<AccessToken> GetToken(const std::string& hash) const override {
    return Get(tokens_, hash, "no such token");
  }

  Status ScanSites(const std::function<void(Site&&)>& visit) const override {
    return Scan(sites_, visit);
  }
  Status ScanLinks(const std::function<void(SupplyLink&&)>& visit) const override {
    return Scan(links_, visit);
  }
  Status ScanContracts(const std::function<void(Contract&&)>& visit) const override {
    return Scan(contracts_, visit);
  }
  Status ScanOrganisations(const std::function<void(Organisation&&)>& visit) const override {
    return Scan(organisations_, visit);
  }
  Status ScanAudits(const std::function<void(Audit&&)>& visit) const override {
    return Scan(audits_, visit);
  }
  Status ScanTokens(const std::function<void(AccessToken&&)>& visit) const override {
    return Scan(tokens_, visit);
  }

  Status ScanLinkEnds(const std::function<void(std::string_view, std::string_view,
                                               std::string_view)>& visit) const override {
    std::shared_lock lock(mutex_);
    for (const auto& [key, link] : links_) {
      visit(link.organisation, link.customer_id, link.supplier_id);
    }
    return Status::Ok();
  }

  std::vector<std::string> SitesInCountry(const std::string& country) const override {
    return SitesWhere([&](const Site& s) { return s.country == country; });
  }
  std::vector<std::string> SitesInSector(const std::string& sector) const override {
    return SitesWhere([&](const Site& s) { return s.sector == sector; });
  }
  std::vector<std::string> SitesByExternalId(const std::string& scheme,
                                             const std::string& value) const override {
    return SitesWhere([&](const Site& s) {
      auto it = s.external_ids.find(scheme);
      return it != s.external_ids.end() && it->second == value;
    });
  }

  Status ScanSiteHistory(const std::string& site_id,
                         const std::function<void(JournalEntry&&)>& visit) const override {
    std::shared_lock lock(mutex_);
    auto it = history_.find(site_id);
    if (it == history_.end()) return Status::Ok();
    for (const auto& [seq, change] : it->second) {
      JournalEntry entry = journal_.at(seq);
      entry.sites.assign(1, change);
      visit(std::move(entry));
    }
    return Status::Ok();
  }
  Status ScanJournal(uint64_t after_seq,
                     const std::function<bool(JournalEntry&&)>& visit) const override {
    std::shared_lock lock(mutex_);
    for (auto it = journal_.upper_bound(after_seq); it != journal_.end(); ++it) {
      JournalEntry copy = it->second;
      if (!visit(std::move(copy))) break;
    }
    return Status::Ok();
  }
  uint64_t LastJournalSeq() const override {
    std::shared_lock lock(mutex_);
    return journal_.empty() ? 0 : journal_.rbegin()->first;
  }
  Result<SiteProposal> GetProposal(uint64_t id) const override {
    std::shared_lock lock(mutex_);
    auto it = proposals_.find(id);
    if (it == proposals_.end()) return Status::NotFound("no proposal " + std::to_string(id));
    return it->second;
  }
  Status ScanProposals(const std::function<void(SiteProposal&&)>& visit) const override {
    std::shared_lock lock(mutex_);
    for (const auto& [id, proposal] : proposals_) {
      SiteProposal copy = proposal;
      visit(std::move(copy));
    }
    return Status::Ok();
  }

  Status Checkpoint(const std::string&) const override {
    return Status::FailedPrecondition("a store in memory has nothing to back up");
  }
  std::string path() const override { return ""; }
  uint32_t format_version() const override { return kFormatVersion; }

 private:
  template <typename Record>
  Result<Record> Get(const std::map<std::string, Record>& map, const std::string& key,
                     const std::string& missing) const {
    std::shared_lock lock(mutex_);
    auto it = map.find(key);
    if (it == map.end()) return Status::NotFound(missing);
    return it->second;
  }

  template <typename Record, typename Visit>
  Status ScanRange(const std::map<std::string, Record>& map, const std::string& prefix,
                   const std::string& after, const Visit& visit) const {
    std::shared_lock lock(mutex_);
    const std::string start = prefix + after;
    for (auto it = after.empty() ? map.lower_bound(start) : map.upper_bound(start);
         it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      Record copy = it->second;
      if (!visit(std::move(copy))) break;
    }
    return Status::Ok();
  }

  template <typename Map, typename Visit>
  Status Scan(const Map& map, const Visit& visit) const {
    std::shared_lock lock(mutex_);
    for (const auto& [key, record] : map) {
      auto copy = record;
      visit(std::move(copy));
    }
    return Status::Ok();
  }

  template <typename Pred>
  std::vector<std::string> SitesWhere(Pred pred) const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& [id, site] : sites_) {
      if (pred(site)) ids.push_back(id);
    }
    return ids;
  }

  mutable std::shared_mutex mutex_;
  std::map<std::string, Site> sites_;
  std::map<std::string, SupplyLink> links_;
  std::map<std::string, Contract> contracts_;
  std::map<std::string, Organisation> organisations_;
  std::map<std::string, AccessToken> tokens_;
  std::map<std::string, Audit> audits_;
  std::map<uint64_t, JournalEntry> journal_;
  std::map<std::string, std::map<uint64_t, SiteChange>> history_;  // site → seq → its change
  std::map<uint64_t, SiteProposal> proposals_;
};

}  // namespace

std::unique_ptr<ChainStore> NewMemoryStore() { return std::make_unique<MemoryStore>(); }

}  // namespace isvgraph::graph
