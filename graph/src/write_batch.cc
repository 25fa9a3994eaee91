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

SupplyLink WriteBatch::link(size_t i) const {
  ISV_CHECK(i < link_offsets_.size());
  const char* at = link_buffer_.data() + link_offsets_[i];
  SupplyLink link;
  std::memcpy(&link.share, at, 8);
  at += 8;
  for (std::string* field : {&link.organisation, &link.customer_id, &link.supplier_id,
                             &link.product, &link.confidence, &link.source}) {
    uint32_t length = 0;
    std::memcpy(&length, at, 4);
    field->assign(at + 4, length);
    at += 4 + length;
  }
  return link;
}

}  // namespace isvgraph::graph
