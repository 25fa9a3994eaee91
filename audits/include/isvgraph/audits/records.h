#pragma once

// Audit records: a self-assessment, desk audit, site audit or follow-up of a site, with findings
// graded as RBA does and a corrective-action plan (CAP), recorded by one organisation and
// shared with one of its audit groups. An organisation sees its own audits and those shared
// with a group it belongs to; any other audit is answered as if it did not exist.

#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::audits {

// Checks and stores an audit recorded by `organisation`. Checks: the site exists; type, grades,
// CAP statuses and dates are valid; the CAP items name existing findings; the group, when given,
// is one the organisation belongs to. An id names one of the organisation's own audits, which is
// then replaced; any other id is not used and the audit gets a new one (site, date and a
// number), the same answer whether or not another organisation has an audit of that id.
// valid_until defaults to two years after the date, clause_level to the organisation's.
// InvalidArgument listing every problem (nothing is written then); NotFound for an unknown
// organisation.
Result<graph::Audit> RecordAudit(graph::ChainGraph& chains, const std::string& organisation,
                                 graph::Audit audit);

// An audit the organisation may see. NotFound for any other (the same answer as for none).
Result<graph::Audit> GetAudit(const graph::ChainGraph& chains, const std::string& organisation,
                              const std::string& id);

// The audits the organisation may see (of one site when `site_id` is given), newest first.
// Empty for an unknown organisation.
Result<std::vector<graph::Audit>> ListAudits(const graph::ChainGraph& chains,
                                             const std::string& organisation,
                                             const std::string& site_id = "");

}  // namespace isvgraph::audits
