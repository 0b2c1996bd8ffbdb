// One parallel loop for the work that reads many case files (the index, validate).
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace casectl {

// Calls f(i) for every i in [0, n), on up to hardware_concurrency() threads (this one among
// them) sharing a work counter; returns when every call has returned. Starts fewer threads when
// the system refuses more (the calling thread alone, at worst). The first exception f throws is
// rethrown here once every thread has stopped; the calls not yet started are then skipped.
template <class F>
void parallel_for(std::size_t n, F f) {
  if (n == 0) return;
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        f(i);
      } catch (...) {
        std::lock_guard<std::mutex> hold(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = n;
      }
    }
  };
  std::size_t wanted = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), n);
  std::vector<std::thread> threads;
  try {
    for (std::size_t t = 1; t < wanted; ++t) threads.emplace_back(work);
  } catch (const std::system_error&) {
    // Fewer threads than wanted: the ones started and this one share the work.
  }
  work();
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

// Splits [0, n) into `runs` consecutive runs of nearly equal size (fewer when n is smaller) and
// calls f(run, from, to) for each on every core (parallel_for); returns how many runs there were.
// The caller keeps what run r makes apart and joins the runs in order.
template <class F>
std::size_t parallel_runs(std::size_t n, std::size_t runs, F f) {
  runs = std::min(runs, n);
  parallel_for(runs, [&](std::size_t r) { f(r, n * r / runs, n * (r + 1) / runs); });
  return runs;
}

}  // namespace casectl
