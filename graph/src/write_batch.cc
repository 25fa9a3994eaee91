#include <cstring>

#include "isvgraph/base/check.h"
#include "isvgraph/graph/chain_store.h"

namespace isvgraph::graph {

void WriteBatch::PutLink(const SupplyLink& link) {
  link_offsets_.push_back(link_buffer_.size());
  char share[8];
  std::memcpy(share, &link.share, 8);
  link_buffer_.append(share, 8);
  for (const std::string* field : {&link.organisation, &link.customer_id, &link.supplier_id,
                                   &link.product, &link.confidence, &link.source}) {
    const auto length = static_cast<uint32_t>(field->size());
    char prefix[4];
    std::memcpy(prefix, &length, 4);
    link_buffer_.append(prefix, 4);
    link_buffer_ += *field;
  }
}

WriteBatch::LinkView WriteBatch::link_view(size_t i) const {
  ISV_CHECK(i < link_offsets_.size());
  const char* at = link_buffer_.data() + link_offsets_[i];
  LinkView view;
  std::memcpy(&view.share, at, 8);
  at += 8;
  for (std::string_view* field : {&view.organisation, &view.customer_id, &view.supplier_id,
                                  &view.product, &view.confidence, &view.source}) {
    uint32_t length = 0;
    std::memcpy(&length, at, 4);
    *field = std::string_view(at + 4, length);
    at += 4 + length;
  }
  return view;
}

SupplyLink WriteBatch::link(size_t i) const {
  const LinkView view = link_view(i);
  return SupplyLink{.organisation = std::string(view.organisation),
                    .supplier_id = std::string(view.supplier_id),
                    .customer_id = std::string(view.customer_id),
                    .product = std::string(view.product),
                    .share = view.share,
                    .confidence = std::string(view.confidence),
                    .source = std::string(view.source)};
}

void ForEachBulkSiteChange(const WriteBatch& batch,
                           const std::function<void(const SiteChange&)>& visit) {
  SiteChange change{.kind = "deleted"};
  for (const std::string& id : batch.deleted_sites()) {
    change.site_id = id;
    visit(change);
  }
  change.kind = "written";
  for (const Site& site : batch.sites()) {
    change.site_id = site.id;
    visit(change);
  }
}

}  // namespace isvgraph::graph
