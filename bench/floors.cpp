// The floors the index benchmark compares casectl with (bench/index_bench.sh):
//   casectl_floors stat ROOT   list the case folders and stat every record, as any refresh must
//   casectl_floors parse ROOT  that, then parse every record once on every core (no summary,
//                              no index): what a cold index cannot do with less
// Prints the number of records. Built with `cmake --build build --target casectl_floors`.
#include <cstdio>
#include <cstring>
#include <atomic>

#include "core/error.hpp"
#include "core/index_scan.hpp"
#include "core/parallel.hpp"
#include "core/record_io.hpp"

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "stat") != 0 && std::strcmp(argv[1], "parse") != 0)) {
    std::fprintf(stderr, "usage: casectl_floors stat|parse ROOT\n");
    return 2;
  }
  std::string root = argv[2];
  casectl::FoundCases found = casectl::scan_cases(root);
  if (std::strcmp(argv[1], "parse") == 0) {
    std::vector<const casectl::FoundCase*> files;
    for (const casectl::FoundCase& f : found) files.push_back(&f);
    std::atomic<std::size_t> bad{0};
    casectl::parallel_for(files.size(), [&](std::size_t i) {
      try {
        casectl::load_record(root + "/" + files[i]->path(), files[i]->path());
      } catch (const casectl::Error&) {
        ++bad;
      }
    });
    if (bad) std::fprintf(stderr, "%zu records could not be read\n", bad.load());
  }
  std::printf("%zu\n", found.size());
  return 0;
}
