#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
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

TEST_CASE("parallel_for inside a call of f, and on several threads at once, calls every f once and returns") {
  // The helper threads are shared: a loop inside a loop, and loops on threads of their own,
  // never wait for one another (the thread that calls parallel_for works its loop to the end).
  std::vector<std::atomic<int>> calls(64 * 64);
  parallel_for(64, [&](std::size_t i) { parallel_for(64, [&](std::size_t j) { ++calls[i * 64 + j]; }); });
  for (const auto& c : calls) CHECK(c.load() == 1);
  std::vector<std::atomic<int>> more(4 * 5000);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round)
        parallel_for(100, [&](std::size_t i) { ++more[t * 5000 + round * 100 + i]; });
    });
  for (auto& t : threads) t.join();
  for (const auto& c : more) CHECK(c.load() == 1);
}

TEST_CASE("parallel_for after a loop that threw runs the next loop whole") {
  CHECK_THROWS_AS(parallel_for(50, [&](std::size_t) { throw std::runtime_error("each"); }), std::runtime_error);
  std::vector<std::atomic<int>> calls(1000);
  parallel_for(calls.size(), [&](std::size_t i) { ++calls[i]; });
  for (const auto& c : calls) CHECK(c.load() == 1);
}

TEST_CASE("cores() is at least one") { CHECK(cores() >= 1); }
