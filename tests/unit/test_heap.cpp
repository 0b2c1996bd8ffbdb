#include <doctest/doctest.h>
#include <malloc.h>

#include <algorithm>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/heap.hpp"
#include "fixtures.hpp"

namespace {

// What malloc_info() says of the heap: one <heap nr="N"> element per arena.
std::string malloc_info_text() {
  char* buf = nullptr;
  std::size_t size = 0;
  FILE* f = open_memstream(&buf, &size);
  malloc_info(0, f);
  std::fclose(f);
  std::string s(buf, size);
  std::free(buf);
  return s;
}

int arenas() {
  std::string s = malloc_info_text();
  int n = 0;
  for (std::size_t at = s.find("<heap nr="); at != std::string::npos; at = s.find("<heap nr=", at + 1)) ++n;
  return n;
}

// The VmFlags lines of the [heap] mappings in /proc/self/smaps (advice splits the heap in more
// than one), one after another.
std::string heap_flags() {
  std::ifstream smaps("/proc/self/smaps");
  std::string line, flags;
  bool in_heap = false;
  while (std::getline(smaps, line)) {
    if (line.find(" [heap]") != std::string::npos) {
      in_heap = true;
    } else if (in_heap && line.rfind("VmFlags:", 0) == 0) {
      flags += line + "\n";
      in_heap = false;
    }
  }
  return flags;
}

}  // namespace

TEST_CASE("prepare_heap grows the heap and an arena a core at once, advised for huge pages, for the threads to come") {
  // Run in a process of its own (this binary again, for this test case alone): the arenas the
  // other test cases' threads made would stay.
  if (!casectl::test::in_own_process("CASECTL_HEAP_ALONE", "prepare_heap grows the heap*")) return;
  if (!casectl::kHeapPrepared) {
    MESSAGE("an AddressSanitizer build: prepare_heap does nothing, nothing to check");
    return;
  }
  // A limit on arenas set from outside (MALLOC_ARENA_MAX, glibc's tunables) changes how many
  // there are; the heap's growth is checked all the same.
  const bool arenas_free = !std::getenv("MALLOC_ARENA_MAX") && !std::getenv("GLIBC_TUNABLES");
  std::size_t before = mallinfo2().arena;
  casectl::prepare_heap(std::size_t(1) << 20);  // too little to be worth it: nothing
  CHECK(mallinfo2().arena == before);
  int arenas_before = arenas();
  casectl::prepare_heap(std::size_t(64) << 20);
  std::size_t after = mallinfo2().arena;
  CHECK(after >= before + (std::size_t(60) << 20));  // grown, and kept when freed
  // MADV_HUGEPAGE (a kernel without transparent huge pages refuses the advice).
  if (std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled"))
    CHECK(heap_flags().find(" hg ") != std::string::npos);
  // An arena for each core's thread (up to 8), made ready (grown, advised) by threads that have
  // ended.
  const int cores = static_cast<int>(std::min(8u, std::max(1u, std::thread::hardware_concurrency())));
  int made = arenas();
  if (arenas_free) CHECK(made == arenas_before + cores);
  // Threads started now take those arenas: their rows need no more memory, nor new arenas.
  std::vector<std::thread> workers;
  for (int t = 0; t < cores; ++t)
    workers.emplace_back([] {
      std::vector<std::string> rows;
      for (int i = 0; i < 100000; ++i) rows.push_back(std::string(40, 'x') + std::to_string(i));
      CHECK(rows.size() == 100000);
    });
  for (auto& w : workers) w.join();
  CHECK(arenas() == made);
  if (arenas_free) CHECK(mallinfo2().arena == after);
}
