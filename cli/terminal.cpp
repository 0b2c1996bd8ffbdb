#include "cli/terminal.hpp"

#include <cstdlib>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/terminal_text.hpp"

namespace casectl::cli {

bool use_colour(int fd) {
  if (!::isatty(fd)) return false;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::string_view(term) == "dumb");
}

bool interactive() { return ::isatty(0) == 1 && ::isatty(1) == 1; }

bool stdout_is_terminal() { return ::isatty(1) == 1; }

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

int terminal_width(int fd) {
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  const char* columns = std::getenv("COLUMNS");
  int n = columns ? std::atoi(columns) : 0;
  return n > 0 ? n : 80;
}

std::string for_stdout(const std::string& text) {
  return ::isatty(1) == 1 ? terminal_text(text) : text;
}

}  // namespace casectl::cli
