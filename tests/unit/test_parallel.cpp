#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/parallel.hpp"

using namespace casectl;

TEST_CASE("parallel_for calls f once for every index, and not at all for none") {
  std::vector<std::atomic<int>> calls(1000);
  parallel_for(calls.size(), [&](std::size_t i) { ++calls[i]; });
  for (const auto& c : calls) CHECK(c.load() == 1);
  bool called = false;
  parallel_for(0, [&](std::size_t) { called = true; });
  CHECK_FALSE(called);
}

TEST_CASE("parallel_for rethrows the first exception once every thread has stopped") {
  std::atomic<int> running{0};
  CHECK_THROWS_AS(parallel_for(100,
                               [&](std::size_t i) {
                                 ++running;
                                 if (i == 7) throw std::runtime_error("seven");
                                 --running;
                               }),
                  std::runtime_error);
  CHECK(running.load() == 1);  // the one that threw; every other call had finished
}
