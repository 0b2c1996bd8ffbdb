// cli/progress: the bar of a cold index build, on a clock the test moves (linked into the unit
// tests, as it needs no CLI11).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "cli/progress.hpp"

using casectl::cli::progress_line;
using casectl::cli::ProgressBar;
using namespace std::chrono_literals;

namespace {

// A clock that stands still until the test moves it.
struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  ProgressBar::Clock fn() {
    return [this] { return now; };
  }
};

// Columns of an ASCII text with its carriage returns taken out.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\r' ? 0 : 1;
  return n;
}

}  // namespace

TEST_CASE("progress_line: counts with commas, a bar and a percentage, in under the terminal width") {
  CHECK(progress_line("casectl: indexing cases", 41200, 100000, 80) ==
        "casectl: indexing cases   41,200/100,000 [############...................]  41%");  // 79 columns
  CHECK(progress_line("x", 0, 5, 80) == "x  0/5 [........................................]   0%");
  CHECK(progress_line("x", 5, 5, 80) == "x  5/5 [########################################] 100%");
  // The count keeps its width, so the bar does not move as it grows.
  CHECK(progress_line("x", 7, 1000, 80).size() == progress_line("x", 999, 1000, 80).size());
  for (int width = 0; width <= 120; ++width) {
    std::string line = progress_line("casectl: indexing cases", 41200, 100000, width);
    CHECK_MESSAGE(static_cast<int>(line.size()) <= std::max(width - 1, 0), "width ", width, ": ", line);
  }
  // Narrower, the bar goes, then the counts.
  CHECK(progress_line("casectl: indexing cases", 41200, 100000, 50) == "casectl: indexing cases   41,200/100,000  41%");
  CHECK(progress_line("casectl: indexing cases", 41200, 100000, 20) == " 41%");
  CHECK(progress_line("casectl: indexing cases", 41200, 100000, 4) == "");
}

TEST_CASE("ProgressBar: nothing in the first second, then at most ten redraws a second, cleared at the end") {
  FakeClock clock;
  std::string screen;
  int writes = 0;
  {
    ProgressBar bar("indexing", 60, [&](const std::string& s) {
      screen += s;
      ++writes;
    }, clock.fn());
    bar.update(0, 1000);
    clock.now += 999ms;
    bar.update(300, 1000);
    CHECK(screen.empty());  // under a second: a warm index never shows a bar
    clock.now += 1ms;
    bar.update(400, 1000);
    CHECK(screen == "\r" + progress_line("indexing", 400, 1000, 60));
    CHECK(columns(screen) <= 59);
    clock.now += 50ms;
    bar.update(500, 1000);
    CHECK(writes == 1);  // too soon to redraw
    clock.now += 50ms;
    bar.update(600, 1000);
    CHECK(writes == 2);
    CHECK(screen.substr(screen.rfind('\r')) == "\r" + progress_line("indexing", 600, 1000, 60));
    std::size_t shown = progress_line("indexing", 600, 1000, 60).size();
    clock.now += 5s;
    bar.update(1000, 1000);  // the end: the line is cleared, the cursor back at its start
    CHECK(screen.substr(screen.size() - shown - 2) == "\r" + std::string(shown, ' ') + "\r");
    CHECK(writes == 3);
  }
  CHECK(writes == 3);  // nothing left to clear
}

TEST_CASE("ProgressBar: work that ends within the second shows nothing, an error leaves no bar behind") {
  FakeClock clock;
  std::string screen;
  {
    ProgressBar bar("indexing", 80, [&](const std::string& s) { screen += s; }, clock.fn());
    bar.update(0, 300);
    clock.now += 900ms;
    bar.update(256, 300);
    bar.update(300, 300);
  }
  CHECK(screen.empty());
  {
    ProgressBar bar("indexing", 80, [&](const std::string& s) { screen += s; }, clock.fn());
    clock.now += 2s;
    bar.update(256, 300000);
    REQUIRE_FALSE(screen.empty());
    screen.clear();
  }  // destroyed while drawn (the refresh threw): the line is cleared
  CHECK(screen == "\r" + std::string(progress_line("indexing", 256, 300000, 80).size(), ' ') + "\r");
}
