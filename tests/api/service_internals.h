#pragma once

// The store behind a Service, for tests that check it whole (crash safety, backups, the
// isolation sweep). Production code has no such door: it goes through the use cases.

#include "isvgraph/api/service.h"

namespace isvgraph::api {

struct ServiceInternals {
  static const graph::ChainStore& Store(const Service& service) { return service.chains_->store(); }
};

}  // namespace isvgraph::api
