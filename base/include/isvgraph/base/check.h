#pragma once

// ISV_CHECK(cond): for bugs, not for bad input. Logs the condition with file and line to
// stderr and aborts. Bad input goes through Status (docs/style.md rules 5 and 6).

#include <cstdio>
#include <cstdlib>

#define ISV_CHECK(cond)                                                                 \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: ISV_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (false)
