#pragma once

// REST handlers: decode → service call → encode, one function per route, named verb + noun
// (docs/style.md rule 9). Handlers return error envelopes for expected failures; an exception that
// escapes one is a bug, caught and logged by the Dispatcher.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// GET /v1/health → {"status":"ok", "store":{...}}
HttpResponse GetHealth(const Service& service, const HttpRequest& request);
// GET /v1/version → program version and build information.
HttpResponse GetVersion(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
