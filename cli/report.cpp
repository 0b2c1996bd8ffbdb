#include "cli/report.hpp"

#include <cstdio>

namespace casectl::cli {
namespace {

// Text for the terminal: control characters (which could come from hostile input) as '?'.
std::string printable(std::string s) {
  for (char& c : s)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) c = '?';
  return s;
}

}  // namespace

void say(const std::string& place, const std::string& text) {
  std::string line = "casectl: " + (place.empty() ? "" : place + ": ") + text;
  std::fprintf(stderr, "%s\n", printable(line).c_str());
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
