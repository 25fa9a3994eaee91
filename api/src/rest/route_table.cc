#include "rest/route_table.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "isvgraph/base/check.h"

namespace isvgraph::api::rest {
namespace {

// Calls visit(segment) for each segment of "/v1/a/b" ("v1", "a", "b"); "/" has none. A
// trailing slash gives no empty segment, so "/v1/health/" and "/v1/health" are the same route.
template <typename Visit>
void ForEachSegment(std::string_view path, const Visit& visit) {
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) visit(path.substr(start, slash - start));
    start = slash + 1;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether every '%' in `text` starts a valid %XX escape (what PercentDecode accepts).
bool WellFormedEscapes(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    if (i + 2 >= text.size() || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) {
      return false;
    }
    i += 2;
  }
  return true;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out) {
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
  std::vector<PatternSegment> pattern;
  ForEachSegment(route.path_template, [&pattern](std::string_view segment) {
    const bool is_param = segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
    pattern.push_back(is_param
                          ? PatternSegment{std::string(segment.substr(1, segment.size() - 2)), true}
                          : PatternSegment{std::string(segment), false});
  });
  ISV_CHECK(pattern.size() <= kMaxSegments);
  by_length_[pattern.size()].push_back(routes_.size());
  patterns_.push_back(std::move(pattern));
  routes_.push_back(std::move(route));
}

RouteMatch RouteTable::Find(const std::string& method, const std::string& raw_path) const {
  std::array<std::string_view, kMaxSegments> segments;
  size_t count = 0;
  bool too_long = false;
  ForEachSegment(raw_path, [&](std::string_view segment) {
    if (count < kMaxSegments) {
      segments[count++] = segment;
    } else {
      too_long = true;
    }
  });
  RouteMatch result;
  if (too_long) return result;  // no template is that long
  for (const size_t r : by_length_[count]) {
    const std::vector<PatternSegment>& pattern = patterns_[r];
    bool matches = true;
    for (size_t i = 0; i < count && matches; ++i) {
      // A parameter segment is never empty (ForEachSegment skips those), so a well-formed one
      // decodes to a non-empty value.
      matches =
          pattern[i].is_param ? WellFormedEscapes(segments[i]) : pattern[i].text == segments[i];
    }
    if (!matches) continue;
    const Route& route = routes_[r];
    if (route.method != method) {
      result.kind = RouteMatch::Kind::kMethodNotAllowed;
      result.allowed_methods.push_back(route.method);
      continue;
    }
    result.kind = RouteMatch::Kind::kFound;
    result.route = &route;
    result.allowed_methods.clear();
    for (size_t i = 0; i < count; ++i) {
      if (!pattern[i].is_param) continue;
      std::string& value = result.path_params[pattern[i].text];
      PercentDecode(segments[i], false, &value);  // cannot fail: checked above
    }
    return result;
  }
  std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  result.allowed_methods.erase(
      std::unique(result.allowed_methods.begin(), result.allowed_methods.end()),
      result.allowed_methods.end());
  return result;
}

}  // namespace isvgraph::api::rest
