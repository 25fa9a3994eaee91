#pragma once

// Service: the one front door of isvgraph. The REST adapter and the CLI call these use cases and
// nothing below them: the rules (who may write what, what already exists, what a replacement
// keeps) live here and in the domain modules (audits/, contracts/), never in a handler or a
// command. Neither HTTP nor JSON types appear here.
// Thread-safety: every method may be called from many threads at once.
// Ownership: owns the store it opened; move-only through unique_ptr.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/audits/alerts.h"
#include "isvgraph/audits/candidates.h"
#include "isvgraph/audits/groups.h"
#include "isvgraph/audits/plan.h"
#include "isvgraph/base/result.h"
#include "isvgraph/contracts/assessment.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/importers/record_import.h"
#include "isvgraph/maps/boundaries.h"
#include "isvgraph/maps/map_layers.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::api {

class StoreFollower;  // src/store_follower.h

// What this binary is and how it was built.
struct BuildInfo {
  std::string name;         // "isvgraph"
  std::string version;      // semantic version of the program, e.g. "0.1.0"
  std::string git_commit;   // short commit the build was configured from, or "unknown"
  std::string build_type;   // CMake build type, e.g. "Debug", "RelWithDebInfo"
  std::string compiler;     // compiler id and version
  bool sanitizers = false;  // built with a sanitizer (ASan and UBSan, or TSan)
};

// The build of the running binary.
BuildInfo CurrentBuild();

struct HealthReport {
  bool ok = false;            // the service can answer requests
  std::string store_path;     // directory of the open store
  uint32_t store_format = 0;  // its format version
  // Site names of every country are in memory (PreloadSiteNames has finished): no match waits
  // for its country to be read. False right after start, or after a bulk import.
  bool site_names_ready = false;
  // The store's caches and write buffers (graph::StoreMemory): they grow until full, so an
  // operator can tell their growth from the process's.
  graph::StoreMemory store_memory;
  // Servers sharing a PostgreSQL store (ServiceOptions::follow_store): how far this one's index
  // is behind the store's journal. `shared` false: nothing to follow.
  struct Following {
    bool shared = false;
    uint64_t applied_seq = 0, store_seq = 0;
    int64_t checked_unix = 0;  // last successful read of the store (0: not yet)
    bool store_reachable = true;
    std::string error;
    uint64_t catch_ups = 0;          // times the index followed other servers' writes
    uint64_t patched_catch_ups = 0;  // of those, patched from the writes' index changes
  } following;
};

// The risk-data directory: share/isvgraph/riskdata of an installed binary, else the one this
// build was configured with (riskdata/data in the source tree).
std::string DefaultRiskDataDir();

// Loads the knowledge base on its own (no store), for questions that need only risk data (the
// CLI's `risk`, `tender` and `map risk`).
Result<std::unique_ptr<riskdata::KnowledgeBase>> LoadKnowledgeBase(
    const std::string& data_dir, double flag_threshold = riskdata::kDefaultFlagThreshold);

// Every country's score for one theme, with the indicators behind it in the text (no store).
// Title, values and credits in `language`.
maps::Choropleth CountryRiskMap(const riskdata::KnowledgeBase& kb,
                                const maps::Boundaries& boundaries, riskdata::Theme theme,
                                i18n::Language language = i18n::Language::kEnglish);

using graph::Role;

// Who is asking: the organisation and role of a valid token.
struct Principal {
  std::string organisation;
  Role role = Role::kViewer;
  std::string token_id;  // the first 12 hex digits of the token's hash (as token lists show)
};

struct TokenOptions {
  std::string organisation;  // created when it does not exist yet. Required.
  Role role = Role::kViewer;
  int64_t valid_seconds = 365 * 86400;  // 0 = never expires. Default one year.
};

struct ServiceOptions {
  // The chain store: a RocksDB directory, or a PostgreSQL connection string
  // ("postgresql://…", or "host=… dbname=…"; graph::IsPostgresUrl). Required.
  std::string db_path;
  // Create an empty store when there is none at db_path. When false, Open answers NotFound
  // ("no store at …") instead: for commands that only make sense on an existing store.
  // Default true.
  bool create_if_missing = true;
  // Directory of the risk knowledge base. Default: DefaultRiskDataDir().
  std::string risk_data_dir = DefaultRiskDataDir();
  // Theme score at or above which a site is flagged, 0..1. Default kDefaultFlagThreshold.
  double flag_threshold = riskdata::kDefaultFlagThreshold;
  // Seconds since the epoch; injected so that tests can move time. Default: the system clock.
  std::function<int64_t()> now_unix;
  // Directory of the boundary files (maps/data), loaded on first use. Default: DefaultMapDataDir().
  std::string map_data_dir = maps::DefaultMapDataDir();
  // A server (`serve`): a PostgreSQL store is opened shared with other servers, whose writes
  // this one follows (docs/scaling.md). Otherwise (one-off commands) the store is held against
  // other such commands. No effect on a RocksDB store, which one process opens at a time.
  bool follow_store = false;
};

// A registry site checked against its coordinates.
struct LocationSurvey {
  size_t sites = 0;             // in the registry
  size_t with_coordinates = 0;  // of which checked
  size_t agree = 0, near_border = 0;
  std::vector<std::pair<std::string, maps::CountryCheck>> conflicts;  // (site id, check)
};

struct BackupInfo {
  std::string path;
  uint64_t bytes = 0;
  size_t files = 0;
  uint32_t format = 0;
  size_t sites = 0, links = 0, contracts = 0;  // as the copy holds them
};

struct ExportOptions {
  std::string out_dir;       // created when missing; files in it are replaced. Required.
  std::string organisation;  // whose links and contracts; "" = every organisation's
};

struct ExportReport {
  size_t sites = 0, links = 0, contracts = 0;
  std::vector<std::string> files;  // in the order written
};

// What a site-match candidate matched in the registry (importers::MatchSites), with the site.
struct SiteMatch {
  importers::MatchAnswer answer;
  std::optional<graph::Site> site;
};

// What a change to a registry site came to (ReplaceSite, imports whose rows differ).
struct SiteWriteOutcome {
  enum class Kind { kUnchanged, kCreated, kApplied, kProposed };
  Kind kind = Kind::kUnchanged;
  std::vector<graph::FieldChange> changes;      // against the stored site
  std::optional<graph::SiteProposal> proposal;  // kProposed
};

// Which proposals a list shows.
struct ProposalQuery {
  std::string state;    // "" = every state, else a name of graph::kProposalStates
  std::string site_id;  // "" = every site
};

class Service {
 public:
  // Loads the knowledge base, then opens the store. Returns the knowledge base's errors
  // (riskdata::KnowledgeBase::Load, naming file and line) or the store's (graph::OpenRocksStore;
  // NotFound "no store at …" without create_if_missing).
  static Result<std::unique_ptr<Service>> Open(const ServiceOptions& options);

  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // --- the service itself (service.cc) ------------------------------------------------------
  HealthReport Health() const;
  BuildInfo Version() const { return CurrentBuild(); }
  // Today's date (UTC) by the service clock, YYYY-MM-DD.
  std::string Today() const;
  // The risk knowledge base in use (read-only reference data). A reload may switch to another
  // edition at any time: keep the pointer for the whole of one answer, so that its parts come
  // from one edition.
  std::shared_ptr<const riskdata::KnowledgeBase> risk() const;
  // The directory the risk data is read from, at the start and on every reload.
  const std::string& risk_data_dir() const { return risk_data_dir_; }
  // The id of the methodology chain answers are scored by.
  std::string MethodologyId() const;
  // The boundaries (Natural Earth), loaded on first use; their load error, if any, every time.
  Result<const maps::Boundaries*> boundaries() const;
  // Counts of what the chain index holds.
  graph::IndexStats Stats() const;
  // Reads every country's site names for matching, until done or `stop` says so (a server does
  // this in the background after its start; matches never wait for a country then).
  void PreloadSiteNames(const std::function<bool()>& stop) const;

  // --- risk-data editions (service_risk_data.cc) --------------------------------------------
  // What a reload did: the editions before and after, and how long each step took.
  struct RiskDataReload {
    std::shared_ptr<const riskdata::KnowledgeBase> before, after;
    double load_ms = 0;     // reading and checking the directory
    double rescore_ms = 0;  // rescoring every site of the chain index
  };
  // Reads risk_data_dir() again and switches to it: the chain index is rescored with the new
  // edition (queries meanwhile see the old one), then every later answer uses it. One reload at a
  // time (a second waits). FailedPrecondition, naming the file and line, when the directory does
  // not load; the edition in use stays then. Called by SIGHUP and POST /v1/risk-data/reload.
  Result<RiskDataReload> ReloadRiskData();
  struct ReloadCounts {
    uint64_t done = 0, failed = 0;
  };
  ReloadCounts Reloads() const { return {reloads_done_.load(), reloads_failed_.load()}; }

  // --- tokens and organisations (tokens.cc) -------------------------------------------------
  // Issues a bearer token for an organisation (creating the organisation if needed) and returns
  // it; only its SHA-256 is stored, so it cannot be shown again. InvalidArgument for an empty
  // or malformed organisation id or a negative validity.
  Result<std::string> CreateToken(const TokenOptions& options);
  // The principal of a token. NotFound for an unknown, expired or revoked token (one answer
  // for all three, so that a caller learns nothing about other tokens).
  Result<Principal> Authenticate(std::string_view token) const;
  // The tokens of an organisation (never the tokens themselves: the first 12 hex digits of their
  // hash identify them), oldest first.
  Result<std::vector<graph::AccessToken>> ListTokens(const std::string& organisation) const;
  // Revokes the organisation's token whose hash starts with `hash_prefix` (at least 8 hex
  // digits). NotFound when none matches, InvalidArgument when the prefix is too short or
  // matches more than one.
  Status RevokeToken(const std::string& organisation, const std::string& hash_prefix);
  // NotFound for an unknown organisation.
  Result<graph::Organisation> GetOrganisation(const std::string& id) const;
  // The ids of every organisation in the store, in key order.
  Result<std::vector<std::string>> OrganisationIds() const;
  // Sets what an organisation is: authority (riskdata::kAuthorities) and the level of its
  // sustainability clause (audits::kClauseLevels). InvalidArgument for other values, NotFound
  // for an unknown organisation. Empty arguments leave the field as it is.
  Status SetOrganisationProfile(const std::string& organisation, const std::string& authority,
                                const std::string& clause_level);

  // --- registry and chain records (service_records.cc) --------------------------------------
  // Reads and writes are made as a viewer: an organisation sees and writes its own links and
  // contracts (graph::ChainGraph::ApplyAs); sites are a shared registry. Writes that fail
  // validation are refused whole: InvalidArgument with every problem in *problems when given;
  // nothing is written then.
  Result<graph::Page<graph::Site>> ListSites(const graph::SiteFilter& filter,
                                             const std::string& after, size_t limit) const;
  Result<graph::Site> GetSite(const std::string& id) const;
  // AlreadyExists when a site has the id (a replacement is ReplaceSite).
  Status CreateSite(const graph::Viewer& writer, graph::Site site,
                    std::vector<graph::WriteProblem>* problems = nullptr);
  // A site that other organisations' links or contracts use (or public links) is not changed
  // by one organisation alone: the change becomes a proposal they (or, for public links, the
  // operator) accept or reject. An `all` writer (the operator) changes it at once. A site only
  // the writer uses, or a new one, is written. Nothing is written when nothing changes.
  Result<SiteWriteOutcome> ReplaceSite(const graph::Viewer& writer, graph::Site site,
                                       std::vector<graph::WriteProblem>* problems = nullptr);
  // NotFound for an unknown site; FailedPrecondition while links or contracts use it.
  Status DeleteSite(const graph::Viewer& writer, const std::string& id);

  // --- who changed the registry (service_registry.cc) ---------------------------------------
  // Every write that touched the site, oldest first, with who, when, with which token and what
  // changed field by field. NotFound when the site neither exists nor has a history.
  Result<std::vector<graph::JournalEntry>> SiteHistory(const std::string& site_id) const;
  // Proposals the viewer takes part in: its own, those waiting for its consent (or once did);
  // an `all` viewer (the operator) sees every one. Newest first. A store read error is returned.
  Result<std::vector<graph::SiteProposal>> ListProposals(const graph::Viewer& viewer,
                                                         const ProposalQuery& query) const;
  // A decision on a pending proposal. Accept: by an organisation whose consent it waits for;
  // the change is written when the last one accepts, or at once when the operator (an `all`
  // decider) accepts. Reject: by any of them or the operator; the proposer's own reject
  // withdraws it. NotFound for a proposal the decider takes no part in; FailedPrecondition
  // when it is no longer pending. Returns the proposal as it now stands.
  Result<graph::SiteProposal> DecideProposal(const graph::Viewer& decider, uint64_t id,
                                             bool accept);

  Result<graph::Page<graph::SupplyLink>> ListLinks(const graph::Viewer& viewer,
                                                   const std::string& after, size_t limit) const;
  // The viewer's link with the key fields of `key` (its organisation is the viewer's).
  Result<graph::SupplyLink> GetLink(const graph::Viewer& viewer, graph::SupplyLink key) const;
  // The link becomes the writer's. AlreadyExists when the writer has a link with its key.
  Status CreateLink(const graph::Viewer& writer, graph::SupplyLink link,
                    std::vector<graph::WriteProblem>* problems = nullptr);
  Status ReplaceLink(const graph::Viewer& writer, graph::SupplyLink link,
                     std::vector<graph::WriteProblem>* problems = nullptr);
  Status DeleteLink(const graph::Viewer& writer, graph::SupplyLink key);

  Result<graph::Page<graph::Contract>> ListContracts(const graph::Viewer& viewer,
                                                     const std::string& after, size_t limit) const;
  // NotFound for another organisation's contract (the same answer as for none).
  Result<graph::Contract> GetContract(const graph::Viewer& viewer, const std::string& id) const;
  // The contract becomes the writer's. AlreadyExists when the writer has one with its id.
  Status CreateContract(const graph::Viewer& writer, graph::Contract contract,
                        std::vector<graph::WriteProblem>* problems = nullptr);
  // A replacement keeps the contract's follow-up steps (their own resource). Returns what was
  // stored.
  Result<graph::Contract> ReplaceContract(const graph::Viewer& writer, graph::Contract contract,
                                          std::vector<graph::WriteProblem>* problems = nullptr);
  Status DeleteContract(const graph::Viewer& writer, const std::string& id);

  // A batch written as the operator (every organisation's records, organisations and tokens):
  // the demo, tests and administrative tools. Not reachable over HTTP.
  Status WriteAsOperator(graph::WriteBatch batch,
                         std::vector<graph::WriteProblem>* problems = nullptr);

  // --- chains and contracts (service_contracts.cc) ------------------------------------------
  // A contract's chain exposure; NotFound as GetContract.
  Result<graph::ChainExposure> Exposure(const graph::Viewer& viewer, const std::string& contract_id,
                                        const graph::ExposureOptions& options = {}) const;
  // Every contract's exposure the viewer sees (flagged sites), in contract-id order.
  void ForEachExposure(const graph::Viewer& viewer,
                       const std::function<void(const graph::ChainExposure&)>& visit) const;
  // The assessment of a contract (contracts::AssessContract).
  Result<contracts::ContractAssessment> AssessContract(const graph::Viewer& viewer,
                                                       const std::string& contract_id) const;
  // The same with another edition of the risk data (api/data_diff.h compares the two).
  Result<contracts::ContractAssessment> AssessContractWith(const riskdata::KnowledgeBase& kb,
                                                           const graph::Viewer& viewer,
                                                           const std::string& contract_id) const;
  // The chain of a contract as a map, from a new assessment or one already made.
  Result<maps::ChainMap> ContractMap(const graph::Viewer& viewer, const std::string& contract_id,
                                     i18n::Language language = i18n::Language::kEnglish) const;
  // The chain map as PNG for the contract report; "" (and a note in the assessment) when none of
  // its sites can be placed or the boundaries are missing.
  std::string ChainMapPng(contracts::ContractAssessment& assessment,
                          i18n::Language language = i18n::Language::kEnglish) const;
  // Appends an ISV follow-up step (contracts::RecordFollowUp).
  Result<graph::Contract> RecordFollowUp(const std::string& organisation,
                                         const std::string& contract_id, graph::FollowUpStep step);

  // --- joint audits (service_audits.cc); `today` is the service clock's where not given -----
  Result<std::vector<audits::AuditGroupInfo>> ListAuditGroups(
      const std::string& organisation) const;
  // The members of a group, by id (what the operator sees before adding one).
  Result<std::vector<std::string>> AuditGroupMembers(const std::string& group) const;
  // The operator adds an organisation to a group (audits::JoinAuditGroup).
  Status JoinAuditGroup(const std::string& organisation, const std::string& group);
  // An organisation founds a group itself (audits::FoundAuditGroup).
  Status FoundAuditGroup(const std::string& organisation, const std::string& group);
  // Flagged sites that the organisation's contracts and other members' reach.
  std::vector<audits::SharedSite> SharedSites(const graph::Viewer& viewer, size_t limit) const;
  Result<std::vector<audits::AuditCandidate>> RankAuditCandidates(
      const std::string& organisation, const std::string& group,
      audits::CandidateOptions options) const;
  Result<audits::AuditPlan> PlanAudits(const std::string& organisation, const std::string& group,
                                       audits::PlanOptions options) const;
  Result<graph::Audit> RecordAudit(const std::string& organisation, graph::Audit audit);
  Result<graph::Audit> GetAudit(const std::string& organisation, const std::string& id) const;
  Result<std::vector<graph::Audit>> ListAudits(const std::string& organisation,
                                               const std::string& site_id = "") const;
  Result<std::vector<audits::Alert>> Alerts(const std::string& organisation,
                                            audits::AlertOptions options) const;

  // --- imports and maps (service_imports.cc) ------------------------------------------------
  // Imports files (importers::ImportFiles) into the store, matched and scored with the
  // knowledge base. Sites with coordinates are located first (import → locate → score): a
  // province such as CN-XJ comes from the coordinates when the row gives none, and a declared
  // country the coordinates contradict is flagged in the report (maps::Boundaries).
  Result<importers::ImportReport> Import(const std::vector<std::string>& files,
                                         const importers::ImportOptions& options);
  // How the imports since the service opened ended (the server's metrics).
  struct ImportCounts {
    uint64_t written = 0;      // written, whole or with accept_partial
    uint64_t not_written = 0;  // refused for rejected rows, or nothing to write
    uint64_t dry_runs = 0;
    uint64_t failed = 0;  // an error: a file that cannot be read, a store that refused
    uint64_t rows_accepted = 0;
    uint64_t rows_rejected = 0;
  };
  ImportCounts Imports() const;
  // What each candidate would match in the registry, without writing.
  std::vector<SiteMatch> MatchSites(const std::vector<graph::Site>& candidates) const;
  // A registry site against its declared country. NotFound for an unknown site,
  // FailedPrecondition for one without coordinates.
  Result<maps::CountryCheck> CheckSiteLocation(const std::string& site_id) const;
  // Every registry site with coordinates checked against its declared country.
  Result<LocationSurvey> SurveySiteLocations() const;
  // Every country's score for one theme, with the indicators behind it in the text.
  Result<maps::Choropleth> CountryRiskMap(riskdata::Theme theme,
                                          i18n::Language language = i18n::Language::kEnglish) const;

  // --- store administration (service_admin.cc) ----------------------------------------------
  // A checkpoint of the store in `dir`, which must not exist (FailedPrecondition), readable by
  // the service's user only. One backup at a time: FailedPrecondition while another is taken.
  Result<BackupInfo> Backup(const std::string& dir) const;
  // The store's chain data as the files `isvgraph import` reads (export.h's layout).
  // InvalidArgument without out_dir, NotFound for an unknown organisation, IoError when a file
  // cannot be written.
  Result<ExportReport> Export(const ExportOptions& options) const;

 private:
  // Tests that check the whole store after a crash, a backup or an isolation sweep read it
  // through this (tests/api/service_internals.h); nothing else reaches the engine.
  friend struct ServiceInternals;

  Service(std::shared_ptr<const riskdata::KnowledgeBase> risk,
          std::unique_ptr<graph::ChainGraph> chains, std::function<int64_t()> now_unix,
          const ServiceOptions& options);
  std::string TodayOr(const std::string& today) const { return today.empty() ? Today() : today; }

  mutable std::mutex risk_mutex_;
  std::shared_ptr<const riskdata::KnowledgeBase> risk_;  // GUARDED_BY(risk_mutex_)
  const std::string risk_data_dir_;
  const double flag_threshold_;
  std::mutex reload_mutex_;  // one reload at a time
  std::atomic<uint64_t> reloads_done_{0}, reloads_failed_{0};
  std::unique_ptr<graph::ChainGraph> chains_;
  std::unique_ptr<StoreFollower> follower_;  // after chains_: stopped before it goes
  std::function<int64_t()> now_unix_;
  struct LazyBoundaries;  // loaded once, on first use (0.3 s; most commands never draw a map)
  std::unique_ptr<LazyBoundaries> boundaries_;
  struct TokenCache;  // src/token_cache.h
  std::unique_ptr<TokenCache> token_cache_;
  mutable std::mutex backup_mutex_;  // one backup at a time
  // ImportCounts, counted by Import().
  std::atomic<uint64_t> imports_written_{0}, imports_not_written_{0}, imports_dry_run_{0},
      imports_failed_{0}, rows_accepted_{0}, rows_rejected_{0};

  // Makes each difference of an import a site change of the importer (written or proposed)
  // and says which in its outcome; none when nothing of the import was written.
  void ApplyDifferences(const importers::ImportOptions& options, importers::ImportReport& report);
  // A change to a stored or new site under registry_mutex_ (ReplaceSite, imports).
  Result<SiteWriteOutcome> ChangeSiteLocked(const graph::Viewer& writer, graph::Site site,
                                            std::vector<graph::WriteProblem>* problems);
  // Site changes and proposal decisions one at a time: a decision reads the proposal, then
  // writes it, and proposal ids are counted here.
  std::mutex registry_mutex_;
};

// The path for a backup taken now under `parent`: isvgraph-YYYYMMDD-HHMMSS[-n].
std::string NewBackupPath(const std::string& parent);

// Copies the backup to `db_dir` (which must not exist), opens it and counts its records.
// NotFound for a missing backup, FailedPrecondition when db_dir exists, and the store's open
// errors for a backup that is not a good store (the copy is then removed again).
Result<BackupInfo> RestoreBackup(const std::string& backup_dir, const std::string& db_dir);

// The columns of each exported file, in order: canonical import columns (importers::Columns).
const std::vector<std::string>& ExportSiteColumns();
const std::vector<std::string>& ExportLinkColumns();
const std::vector<std::string>& ExportContractColumns();

}  // namespace isvgraph::api
