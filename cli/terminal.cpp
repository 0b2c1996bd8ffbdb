#include "cli/terminal.hpp"

#include <cstdlib>
#include <string_view>
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

std::string for_stdout(const std::string& text) {
  return ::isatty(1) == 1 ? terminal_text(text) : text;
}

}  // namespace casectl::cli
