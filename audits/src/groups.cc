#include "isvgraph/audits/groups.h"

#include <algorithm>

#include "isvgraph/audits/types.h"

namespace isvgraph::audits {

Result<std::vector<AuditGroupInfo>> ListAuditGroups(const graph::ChainGraph& chains,
                                                    const std::string& organisation) {
  auto org = chains.store().GetOrganisation(organisation);
  if (!org) return org.error();
  std::vector<AuditGroupInfo> groups;
  for (const std::string& group : org->audit_groups) groups.push_back({.id = group});
  ISV_RETURN_IF_ERROR(chains.store().ScanOrganisations([&](graph::Organisation&& other) {
    for (AuditGroupInfo& group : groups) {
      if (!IsMember(other, group.id)) continue;
      ++group.members;
      group.member_ids.push_back(other.id);
    }
  }));
  return groups;
}

Result<std::vector<std::string>> GroupMembers(const graph::ChainGraph& chains,
                                              const std::string& group) {
  std::vector<std::string> members;
  ISV_RETURN_IF_ERROR(chains.store().ScanOrganisations([&](graph::Organisation&& other) {
    if (IsMember(other, group)) members.push_back(other.id);
  }));
  return members;
}

Status JoinAuditGroup(graph::ChainGraph& chains, const std::string& organisation,
                      const std::string& group) {
  if (!graph::IsValidOrganisationId(group)) {
    return Status::InvalidArgument(
        "audit group id must be 1-128 letters, digits, '-', '_' or '.'; got '" + group + "'");
  }
  auto org = chains.store().GetOrganisation(organisation);
  if (!org) return org.error();
  std::vector<std::string>& groups = org->audit_groups;
  auto at = std::lower_bound(groups.begin(), groups.end(), group);
  if (at != groups.end() && *at == group) return Status::Ok();
  groups.insert(at, group);
  graph::WriteBatch batch;
  batch.PutOrganisation(std::move(org).value());
  return chains.Apply(std::move(batch));
}

Status FoundAuditGroup(graph::ChainGraph& chains, const std::string& organisation,
                       const std::string& group) {
  auto groups = ListAuditGroups(chains, organisation);
  if (!groups) return groups.error();
  bool member = false;
  for (const AuditGroupInfo& g : *groups) member = member || g.id == group;
  if (!member) {
    bool exists = false;
    ISV_RETURN_IF_ERROR(chains.store().ScanOrganisations(
        [&](graph::Organisation&& other) { exists = exists || IsMember(other, group); }));
    if (exists) {
      return Status::PermissionDenied("audit group '" + group +
                                      "' exists; its members are added by the operator "
                                      "(isvgraph group join), not by themselves");
    }
  }
  return JoinAuditGroup(chains, organisation, group);
}

}  // namespace isvgraph::audits
