// The registry and the chain records (sites, links, contracts) as use cases: what exists is
// checked here, writes go through the chain graph as the writer's organisation.

#include "isvgraph/api/service.h"

namespace isvgraph::api {

Status Service::WriteAsOperator(graph::WriteBatch batch,
                                std::vector<graph::WriteProblem>* problems) {
  return chains_->Apply(std::move(batch), problems);
}

// --- sites -------------------------------------------------------------------------------------

Result<graph::Page<graph::Site>> Service::ListSites(const graph::SiteFilter& filter,
                                                    const std::string& after, size_t limit) const {
  return chains_->ListSites(filter, after, limit);
}

Result<graph::Site> Service::GetSite(const std::string& id) const {
  return chains_->store().GetSite(id);
}

Status Service::CreateSite(const graph::Viewer& writer, graph::Site site,
                           std::vector<graph::WriteProblem>* problems) {
  if (chains_->store().GetSite(site.id)) {
    return Status::AlreadyExists("site '" + site.id + "' exists");
  }
  graph::WriteBatch batch;
  batch.PutSite(std::move(site));
  return chains_->ApplyAs(writer, std::move(batch), problems);
}

Result<SiteWriteOutcome> Service::ReplaceSite(const graph::Viewer& writer, graph::Site site,
                                              std::vector<graph::WriteProblem>* problems) {
  std::lock_guard lock(registry_mutex_);
  return ChangeSiteLocked(writer, std::move(site), problems);
}

Status Service::DeleteSite(const graph::Viewer& writer, const std::string& id) {
  if (auto site = chains_->store().GetSite(id); !site) return site.error();
  graph::WriteBatch batch;
  batch.DeleteSite(id);
  return chains_->ApplyAs(writer, std::move(batch));
}

// --- links -------------------------------------------------------------------------------------

Result<graph::Page<graph::SupplyLink>> Service::ListLinks(const graph::Viewer& viewer,
                                                          const std::string& after,
                                                          size_t limit) const {
  return chains_->ListLinks(viewer, after, limit);
}

Result<graph::SupplyLink> Service::GetLink(const graph::Viewer& viewer,
                                           graph::SupplyLink key) const {
  key.organisation = viewer.organisation;
  return chains_->GetLink(viewer, std::move(key));
}

namespace {

// A site supplying itself says nothing about a chain and only hides mistakes; the graph accepts
// such links (the benchmark's trading rings have them), the front door does not.
Status SelfLoop(std::vector<graph::WriteProblem>* problems) {
  graph::WriteProblem problem{"link", "supplier_id", "a site cannot supply itself"};
  if (problems) problems->push_back(problem);
  return Status::InvalidArgument("1 problem(s); nothing was written: " + problem.ToString());
}

}  // namespace

Status Service::CreateLink(const graph::Viewer& writer, graph::SupplyLink link,
                           std::vector<graph::WriteProblem>* problems) {
  link.organisation = writer.organisation;
  if (link.supplier_id == link.customer_id) return SelfLoop(problems);
  if (chains_->GetLink(writer, link)) return Status::AlreadyExists("this link exists");
  graph::WriteBatch batch;
  batch.PutLink(link);
  return chains_->ApplyAs(writer, std::move(batch), problems);
}

Status Service::ReplaceLink(const graph::Viewer& writer, graph::SupplyLink link,
                            std::vector<graph::WriteProblem>* problems) {
  link.organisation = writer.organisation;
  if (link.supplier_id == link.customer_id) return SelfLoop(problems);
  graph::WriteBatch batch;
  batch.PutLink(link);
  return chains_->ApplyAs(writer, std::move(batch), problems);
}

Status Service::DeleteLink(const graph::Viewer& writer, graph::SupplyLink key) {
  key.organisation = writer.organisation;
  if (auto link = chains_->GetLink(writer, key); !link) return link.error();
  graph::WriteBatch batch;
  batch.DeleteLink(std::move(key));
  return chains_->ApplyAs(writer, std::move(batch));
}

// --- contracts ---------------------------------------------------------------------------------

Result<graph::Page<graph::Contract>> Service::ListContracts(const graph::Viewer& viewer,
                                                            const std::string& after,
                                                            size_t limit) const {
  return chains_->ListContracts(viewer, after, limit);
}

Result<graph::Contract> Service::GetContract(const graph::Viewer& viewer,
                                             const std::string& id) const {
  return chains_->GetContract(viewer, id);
}

Status Service::CreateContract(const graph::Viewer& writer, graph::Contract contract,
                               std::vector<graph::WriteProblem>* problems) {
  contract.organisation = writer.organisation;
  if (chains_->GetContract(writer, contract.id)) {
    return Status::AlreadyExists("contract '" + contract.id + "' exists");
  }
  graph::WriteBatch batch;
  batch.PutContract(std::move(contract));
  return chains_->ApplyAs(writer, std::move(batch), problems);
}

Result<graph::Contract> Service::ReplaceContract(const graph::Viewer& writer,
                                                 graph::Contract contract,
                                                 std::vector<graph::WriteProblem>* problems) {
  contract.organisation = writer.organisation;
  // The follow-up is its own resource (RecordFollowUp): a replacement keeps it.
  if (auto existing = chains_->GetContract(writer, contract.id)) {
    contract.followup = existing->followup;
  }
  graph::WriteBatch batch;
  batch.PutContract(contract);
  ISV_RETURN_IF_ERROR(chains_->ApplyAs(writer, std::move(batch), problems));
  return contract;
}

Status Service::DeleteContract(const graph::Viewer& writer, const std::string& id) {
  if (auto contract = chains_->GetContract(writer, id); !contract) return contract.error();
  graph::WriteBatch batch;
  batch.DeleteContract(writer.organisation, id);
  return chains_->ApplyAs(writer, std::move(batch));
}

}  // namespace isvgraph::api
