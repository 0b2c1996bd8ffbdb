// prepare_heap(): glibc's heaps grown at once and advised for transparent huge pages.
#include "core/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <climits>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace casectl {

namespace {

constexpr std::size_t kHuge = std::size_t(2) << 20;    // a huge page on x86-64 and arm64
constexpr std::size_t kChunk = std::size_t(30) << 20;  // under glibc's largest mmap threshold (32 MiB)
constexpr std::size_t kLeast = std::size_t(8) << 20;
constexpr std::size_t kMost = std::size_t(512) << 20;   // well under the trim threshold (INT_MAX)
constexpr std::size_t kPerThread = 2 * kChunk;          // a thread's arena grows in heaps of 64 MiB
constexpr unsigned kMostHelpers = 8;                    // glibc allows 8 arenas a core at least

// Takes `bytes` from this thread's arena in chunks, advises each chunk's whole huge pages, and
// returns the chunks for the caller to free: the arena keeps them (trimming is off) for the
// allocations to come. Never throws: a chunk refused ends it.
std::vector<void*> take_advised(std::size_t bytes) noexcept {
  std::vector<void*> chunks;
  const std::size_t chunk = std::min(bytes, kChunk);
  try {
    chunks.reserve((bytes + chunk - 1) / chunk);
  } catch (...) {
    return chunks;
  }
  for (std::size_t got = 0; got < bytes; got += chunk) {
    void* p = std::malloc(chunk);
    if (!p) break;
    chunks.push_back(p);  // within the capacity reserved: no throw
    auto from = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
    auto to = (reinterpret_cast<std::uintptr_t>(p) + chunk) & ~(kHuge - 1);
    if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
  }
  return chunks;
}

void give_back(const std::vector<void*>& chunks) {
  for (void* p : chunks) std::free(p);
}

}  // namespace

void prepare_heap(std::size_t bytes) {
  if (!kHeapPrepared || bytes < kLeast) return;
  bytes = std::min(bytes, kMost);
  // Blocks up to a chunk come from the heaps, and what is freed stays there for the next use.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kChunk + kHuge));
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
  give_back(take_advised(bytes));
  // Each thread allocates in an arena of its own, and glibc gives an ended thread's arena to the
  // next thread started: a helper a core (at most kMostHelpers) prepares its share while all are
  // alive (else they would share one arena) and ends, leaving its arena to the workers to come.
  const unsigned threads = std::min(std::max(1u, std::thread::hardware_concurrency()), kMostHelpers);
  const std::size_t share = std::min(bytes / threads, kPerThread);
  std::mutex m;
  std::condition_variable all_ready;
  std::size_t ready = 0;
  std::vector<std::thread> helpers;
  auto help = [&] {
    std::vector<void*> chunks = take_advised(share);
    std::unique_lock<std::mutex> lock(m);
    if (++ready == helpers.size()) all_ready.notify_all();
    all_ready.wait(lock, [&] { return ready >= helpers.size(); });
    lock.unlock();
    give_back(chunks);
  };
  {
    std::lock_guard<std::mutex> lock(m);  // helpers.size() settles before any helper counts
    try {
      helpers.reserve(threads);
      for (unsigned t = 0; t < threads; ++t) helpers.emplace_back(help);
    } catch (...) {
      // Fewer helpers (or none): fewer arenas made ready; those started count to their number.
    }
  }
  for (auto& t : helpers) t.join();
}

}  // namespace casectl
