#pragma once

// A chain graph on the memory store, scored by the knowledge base of riskdata/data: the world
// the domain modules (audits, contracts) are tested in, without a store on disk or HTTP.
// Requires ISVGRAPH_RISKDATA_DIR (set by tests/CMakeLists.txt).

#include <memory>

#include <gtest/gtest.h>

#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/graph/risk_model.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::testing {

struct DomainWorld {
  std::shared_ptr<const riskdata::KnowledgeBase> kb;
  std::unique_ptr<graph::ChainGraph> chains;

  // The knowledge base is loaded once per test binary (0.1 s); each world gets a new graph.
  static DomainWorld Make() {
    static const std::shared_ptr<const riskdata::KnowledgeBase> kb = [] {
      auto loaded = riskdata::KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR});
      EXPECT_TRUE(loaded) << loaded.error().ToString();
      return std::shared_ptr<const riskdata::KnowledgeBase>(std::move(loaded).value());
    }();
    auto chains = graph::ChainGraph::Open(
        graph::NewMemoryStore(), graph::NewKnowledgeBaseRiskModel(kb), {.flag_milli = 700});
    EXPECT_TRUE(chains) << chains.error().ToString();
    return DomainWorld{.kb = kb, .chains = std::move(chains).value()};
  }
};

}  // namespace isvgraph::testing
