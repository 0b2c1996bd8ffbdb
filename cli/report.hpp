// Error output on stderr, the one way: "casectl: [PLACE: ]text", made safe by terminal_text().
#pragma once
#include <string>

#include "core/error.hpp"

namespace casectl::cli {

// Prints "casectl: PLACE: text" (no "PLACE: " when place is empty) to stderr through
// terminal_text(): no control, bidirectional control or line separator reaches the terminal raw,
// and a line feed (which could come from hostile input) starts a line indented by two spaces.
void say(const std::string& place, const std::string& text);

// Prints one line per problem of e, then e's own line "casectl: FILE:LINE:COL: what is wrong".
// A problem with no place names its field instead.
void report(const Error& e);

}  // namespace casectl::cli
