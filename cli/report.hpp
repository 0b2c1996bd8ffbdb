// Error output on stderr, the one way: "casectl: [PLACE: ]text", control characters shown as '?'.
#pragma once
#include <string>

#include "core/error.hpp"

namespace casectl::cli {

// Prints "casectl: PLACE: text" (no "PLACE: " when place is empty) to stderr, every control
// character but the new line (which could come from hostile input) as '?'.
void say(const std::string& place, const std::string& text);

// Prints one line per problem of e, then e's own line "casectl: FILE:LINE:COL: what is wrong".
// A problem with no place names its field instead.
void report(const Error& e);

}  // namespace casectl::cli
