#pragma once

// A contract's chain exposure rendered for people (text), for `isvgraph chain`; the JSON is
// ChainExposureJson (chain_json.h).

#include <string>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::api {

std::string ChainExposureText(const graph::ChainExposure& exposure, const std::string& methodology,
                              i18n::Language lang = i18n::Language::kEnglish);

}  // namespace isvgraph::api
