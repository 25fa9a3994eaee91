#pragma once

// The records of the chain store, in the domain's words (docs/architecture.md, "Domain model"). Ids
// are opaque strings ordered byte-wise (the benchmark's "S0000001", an OS ID, a buyer's own
// reference); a record's id is its key in the store.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "isvgraph/base/closed_set.h"

namespace isvgraph::graph {

// How a link is known: the supplier declared it, it was verified (an audit, a document), or it
// is assumed (a template tier, an unidentified smelter). Records keep the name.
enum class LinkConfidence { kDeclared, kVerified, kAssumed };
inline constexpr ClosedSet<LinkConfidence, 3> kLinkConfidences{{"declared", "verified", "assumed"}};

// Roles of a token. Everyone reads; a buyer also writes chain data (sites, links, contracts,
// imports, follow-up); an auditor also records audits, but changes no chain data; an admin does
// both and manages the organisation (tokens, profile, audit groups). An operator runs the
// service (backups, decisions on shared registry sites) and reads no organisation's data.
// Records keep the name.
enum class Role { kViewer, kBuyer, kAuditor, kAdmin, kOperator };
inline constexpr ClosedSet<Role, 5> kRoles{{"viewer", "buyer", "auditor", "admin", "operator"}};

// Organisation id under which links are visible to every organisation (the shared registry,
// e.g. benchmark data or links an organisation chose to publish).
inline constexpr char kPublicOrganisation[] = "public";

// Whether `id` may name an organisation or an audit group: 1-128 letters, digits, '-', '_' or
// '.', and not kPublicOrganisation.
inline bool IsValidOrganisationId(std::string_view id) {
  if (id.empty() || id.size() > 128 || id == kPublicOrganisation) return false;
  for (char c : id) {
    const bool letter_or_digit =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!(letter_or_digit || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

// A facility or company anywhere in a chain. Sites are a shared registry.
struct Site {
  std::string id;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2; "" = unknown (scored as missing data)
  std::string region;   // ISO 3166-2, optional
  std::string sector;   // sector id of the risk taxonomy (or of the benchmark's)
  std::string role;     // buyer, supplier, manufacturer, processor, raw_material, …
  std::optional<double> lat;
  std::optional<double> lon;
  std::map<std::string, std::string> external_ids;  // scheme → value: os_id, rmi_cid, lei, duns

  bool operator==(const Site&) const = default;
};

// supplier → customer, disclosed by one organisation (private to it unless it is
// kPublicOrganisation).
struct SupplyLink {
  std::string organisation;
  std::string supplier_id;
  std::string customer_id;
  std::string product;
  double share = 0;                     // supplier's share of the customer's inbound supply, 0..1
  std::string confidence = "declared";  // declared | verified | assumed
  std::string source;                   // document or import it came from

  bool operator==(const SupplyLink&) const = default;
};

// One step of a contract's ISV follow-up (PIANOo "Fase 3"): the supplier's deliverables
// (risk_analysis_received, plan_agreed, annual_report) and the escalation ladder (talks,
// external_advice, investigation, default_notice, fine, termination).
struct FollowUpStep {
  std::string step;
  std::string date;  // YYYY-MM-DD
  std::string note;
  // Whose conduct the case is about, since what can be demanded depends on it: 0 the
  // contractor itself, 1 its tier-1 supplier, 2 further up the chain.
  int tier = 0;

  bool operator==(const FollowUpStep&) const = default;
};

// A public contract: owned by one organisation, held by its tier-1 site.
struct Contract {
  std::string id;
  std::string organisation;
  std::string buyer_site_id;  // the contracting authority as a site (optional)
  std::string tier1_site_id;
  std::string title;
  std::string cpv;
  int64_t value_eur = 0;
  // How value_eur was found when the source gave another currency ("1095600 USD at the ECB euro
  // reference rate of 2024-01-02 (1.0956 USD per euro)", or why it could not be); "" = in euro.
  std::string value_note;
  std::string chain_type;              // product group or the benchmark's chain type
  std::vector<FollowUpStep> followup;  // in the order recorded

  bool operator==(const Contract&) const = default;
};

// A bearer token of an organisation. Only the SHA-256 of the token is stored.
struct AccessToken {
  std::string hash;  // hex SHA-256 of the token; the key
  std::string organisation;
  std::string role;  // viewer | buyer | auditor | admin
  int64_t created_unix = 0;
  int64_t expires_unix = 0;  // 0 = never
  bool revoked = false;

  bool operator==(const AccessToken&) const = default;
};

// A contracting authority or other buyer: a tenant of the store.
struct Organisation {
  std::string id;
  std::string name;
  // Audit groups it belongs to (Swedish model), sorted. Members of a group see how many of the
  // group's organisations reach a flagged site — never each other's contracts, links or values.
  std::vector<std::string> audit_groups;
  // central | sub_central: which EU thresholds bind it (the ISV clause is mandatory for central
  // government only). "" = not recorded, taken as central.
  std::string authority;
  // basic | advanced: the level of the sustainability clause in its contracts (Swedish model).
  // An audit counts for it only when done under a clause at least this strict. "" = basic.
  std::string clause_level;

  bool operator==(const Organisation&) const = default;
};

// One finding of an audit, graded as RBA does.
struct AuditFinding {
  std::string theme;  // theme id, e.g. "forced_labour"
  std::string grade;  // priority | major | minor
  std::string text;

  bool operator==(const AuditFinding&) const = default;
};

// One item of a corrective-action plan (CAP).
struct CorrectiveAction {
  int finding = 0;  // index into Audit::findings
  std::string action;
  std::string owner;     // who must act, e.g. "supplier: HR manager"
  std::string deadline;  // YYYY-MM-DD
  std::string status;    // open | in_progress | done | verified

  bool operator==(const CorrectiveAction&) const = default;
};

// An audit of a site: a self-assessment, a desk (office) audit, a site audit or a follow-up.
// Recorded by one organisation; shared with the members of `audit_group` when set.
struct Audit {
  std::string id;  // the key
  std::string site_id;
  std::string organisation;  // who recorded it (the lead)
  std::string audit_group;   // "" = the organisation's own
  std::string type;          // self_assessment | desk | site | follow_up
  std::string date;          // YYYY-MM-DD it was done
  std::string valid_until;   // YYYY-MM-DD (default: two years after `date`)
  std::string clause_level;  // basic | advanced: the clause it was done under
  std::string auditor;
  std::string summary;
  std::vector<AuditFinding> findings;
  std::vector<CorrectiveAction> actions;

  bool operator==(const Audit&) const = default;
};

// One field of a record before and after a write.
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;

  bool operator==(const FieldChange&) const = default;
};

// What one write did to one site: created, changed (with the fields), deleted, or written (a
// bulk write, whose fields are not compared one by one).
struct SiteChange {
  std::string site_id;
  std::string kind;  // created | changed | deleted | written
  std::vector<FieldChange> fields;

  bool operator==(const SiteChange&) const = default;
};

// Who wrote what, and when: one entry per write (ChainGraph::Apply writes it with the batch), kept
// for good. Every site the write touched keeps its own change in its history
// (ChainStore::ScanSiteHistory); the entry itself lists the first kListedSites of them.
struct JournalEntry {
  static constexpr size_t kListedSites = 100;

  uint64_t seq = 0;          // the key: increasing, assigned when the write is applied
  int64_t time_unix = 0;     // when, by the graph's clock
  std::string organisation;  // who: the writing organisation; "" = the operator (the CLI)
  std::string token_id;      // with which token (the first 12 hex digits of its hash), or ""
  std::string what;          // the write in words: "PUT /v1/sites/S1", "import of list.csv"
  size_t records = 0;        // records written in all
  size_t site_count = 0;     // sites written or deleted
  std::vector<SiteChange> sites;

  bool operator==(const JournalEntry&) const = default;
};

// Who writes a batch, for the journal (WriteBatch::set_author).
struct Author {
  std::string organisation;  // "" = the operator
  std::string token_id;
  std::string what;

  bool operator==(const Author&) const = default;
};

// The fields in which `after` differs from `before`, in a fixed order (name, country, region,
// sector, role, lat, lon, then external_ids.<scheme>); absent values are "".
std::vector<FieldChange> CompareSites(const Site& before, const Site& after);

// Where a proposal stands.
enum class ProposalState { kPending, kAccepted, kRejected, kWithdrawn };
inline constexpr ClosedSet<ProposalState, 4> kProposalStates{
    {"pending", "accepted", "rejected", "withdrawn"}};

// A change to a registry site that other organisations' chains use: it waits for them (or the
// operator) instead of changing what their chains say.
struct SiteProposal {
  uint64_t id = 0;  // the key: 1, 2, … in the order proposed (0 is refused)
  std::string site_id;
  std::string organisation;  // who proposes
  std::string token_id;
  int64_t time_unix = 0;
  Site proposed;                     // the whole record as it would be
  std::vector<FieldChange> changes;  // against the site as stored when proposed
  // Organisations whose consent it waits for; kPublicOrganisation for public links (the
  // operator decides for those).
  std::vector<std::string> consent;
  std::vector<std::string> accepted;  // of those, who accepted
  std::string state = "pending";
  std::string decided_by;  // who accepted last or rejected ("operator" for the operator)
  int64_t decided_unix = 0;

  bool operator==(const SiteProposal&) const = default;
};

}  // namespace isvgraph::graph
