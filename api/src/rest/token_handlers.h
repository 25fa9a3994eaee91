#pragma once

// An organisation's admin manages its tokens while the server runs: list them (ids, never the
// tokens) and revoke one, which counts from the next request on.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// GET /v1/tokens (admin): the organisation's tokens, oldest first.
HttpResponse ListTokens(const Service& service, const HttpRequest& request);
// DELETE /v1/tokens/{id} (admin): revokes the organisation's token whose id (the first digits
// of its hash, 8 or more) is given. 404 for none of the organisation's.
HttpResponse RevokeToken(Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
