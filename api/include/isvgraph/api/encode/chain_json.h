#pragma once

// JSON of a chain exposure, shared by GET /v1/contracts/{id}/chain and `isvgraph chain --json`.

#include <string>

#include <nlohmann/json.hpp>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::api {

nlohmann::json ChainExposureJson(const graph::ChainExposure& exposure,
                                 const std::string& methodology,
                                 i18n::Language lang = i18n::Language::kEnglish);

}  // namespace isvgraph::api
