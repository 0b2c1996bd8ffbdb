#include "cli/report.hpp"

#include <cstdio>

#include "core/terminal_text.hpp"

namespace casectl::cli {

void say(const std::string& place, const std::string& text) {
  std::string line = terminal_text("casectl: " + (place.empty() ? "" : place + ": ") + text);
  // A line feed (which could come from hostile input) starts an indented line, never one that
  // looks like a message of its own.
  std::string shown;
  for (char c : line) shown += c == '\n' ? std::string("\n  ") : std::string(1, c);
  std::fprintf(stderr, "%s\n", shown.c_str());
}

void report(const Error& e) {
  for (const auto& p : e.problems()) {
    if (!p.place.empty() || p.field.empty()) {
      say(p.place.str(), p.str());
    } else {
      Problem named = p;
      named.rule += ": " + p.field;
      say("", named.str());
    }
  }
  say(e.place().str(), e.what());
}

}  // namespace casectl::cli
