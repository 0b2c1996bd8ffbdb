// One parallel loop for the work that reads many case files (the index, validate) and makes
// many rows (list, due, reports), on helper threads started once a process.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>

namespace casectl {

// The cores to work on: std::thread::hardware_concurrency() (at least 1), asked once.
unsigned cores();

namespace parallel_detail {

// A loop offered to the helper threads: call(f, i) for each i of [0, n) taken from `next`.
struct Loop {
  std::size_t n = 0;
  std::atomic<std::size_t> next{0};
  void (*call)(void* f, std::size_t i) = nullptr;
  void* f = nullptr;
  std::exception_ptr failure;  // the first exception a call threw
  std::mutex failure_mutex;
  std::size_t wanted = 0;   // helpers wanted besides the calling thread
  std::size_t helpers = 0;  // helpers working on it now (the pool's mutex guards it)

  // Takes indices and calls f until none are left; the first exception is kept and ends the loop.
  void work();
};

// Offers loop to up to loop.wanted helper threads (started the first time they are wanted, fewer
// when the system refuses more), works on it on this thread, then withdraws it and waits for
// every helper that took part to have stopped.
void run(Loop& loop);

}  // namespace parallel_detail

// Calls f(i) for every i in [0, n), on up to cores() threads (this one among them) sharing a work
// counter; returns when every call has returned. The helper threads are started once a process
// and wait for work between loops (starting threads for each loop cost a command at 100,000
// cases a few milliseconds); loops on several threads at once share them, and a loop inside a
// call of f is safe (the thread that calls parallel_for works on its loop to the end itself).
// The first exception f throws is rethrown here once every thread has stopped; the calls not yet
// started are then skipped.
template <class F>
void parallel_for(std::size_t n, F f) {
  if (n == 0) return;
  parallel_detail::Loop loop;
  loop.n = n;
  loop.f = &f;
  loop.call = [](void* g, std::size_t i) { (*static_cast<F*>(g))(i); };
  loop.wanted = std::min<std::size_t>(cores(), n) - 1;
  parallel_detail::run(loop);
  if (loop.failure) std::rethrow_exception(loop.failure);
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
