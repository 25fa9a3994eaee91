#include "isvgraph/api/demo.h"

#include <filesystem>
#include <fstream>

#include "build_info.h"
#include "isvgraph/api/encode/audits.h"
#include "isvgraph/base/install_layout.h"

namespace isvgraph::api {
namespace {

constexpr const char* kOrganisations[] = {"rws", "utrecht", "bzk", "umc-north", "umc-south"};

// Imports one file, refusing the whole demo on any rejected row: the demo must load clean.
Status ImportClean(Service& service, const std::string& file, importers::ImportKind kind,
                   const std::string& organisation,
                   const std::function<void(const std::string&)>& log) {
  auto report = service.Import({file}, {.kind = kind, .organisation = organisation});
  if (!report) return report.error();
  if (!report->written || !report->rejected.empty()) {
    return Status::DataLoss("demo file " + file + " did not load: " + report->outcome.en);
  }
  if (log) log(std::filesystem::path(file).filename().string() + ": " + report->outcome.en);
  return Status::Ok();
}

}  // namespace

std::string DefaultDemoDir() {
  return InstalledOrSource("examples", ISVGRAPH_EXAMPLES_DIR) + "/demo";
}

Result<DemoTokens> LoadDemo(Service& service, const std::string& demo_dir,
                            const std::function<void(const std::string&)>& log) {
  if (service.Stats().sites > 0) {
    return Status::FailedPrecondition(
        "the store already holds sites; the demo loads only into an empty one");
  }
  namespace fs = std::filesystem;
  const fs::path dir(demo_dir);
  if (!fs::exists(dir / "sites.csv")) return Status::NotFound("no demo data at " + demo_dir);
  ISV_RETURN_IF_ERROR(
      ImportClean(service, (dir / "sites.csv").string(), importers::ImportKind::kSites, "", log));
  for (const char* org : kOrganisations) {
    ISV_RETURN_IF_ERROR(ImportClean(service,
                                    (dir / ("links-" + std::string(org) + ".csv")).string(),
                                    importers::ImportKind::kLinks, org, log));
    ISV_RETURN_IF_ERROR(ImportClean(service,
                                    (dir / ("contracts-" + std::string(org) + ".csv")).string(),
                                    importers::ImportKind::kContracts, org, log));
  }
  for (const char* org : {"rws", "utrecht"})
    ISV_RETURN_IF_ERROR(service.JoinAuditGroup(org, "public-buyers-nl"));
  for (const char* org : {"umc-north", "umc-south", "utrecht"}) {
    ISV_RETURN_IF_ERROR(service.JoinAuditGroup(org, "zorginkoop-nl"));
  }
  ISV_RETURN_IF_ERROR(service.SetOrganisationProfile("utrecht", "sub_central", ""));
  ISV_RETURN_IF_ERROR(service.SetOrganisationProfile("umc-south", "", "advanced"));
  for (const auto& [org, file] : {std::pair{"umc-north", "audit-my-glove.json"},
                                  std::pair{"umc-south", "audit-pk-instr.json"}}) {
    std::ifstream in(dir / file);
    const nlohmann::json body = nlohmann::json::parse(in, nullptr, false);
    if (body.is_discarded())
      return Status::DataLoss("demo file " + std::string(file) + " is not JSON");
    auto audit = AuditFromJson(body);
    if (!audit) return audit.error();
    auto recorded = service.RecordAudit(org, std::move(audit).value());
    if (!recorded) return recorded.error();
    if (log) log(std::string(file) + ": audit " + recorded->id + " recorded by " + org);
  }
  DemoTokens tokens{.admin_organisation = "umc-north"};
  for (const char* org : kOrganisations) {
    auto token = service.CreateToken({.organisation = org, .role = Role::kViewer});
    if (!token) return token.error();
    tokens.viewers.emplace_back(org, *token);
  }
  auto admin =
      service.CreateToken({.organisation = tokens.admin_organisation, .role = Role::kAdmin});
  if (!admin) return admin.error();
  tokens.admin = *admin;
  return tokens;
}

}  // namespace isvgraph::api
