// CaseIndex::on_progress: what a refresh tells a progress bar, and when.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/index.hpp"
#include "core/index_parse.hpp"

using namespace casectl;
namespace fs = std::filesystem;

namespace {

// A temporary case directory holding n minimal records written an hour ago, removed at the end of the test.
struct Cases {
  std::string root;
  explicit Cases(int n) {
    std::string tmpl = (fs::temp_directory_path() / "casectl-progress-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    root = tmpl;
    for (int i = 1; i <= n; ++i) {
      std::string id = fmt::format("C-2026-{:04d}", i);
      fs::path file = fs::path(root) / case_file(*parse_case_id(id));
      fs::create_directories(file.parent_path());
      std::ofstream(file) << fmt::format(
          "schema: 1\nid: {}\nstatus: intake\nopened: 2026-11-02\nworker: sato\nclient:\n  name: X\n"
          "referral:\n  date: 2026-11-01\n  source: school\n  urgency: urgent\n  concerns: [neglect]\n"
          "  reason: x\n",
          id);
      // An hour old: outside the 2-second window in which a refresh reads a file again anyway.
      fs::last_write_time(file, fs::last_write_time(file) - std::chrono::hours(1));
    }
  }
  ~Cases() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

using Calls = std::vector<std::pair<std::size_t, std::size_t>>;

}  // namespace

TEST_CASE("a refresh that reads records tells (0, n), then at most every 256 records, then (n, n) once stored") {
  Cases cases(700);
  CaseIndex index(cases.root, Policy{});
  Calls calls;
  index.on_progress([&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
  REQUIRE(index.refresh().parsed == 700);
  REQUIRE(calls.size() >= 2);
  CHECK(calls.front() == std::make_pair(std::size_t{0}, std::size_t{700}));
  CHECK(calls.back() == std::make_pair(std::size_t{700}, std::size_t{700}));
  CHECK(calls.size() <= 2 + 700 / kProgressEvery);
  for (std::size_t i = 1; i + 1 < calls.size(); ++i) {
    CHECK(calls[i].second == 700);
    CHECK(calls[i].first >= calls[i - 1].first + kProgressEvery);
    CHECK(calls[i].first < 700);  // (700, 700) only once, at the very end
  }
}

TEST_CASE("a refresh that reads nothing tells nothing") {
  Cases cases(3);
  { CaseIndex(cases.root, Policy{}).refresh(); }  // no callback set: none to call
  CaseIndex index(cases.root, Policy{});
  Calls calls;
  index.on_progress([&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
  CHECK(index.refresh().parsed == 0);
  CHECK(calls.empty());
}
