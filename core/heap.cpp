// prepare_heap(): glibc's heaps grown at once and advised for transparent huge pages.
#include "core/heap.hpp"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace casectl {

namespace {

constexpr std::size_t kHuge = std::size_t(2) << 20;    // a huge page on x86-64 and arm64
constexpr std::size_t kChunk = std::size_t(30) << 20;  // under glibc's largest mmap threshold (32 MiB)
constexpr std::size_t kLeast = std::size_t(8) << 20;
constexpr std::size_t kMost = std::size_t(1) << 30;
constexpr std::size_t kPerThread = 2 * kChunk;  // a thread's arena grows in heaps of 64 MiB

// Takes `bytes` from this thread's arena in chunks, advises each chunk's whole huge pages, and
// gives them back: the arena keeps them (trimming is off) for the allocations to come. Returns
// the chunks taken, to be freed by the caller.
std::vector<void*> take_advised(std::size_t bytes) {
  std::vector<void*> chunks;
  for (std::size_t got = 0; got < bytes; got += kChunk) {
    void* p = std::malloc(kChunk);
    if (!p) break;
    chunks.push_back(p);
    auto from = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
    auto to = (reinterpret_cast<std::uintptr_t>(p) + kChunk) & ~(kHuge - 1);
    if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
  }
  return chunks;
}

void give_back(const std::vector<void*>& chunks) {
  for (void* p : chunks) std::free(p);
}

}  // namespace

void prepare_heap(std::size_t bytes) {
  if (bytes < kLeast) return;
  bytes = std::min(bytes, kMost);
  // Blocks up to a chunk come from the heaps, and what is freed stays there for the next use.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kChunk + kHuge));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kMost));
  give_back(take_advised(bytes));
  // Each thread allocates in an arena of its own, and glibc gives an ended thread's arena to the
  // next thread started: a thread a core prepares one while all are alive (else they would share
  // one) and ends, leaving its arena ready for the workers to come.
  const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  std::mutex m;
  std::condition_variable all_ready;
  std::size_t ready = 0;
  std::vector<std::thread> helpers;
  auto help = [&] {
    std::vector<void*> chunks = take_advised(std::min(bytes, kPerThread));
    std::unique_lock<std::mutex> lock(m);
    if (++ready == helpers.size()) all_ready.notify_all();
    all_ready.wait(lock, [&] { return ready >= helpers.size(); });
    lock.unlock();
    give_back(chunks);
  };
  {
    std::lock_guard<std::mutex> lock(m);  // helpers.size() settles before any helper counts
    try {
      for (std::size_t t = 0; t < threads; ++t) helpers.emplace_back(help);
    } catch (const std::system_error&) {
      // Fewer helpers: fewer arenas made ready.
    }
  }
  for (auto& t : helpers) t.join();
}

}  // namespace casectl
