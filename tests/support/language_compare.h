#pragma once

// Compares the same answer in two languages: the JSON keys, numbers, booleans, nulls, codes and
// ids must be identical; only the values of keys that carry text for people may differ.

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace isvgraph::testing {

// Keys whose string values are text for people, in the request's language.
inline const std::set<std::string>& TextKeys() {
  static const std::set<std::string> kKeys = {
      "reason", "measures",   "questions",     "name",  "text",   "notes",
      "role",   "note",       "description",   "basis", "detail", "explanation",
      "rule",   "proxy_rule", "generic_basis", "title", "summary"};
  return kKeys;
}

// Every path at which `a` and `b` differ in anything but text for people ("themes[0].likelihood:
// 0.77 vs 0.8"). Empty when the two answers agree on structure, numbers and codes.
inline std::vector<std::string> DifferencesBeyondText(const nlohmann::json& a,
                                                      const nlohmann::json& b,
                                                      const std::string& path = "",
                                                      bool text = false) {
  std::vector<std::string> out;
  if (a.type() != b.type()) {
    out.push_back(path + ": " + a.dump() + " vs " + b.dump());
    return out;
  }
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key)) {
        out.push_back(path + "." + key + ": missing in the second");
        continue;
      }
      for (std::string& d :
           DifferencesBeyondText(value, b.at(key), path + "." + key, TextKeys().count(key) > 0)) {
        out.push_back(std::move(d));
      }
    }
    for (const auto& [key, value] : b.items()) {
      if (!a.contains(key)) out.push_back(path + "." + key + ": missing in the first");
    }
  } else if (a.is_array()) {
    if (a.size() != b.size()) {
      out.push_back(path + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) +
                    " items");
      return out;
    }
    for (size_t i = 0; i < a.size(); ++i) {
      for (std::string& d :
           DifferencesBeyondText(a[i], b[i], path + "[" + std::to_string(i) + "]", text)) {
        out.push_back(std::move(d));
      }
    }
  } else if (!(text && a.is_string()) && a != b) {
    out.push_back(path + ": " + a.dump() + " vs " + b.dump());
  }
  return out;
}

}  // namespace isvgraph::testing
