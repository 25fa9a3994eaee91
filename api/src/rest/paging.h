#pragma once

// Cursor paging of list endpoints: `?limit=` (1..1000, default 100) and `?cursor=` (opaque: the
// base64url of the key to continue after), answered as {"items": […], "next_cursor": "…"|null}.

#include <cstddef>
#include <optional>
#include <string>

#include "rest/http_message.h"

namespace isvgraph::api::rest {

inline constexpr size_t kDefaultPageSize = 100;
inline constexpr size_t kMaxPageSize = 1000;

struct PageRequest {
  std::string after;  // decoded cursor; "" = from the start
  size_t limit = kDefaultPageSize;
};

// The page request of a list call, or the 400 response naming the bad parameter.
std::optional<HttpResponse> ParsePageRequest(const HttpRequest& request, PageRequest* out);

// The JSON of a page: items and the cursor of the next page (null on the last one).
nlohmann::json PageJson(nlohmann::json items, const std::string& next_after);

}  // namespace isvgraph::api::rest
