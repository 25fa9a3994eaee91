#pragma once

// The shipped boundaries, loaded once per test binary (0.3 s; more under sanitizers).

#include <gtest/gtest.h>

#include "isvgraph/maps/boundaries.h"

namespace isvgraph::maps {

inline const Boundaries& SharedBoundaries() {
  static const std::unique_ptr<Boundaries> boundaries = [] {
    auto loaded = Boundaries::Load({.data_dir = DefaultMapDataDir()});
    if (!loaded) ADD_FAILURE() << loaded.error().ToString();
    return std::move(loaded).value();
  }();
  return *boundaries;
}

}  // namespace isvgraph::maps
