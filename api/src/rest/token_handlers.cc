#include "rest/token_handlers.h"

#include "isvgraph/base/dates.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {

HttpResponse ListTokens(const Service& service, const HttpRequest& request) {
  auto tokens = service.ListTokens(request.principal->organisation);
  if (!tokens) return ErrorResponse(tokens.error());
  nlohmann::json out = nlohmann::json::array();
  for (const graph::AccessToken& token : *tokens) {
    out.push_back({{"id", token.hash.substr(0, 12)},
                   {"role", token.role},
                   {"created", DateOfUnix(token.created_unix)},
                   {"expires", token.expires_unix ? nlohmann::json(DateOfUnix(token.expires_unix))
                                                  : nlohmann::json(nullptr)},
                   {"revoked", token.revoked}});
  }
  return JsonResponse({{"organisation", request.principal->organisation}, {"tokens", out}});
}

HttpResponse RevokeToken(Service& service, const HttpRequest& request) {
  Status revoked =
      service.RevokeToken(request.principal->organisation, request.path_params.at("id"));
  if (!revoked.ok()) return ErrorResponse(revoked);
  return HttpResponse{.status = 204, .content_type = "", .body = ""};
}

}  // namespace isvgraph::api::rest
