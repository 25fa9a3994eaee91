#include "rest/web_handlers.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "isvgraph/i18n/say.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {

HttpResponse WebFile(const std::string& web_dir, const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".json", "application/json"}};
  const std::filesystem::path file(name);
  auto type = kTypes.find(file.extension().string());
  if (web_dir.empty() || name.empty() || name[0] == '.' || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos || type == kTypes.end()) {
    return ErrorResponse(404, "not_found", i18n::Say(i18n::Msg::kErrorNoWebFile, {{"name", name}}));
  }
  std::ifstream in(std::filesystem::path(web_dir) / file, std::ios::binary);
  if (!in)
    return ErrorResponse(404, "not_found", i18n::Say(i18n::Msg::kErrorNoWebFile, {{"name", name}}));
  HttpResponse response{.status = 200,
                        .content_type = type->second,
                        .body = std::string(std::istreambuf_iterator<char>(in), {})};
  response.headers.emplace_back("Cache-Control", "no-cache");
  // The UI loads nothing from elsewhere: scripts, styles and images only from this server.
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; "
                                "frame-ancestors 'none'");
  return response;
}

}  // namespace isvgraph::api::rest
