#include "rest/error_envelope.h"

namespace isvgraph::api::rest {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kDataLoss:
      return 500;
    case StatusCode::kIoError:
      return 503;  // the store cannot be reached or written now (a database that is away)
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message,
                           const nlohmann::json& details) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}, {"details", details}}}};
  return JsonResponse(body, http_status);
}

HttpResponse ErrorResponse(int http_status, const std::string& code, const i18n::Text& message,
                           const nlohmann::json& details) {
  HttpResponse response = ErrorResponse(http_status, code, message.en, details);
  if (!message.nl.empty() && message.nl != message.en) {
    nlohmann::json body = {
        {"error", {{"code", code}, {"message", message.nl}, {"details", details}}}};
    response.body_nl = JsonResponse(body, http_status).body;
  }
  return response;
}

HttpResponse ErrorResponse(const Status& status, const nlohmann::json& details) {
  const std::string code(StatusCodeName(status.code()));
  if (status.message_nl().empty()) {
    return ErrorResponse(HttpStatusFor(status.code()), code, status.message(), details);
  }
  return ErrorResponse(HttpStatusFor(status.code()), code,
                       i18n::Text{status.message(), status.message_nl()}, details);
}

}  // namespace isvgraph::api::rest
