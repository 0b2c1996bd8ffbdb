// cli/terminal: the one place that asks about the terminal (linked into the unit tests alone
// of cli/, as it needs no CLI11).
#include <doctest/doctest.h>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <unistd.h>

#include "cli/terminal.hpp"

using casectl::cli::use_colour;

TEST_CASE("colour only on a terminal, never with NO_COLOR or TERM=dumb") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  CHECK_FALSE(use_colour(fds[1]));
  close(fds[0]);
  close(fds[1]);

  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
    MESSAGE("no pseudo-terminal here; terminal cases skipped");
    if (master >= 0) close(master);
    return;
  }
  int tty = open(ptsname(master), O_RDWR | O_NOCTTY);
  REQUIRE(tty >= 0);
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  std::string saved_no_colour = no_colour ? no_colour : "", saved_term = term ? term : "";
  unsetenv("NO_COLOR");
  setenv("TERM", "xterm-256color", 1);
  CHECK(use_colour(tty));
  setenv("NO_COLOR", "", 1);
  CHECK(use_colour(tty));  // empty NO_COLOR does not count
  setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(use_colour(tty));
  unsetenv("NO_COLOR");
  setenv("TERM", "dumb", 1);
  CHECK_FALSE(use_colour(tty));
  unsetenv("TERM");
  CHECK(use_colour(tty));
  if (no_colour) setenv("NO_COLOR", saved_no_colour.c_str(), 1);
  if (term) setenv("TERM", saved_term.c_str(), 1);
  close(tty);
  close(master);
}
