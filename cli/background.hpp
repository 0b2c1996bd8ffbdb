// Work left to a detached process after a command has answered (like `git gc --auto`): the
// history index, which `log ID` leaves behind on a long history (core/history).
#pragma once
#include <string>

namespace casectl::cli {

// Starts `casectl -C ROOT log --update-index` (this same program, /proc/self/exe) in a new
// session, at a lower priority, its input and output /dev/null, and returns without waiting for
// it (no zombie is left: it is the child of a child that exits at once). It does nothing when
// another process is already updating (core History::refresh_unless_busy). Failures to start are
// ignored: the next `log` answers the same way and tries again.
void update_history_in_background(const std::string& root);

}  // namespace casectl::cli
