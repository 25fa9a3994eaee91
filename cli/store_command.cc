// Store administration: `backup`, `restore`, `export`, `token create|list|revoke`,
// `group join` and `org set` — the operator's commands on a store.

#include <iostream>
#include <vector>

#include "command.h"

namespace isvgraph::cli {
namespace {

class StoreCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    backup_ = app.add_subcommand(
        "backup",
        "A consistent checkpoint of a store nobody serves (while serving: POST /v1/backups)");
    backup_->add_option("--db", db_, "Store directory")->required();
    backup_->add_option("--to", backup_to_, "New directory for the backup")->required();
    restore_ = app.add_subcommand("restore", "Restore a backup into a new store directory");
    restore_->add_option("--from", backup_from_, "The backup directory")->required();
    restore_->add_option("--db", db_, "New store directory")->required();
    export_ = app.add_subcommand("export",
                                 "Sites, links and contracts as the CSV files "
                                 "`isvgraph import` reads (examples/demo's layout)");
    export_->add_option("--db", db_, "Store directory")->required();
    export_->add_option("--out", export_options_.out_dir, "Directory for the files")->required();
    export_->add_option("--org", export_options_.organisation,
                        "Only this organisation's links and contracts (default: all)");

    CLI::App* token = app.add_subcommand("token", "Bearer tokens of organisations");
    token->require_subcommand(1);
    token_create_ = token->add_subcommand(
        "create", "Create a token (and the organisation, if new); prints it once");
    token_create_->add_option("--db", db_, "Store directory")->required();
    token_create_->add_option("--org", organisation_, "Organisation id")->required();
    token_create_->add_option("--role", role_, "viewer, buyer, auditor or admin")
        ->capture_default_str();
    token_create_->add_option("--days", days_, "Days of validity; 0 = no expiry")
        ->check(CLI::Range(0, 3650))
        ->capture_default_str();
    token_create_->add_option("--data", data_, "Risk data directory")->capture_default_str();
    token_list_ = token->add_subcommand("list", "The tokens of an organisation");
    token_list_->add_option("--db", db_, "Store directory")->required();
    token_list_->add_option("--org", organisation_, "Organisation id")->required();
    token_revoke_ = token->add_subcommand("revoke", "Revoke a token by its id");
    token_revoke_->add_option("--db", db_, "Store directory")->required();
    token_revoke_->add_option("--org", organisation_, "Organisation id")->required();
    token_revoke_->add_option("--id", revoke_id_, "Token id (from `token list`), 8+ hex digits")
        ->required();

    CLI::App* group = app.add_subcommand("group", "Audit groups (Swedish model)");
    group->require_subcommand(1);
    group_join_ = group->add_subcommand(
        "join", "Add an organisation to an audit group: members see shared joint-audit candidates");
    group_join_->add_option("--db", db_, "Store directory")->required();
    group_join_->add_option("--org", organisation_, "Organisation id")->required();
    group_join_->add_option("--group", group_, "Audit group id")->required();
    group_join_->add_flag("--yes", yes_,
                          "Join even though other organisations are members already (they will "
                          "read each other's shared audits)");

    CLI::App* store = app.add_subcommand("store", "The chain store itself");
    store->require_subcommand(1);
    migrate_ = store->add_subcommand(
        "migrate",
        "Bring a PostgreSQL store's schema to this build's version (take a backup first); "
        "creates the schema in an empty database");
    migrate_->add_option("--db,--store", db_, "PostgreSQL connection string")->required();

    CLI::App* org = app.add_subcommand("org", "Organisations");
    org->require_subcommand(1);
    org_set_ = org->add_subcommand(
        "set", "Set authority (central, sub_central) and clause level (basic, advanced)");
    org_set_->add_option("--db", db_, "Store directory")->required();
    org_set_->add_option("--org", organisation_, "Organisation id")->required();
    org_set_->add_option("--authority", authority_, "central or sub_central");
    org_set_->add_option("--clause-level", clause_level_, "basic or advanced");
  }

  std::optional<int> Run() override {
    if (backup_->parsed()) return Backup();
    if (restore_->parsed()) return Print(api::RestoreBackup(backup_from_, db_));
    if (export_->parsed()) return Export();
    if (token_create_->parsed()) return TokenCreate();
    if (token_list_->parsed()) return TokenList();
    if (token_revoke_->parsed()) return TokenRevoke();
    if (group_join_->parsed()) return GroupJoin();
    if (org_set_->parsed()) return OrgSet();
    if (migrate_->parsed()) return Migrate();
    return std::nullopt;
  }

 private:
  static int Print(const Result<api::BackupInfo>& info) {
    if (!info) return Fail(info.error());
    std::printf(
        "%s: %zu site(s), %zu link(s), %zu contract(s); %zu file(s), %llu bytes; format %u\n",
        info->path.c_str(), info->sites, info->links, info->contracts, info->files,
        static_cast<unsigned long long>(info->bytes), info->format);
    return 0;
  }

  int Migrate() {
    if (!graph::IsPostgresUrl(db_)) {
      return Fail(Status::InvalidArgument(
          "store migrate upgrades PostgreSQL stores; '" + db_ +
          "' is not a connection string (a RocksDB store needs no migration command)"));
    }
    auto versions = graph::MigratePostgresStore(db_);
    if (!versions) return Fail(versions.error());
    const std::string where = graph::RedactPostgresUrl(db_);
    if (versions->first == versions->second) {
      std::printf("%s: schema version %d, nothing to do\n", where.c_str(), versions->second);
    } else {
      std::printf("%s: schema version %d -> %d\n", where.c_str(), versions->first,
                  versions->second);
    }
    return 0;
  }

  int Backup() {
    auto service = api::Service::Open({.db_path = db_});
    if (!service) return Fail(service.error());
    return Print((*service)->Backup(backup_to_));
  }

  int Export() {
    auto service = OpenExisting({.db_path = db_});
    if (!service) return Fail(service.error());
    auto exported = (*service)->Export(export_options_);
    if (!exported) return Fail(exported.error());
    for (const std::string& file : exported->files) std::printf("%s\n", file.c_str());
    std::fprintf(stderr, "exported %zu site(s), %zu link(s), %zu contract(s)\n", exported->sites,
                 exported->links, exported->contracts);
    return 0;
  }

  int TokenCreate() {
    std::optional<graph::Role> role = graph::kRoles.FromName(role_);
    if (!role) {
      return Fail(Status::InvalidArgument("--role must be " + graph::kRoles.Alternatives()));
    }
    auto service = api::Service::Open({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error());
    auto token = (*service)->CreateToken(
        {.organisation = organisation_, .role = *role, .valid_seconds = days_ * 86400});
    if (!token) return Fail(token.error());
    std::printf("%s\n", token->c_str());
    std::fprintf(
        stderr, "isvgraph: token for organisation %s, role %s, valid %s; it is shown only now\n",
        organisation_.c_str(), role_.c_str(),
        days_ == 0 ? "without expiry" : ("for " + std::to_string(days_) + " days").c_str());
    return 0;
  }

  int TokenList() {
    auto service = api::Service::Open({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error());
    auto tokens = (*service)->ListTokens(organisation_);
    if (!tokens) return Fail(tokens.error());
    std::printf("%-14s %-8s %-12s %-12s %s\n", "id", "role", "created", "expires", "state");
    for (const graph::AccessToken& t : *tokens) {
      std::printf("%-14s %-8s %-12lld %-12lld %s\n", t.hash.substr(0, 12).c_str(), t.role.c_str(),
                  static_cast<long long>(t.created_unix), static_cast<long long>(t.expires_unix),
                  t.revoked ? "revoked" : "active");
    }
    return 0;
  }

  int TokenRevoke() {
    auto service = api::Service::Open({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error());
    if (Status s = (*service)->RevokeToken(organisation_, revoke_id_); !s.ok()) return Fail(s);
    std::fprintf(stderr, "isvgraph: token %s of %s revoked\n", revoke_id_.c_str(),
                 organisation_.c_str());
    return 0;
  }

  int GroupJoin() {
    auto service = OpenExisting({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error());
    // Who is in the group already: they will read this organisation's shared audits, and it
    // theirs. Joining a group others founded needs a deliberate --yes.
    auto members = (*service)->AuditGroupMembers(group_);
    if (!members) return Fail(members.error());
    std::vector<std::string> others;
    for (const std::string& member : *members) {
      if (member != organisation_) others.push_back(member);
    }
    if (others.empty()) {
      std::fprintf(stderr, "isvgraph: audit group %s has no other members\n", group_.c_str());
    } else {
      std::string list;
      for (const std::string& member : others) list += (list.empty() ? "" : ", ") + member;
      std::fprintf(stderr, "isvgraph: audit group %s has %zu member(s): %s\n", group_.c_str(),
                   others.size(), list.c_str());
      if (!yes_) {
        return Fail(Status::InvalidArgument(
            "the group has other members, who would read " + organisation_ +
            "'s shared audits; check that they are who you expect and add --yes"));
      }
    }
    if (Status s = (*service)->JoinAuditGroup(organisation_, group_); !s.ok()) return Fail(s);
    std::fprintf(stderr, "isvgraph: %s is a member of audit group %s\n", organisation_.c_str(),
                 group_.c_str());
    return 0;
  }

  int OrgSet() {
    auto service = OpenExisting({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error());
    Status set = (*service)->SetOrganisationProfile(organisation_, authority_, clause_level_);
    if (!set.ok()) return Fail(set);
    auto org = (*service)->GetOrganisation(organisation_);
    if (!org) return Fail(org.error());
    std::cout << organisation_ << ": authority "
              << (org->authority.empty() ? "central" : org->authority) << ", clause level "
              << (org->clause_level.empty() ? "basic" : org->clause_level) << "\n";
    return 0;
  }

  CLI::App *backup_ = nullptr, *restore_ = nullptr, *export_ = nullptr;
  CLI::App *token_create_ = nullptr, *token_list_ = nullptr, *token_revoke_ = nullptr;
  CLI::App *group_join_ = nullptr, *org_set_ = nullptr, *migrate_ = nullptr;
  std::string db_ = "isvgraph-data";
  std::string data_ = api::DefaultRiskDataDir();
  std::string backup_from_, backup_to_;
  api::ExportOptions export_options_;
  std::string organisation_, role_ = "viewer", revoke_id_, group_;
  std::string authority_, clause_level_;
  int64_t days_ = 365;
  bool yes_ = false;
};

}  // namespace

std::unique_ptr<CommandFamily> NewStoreCommands() { return std::make_unique<StoreCommands>(); }

}  // namespace isvgraph::cli
