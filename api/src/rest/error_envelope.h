#pragma once

// The one error envelope of the REST API: {"error":{"code","message","details"}}, and the one
// mapping from domain StatusCode to HTTP status (docs/style.md rule 8).

#include <string>

#include <nlohmann/json.hpp>

#include "isvgraph/base/status.h"
#include "isvgraph/i18n/text.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// HTTP status for a domain status code: InvalidArgument → 400, NotFound → 404,
// AlreadyExists → 409, FailedPrecondition → 409, DataLoss/IoError/Internal → 500.
int HttpStatusFor(StatusCode code);

// An error response. `code` is a stable machine-readable name ("not_found", "payload_too_large").
HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message,
                           const nlohmann::json& details = nlohmann::json::object());

// An error response said in English and Dutch (i18n::Say): the dispatcher sends the request's.
HttpResponse ErrorResponse(int http_status, const std::string& code, const i18n::Text& message,
                           const nlohmann::json& details = nlohmann::json::object());

// An error response for a non-ok domain Status, in both languages when the status has both.
HttpResponse ErrorResponse(const Status& status,
                           const nlohmann::json& details = nlohmann::json::object());

}  // namespace isvgraph::api::rest
