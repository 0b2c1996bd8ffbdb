// What casectl asks about the terminal: whether to colour output and whether to offer an editor.
// Only cli/ asks; core takes the answers as parameters.
#pragma once

namespace casectl::cli {

// Whether output to fd may use colour: fd is a terminal, NO_COLOR is unset or empty, and TERM is
// not "dumb".
bool use_colour(int fd);

// True when stdin and stdout are both terminals (an editor may be offered).
bool interactive();

}  // namespace casectl::cli
