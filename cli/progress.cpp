#include "cli/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/terminal.hpp"
#include "core/i18n.hpp"
#include "core/index.hpp"
#include "core/table.hpp"

namespace casectl::cli {

namespace {

using namespace std::chrono_literals;

constexpr auto kQuiet = 1s;              // work this short shows nothing
constexpr auto kRedraw = 100ms;          // at most ten redraws a second
constexpr std::size_t kMinBar = 10, kMaxBar = 40;

// n with a comma every three digits: 100,000.
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string progress_line(const std::string& label, std::size_t done, std::size_t total, int width) {
  done = std::min(done, total);
  std::size_t room = width > 1 ? static_cast<std::size_t>(width) - 1 : 0;
  std::string of = grouped(total), now = grouped(done);
  // The count keeps its width as it grows, so the bar does not move.
  std::string head = fmt::format("{}  {:>{}}/{} ", label, now, of.size(), of);
  std::string percent = fmt::format("{:>3}%", total ? done * 100 / total : 100);
  // Columns, not bytes: the label may be Japanese (two columns a character).
  const std::size_t head_width = static_cast<std::size_t>(display_width(head));
  std::size_t fixed = head_width + 3 + percent.size();  // "[" "] " around the bar
  if (room >= fixed + kMinBar) {
    std::size_t bar = std::min(room - fixed, kMaxBar);
    std::size_t full = total ? bar * done / total : bar;
    return head + "[" + std::string(full, '#') + std::string(bar - full, '.') + "] " + percent;
  }
  if (room >= head_width + percent.size()) return head + percent;
  return room >= percent.size() ? percent : std::string();
}

ProgressBar::ProgressBar(std::string label, int width, Write write, Clock clock)
    : label_(std::move(label)), width_(width), write_(std::move(write)), clock_(std::move(clock)) {
  start_ = clock_();
}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (done >= total) return clear();
  auto now = clock_();
  if (now - start_ < kQuiet || (shown_ > 0 && now - last_ < kRedraw)) return;
  last_ = now;
  std::string line = progress_line(label_, done, total, width_);
  if (line.empty()) return;
  // Spaces over what a longer line before left.
  const std::size_t width = static_cast<std::size_t>(display_width(line));
  std::string pad(shown_ > width ? shown_ - width : 0, ' ');
  write_("\r" + line + pad);
  shown_ = std::max(shown_, width);
}

void ProgressBar::clear() {
  if (shown_ == 0) return;
  write_("\r" + std::string(shown_, ' ') + "\r");
  shown_ = 0;
}

void attach_progress(CaseIndex& index) {
  if (!is_terminal(2)) return;
  auto bar = std::make_shared<ProgressBar>(std::string("casectl: ") + tx("indexing cases"), terminal_width(2), [](const std::string& s) {
    std::fputs(s.c_str(), stderr);
    std::fflush(stderr);
  });
  index.on_progress([bar](std::size_t done, std::size_t total) { bar->update(done, total); });
}

}  // namespace casectl::cli
