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
      return 500;
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

HttpResponse ErrorResponse(const Status& status, const nlohmann::json& details) {
  return ErrorResponse(HttpStatusFor(status.code()), std::string(StatusCodeName(status.code())),
                       status.message(), details);
}

}  // namespace isvgraph::api::rest
