// A progress bar for work a person may wait on (the cold build of the case index, SPEC section
// 10): nothing in the first second, then one line on stderr redrawn in place at most ten times a
// second, cleared when the work is done. Only on a terminal: a pipe or a file gets nothing.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace casectl {
class CaseIndex;
}

namespace casectl::cli {

// The bar's line for done of total: "LABEL  41,200/100,000 [#########.........] 41%" in at most
// width - 1 columns (a full line wraps on some terminals). Narrower, the bar shrinks, then goes,
// then only the percentage is left; "" when not even that fits.
std::string progress_line(const std::string& label, std::size_t done, std::size_t total, int width);

class ProgressBar {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  using Write = std::function<void(const std::string&)>;

  // A bar labelled label, width columns wide, drawn through write and timed by clock; the work
  // starts now.
  ProgressBar(std::string label, int width, Write write,
              Clock clock = [] { return std::chrono::steady_clock::now(); });
  // Clears the line if the bar is drawn (the work ended by an error).
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // done of total: drawn once a second has passed since the start, redrawn at most every 100 ms;
  // done == total (the end) clears the line.
  void update(std::size_t done, std::size_t total);

 private:
  void clear();

  std::string label_;
  int width_;
  Write write_;
  Clock clock_;
  std::chrono::steady_clock::time_point start_, last_;
  std::size_t shown_ = 0;  // columns of the line on the screen; 0: none
};

// While index refreshes, a ProgressBar "casectl: indexing cases" on stderr when stderr is a
// terminal (nothing otherwise). For every command that opens a CaseIndex.
void attach_progress(CaseIndex& index);

}  // namespace casectl::cli
