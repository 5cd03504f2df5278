// The tests' one way of checking: a failed expectation is reported and counted, and the run goes on
// so that one pass shows every failure; main returns non-zero when any was counted.
#pragma once

#include <iostream>
#include <string>

namespace pp::test {

inline int failures = 0;

inline void expect(bool condition, const std::string& what) {
  if (!condition) {
    std::cerr << "FAILED: " << what << "\n";
    ++failures;
  }
}

}  // namespace pp::test
