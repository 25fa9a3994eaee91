#pragma once

// Audit groups (Swedish model): organisations that share suppliers and audit them together.
// Members see per site how many members reach it — never another member's contracts, prices or
// links. Who is in a group matters (members read each other's shared audits), so an
// organisation may found a new group itself but joins an existing one only through the
// operator.

#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"
#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::audits {

// A group an organisation belongs to, with its members. Members read each other's shared
// audits, so each member sees who the others are (never their contracts, links or values).
struct AuditGroupInfo {
  std::string id;
  int members = 0;
  std::vector<std::string> member_ids;  // by id
};

// The members of a group (by id); empty when nobody belongs to it.
Result<std::vector<std::string>> GroupMembers(const graph::ChainGraph& chains,
                                              const std::string& group);

// The groups of an organisation, by id. NotFound for an unknown organisation.
Result<std::vector<AuditGroupInfo>> ListAuditGroups(const graph::ChainGraph& chains,
                                                    const std::string& organisation);

// The operator adds an organisation to a group (creating the group when it has no members
// yet); a member already in it stays. InvalidArgument for a malformed group id, NotFound for
// an unknown organisation.
Status JoinAuditGroup(graph::ChainGraph& chains, const std::string& organisation,
                      const std::string& group);

// An organisation founds a group on its own behalf: allowed when the group has no members yet
// (or it is already one of them), PermissionDenied when others founded it — they are added by
// the operator (JoinAuditGroup), not by themselves. Otherwise as JoinAuditGroup.
Status FoundAuditGroup(graph::ChainGraph& chains, const std::string& organisation,
                       const std::string& group);

}  // namespace isvgraph::audits
