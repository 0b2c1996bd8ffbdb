// What casectl asks about the terminal: whether to colour output, whether to offer an editor,
// how wide a progress bar may be.
// Only cli/ asks; core takes the answers as parameters.
#pragma once
#include <string>

namespace casectl::cli {

// Whether output to fd may use colour: fd is a terminal, NO_COLOR is unset or empty, and TERM is
// not "dumb".
bool use_colour(int fd);

// True when stdin and stdout are both terminals (an editor may be offered).
bool interactive();

// True when stdout is a terminal (a person reads it as it is printed).
bool stdout_is_terminal();

// True when fd is a terminal.
bool is_terminal(int fd);

// The width of the terminal on fd in columns; $COLUMNS, else 80, when it does not say.
int terminal_width(int fd);

// Exact text meant for a script (a record's YAML): unchanged when stdout is a pipe or a file,
// shown through core's terminal_text when it is a terminal, so that a hand-edited file cannot
// act on the terminal or hide what it says.
std::string for_stdout(const std::string& text);

}  // namespace casectl::cli
