// What a usage error adds when a command or flag was mistyped (`casectl asess`, `new --urgancy`):
// the name of the command line's own that is nearest, when one is close (core/nearest_name).
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace casectl::cli {

// The messages that replace or follow CLI11's after a failed parse of app: for each argument
// that was not expected, `did you mean "NAME"?` with NAME the nearest subcommand (for a word
// where a command belongs) or flag (for `--word` or `--word=value`) of the command being parsed.
// A word where a command belongs that is none says so (`"asess" is not a command`) first,
// since CLI11 only says that a command is missing.
std::vector<std::string> suggestions(const CLI::App& app);

}  // namespace casectl::cli
