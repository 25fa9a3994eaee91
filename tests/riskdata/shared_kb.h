#pragma once

// The knowledge base of riskdata/data, loaded once per test binary and shared by the tests that
// only read it.

#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::riskdata {

inline const KnowledgeBase& Kb() {
  static const KnowledgeBase* kb =
      KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR}).value().release();
  return *kb;
}

}  // namespace isvgraph::riskdata
