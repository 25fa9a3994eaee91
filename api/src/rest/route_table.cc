#include "rest/route_table.h"

#include <algorithm>
#include <string_view>

#include "isvgraph/base/check.h"

namespace isvgraph::api::rest {
namespace {

// "/v1/a/b" → {"v1","a","b"}; "/" → {}. A trailing slash gives no empty segment, so
// "/v1/health/" and "/v1/health" are the same route.
template <typename Segment = std::string>
std::vector<Segment> Segments(std::string_view path) {
  std::vector<Segment> out;
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(const std::string& in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

bool ParseQuery(const std::string& raw_query, std::map<std::string, std::string>* out) {
  size_t start = 0;
  while (start <= raw_query.size()) {
    size_t amp = raw_query.find('&', start);
    if (amp == std::string::npos) amp = raw_query.size();
    std::string pair = raw_query.substr(start, amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key, value;
      if (!PercentDecode(pair.substr(0, eq), true, &key)) return false;
      if (eq != std::string::npos && !PercentDecode(pair.substr(eq + 1), true, &value)) {
        return false;
      }
      (*out)[key] = value;
    }
    start = amp + 1;
  }
  return true;
}

void RouteTable::Add(Route route) {
  ISV_CHECK(!route.path_template.empty() && route.path_template.front() == '/');
  for (const Route& existing : routes_) {
    ISV_CHECK(!(existing.method == route.method && existing.path_template == route.path_template));
  }
  patterns_.push_back(Segments(route.path_template));
  routes_.push_back(std::move(route));
}

RouteMatch RouteTable::Find(const std::string& method, const std::string& raw_path) const {
  const std::vector<std::string_view> segments = Segments<std::string_view>(raw_path);
  RouteMatch result;
  for (size_t r = 0; r < routes_.size(); ++r) {
    const Route& route = routes_[r];
    const std::vector<std::string>& pattern = patterns_[r];
    if (pattern.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool matches = true;
    for (size_t i = 0; i < pattern.size() && matches; ++i) {
      if (IsParam(pattern[i])) {
        std::string decoded;
        if (!PercentDecode(std::string(segments[i]), false, &decoded) || decoded.empty()) {
          matches = false;
        } else {
          params[pattern[i].substr(1, pattern[i].size() - 2)] = decoded;
        }
      } else {
        matches = pattern[i] == segments[i];
      }
    }
    if (!matches) continue;
    if (route.method == method) {
      result.kind = RouteMatch::Kind::kFound;
      result.route = &route;
      result.path_params = std::move(params);
      result.allowed_methods.clear();
      return result;
    }
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    result.allowed_methods.push_back(route.method);
  }
  std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  result.allowed_methods.erase(
      std::unique(result.allowed_methods.begin(), result.allowed_methods.end()),
      result.allowed_methods.end());
  return result;
}

}  // namespace isvgraph::api::rest
