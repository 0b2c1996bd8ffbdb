// What every command shares: the global options and the helpers that turn them into a case
// directory, an acting worker and output.
#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/case_store.hpp"
#include "core/i18n.hpp"  // tx(), txf(): every command's help
#include "core/table.hpp"

namespace casectl::cli {

// Thrown by a command that finished its work but must exit with a status other than 0 (1:
// problems found by validate or due --check); main returns `code`.
struct ExitStatus {
  int code;
};

struct Globals {
  std::optional<std::string> dir;     // -C DIR
  std::optional<std::string> worker;  // --worker ID
  std::string format;                 // --format (each command says which it takes)
};

// One command: adds its subcommand (with options and callback) to app.
using Register = void (*)(CLI::App& app, Globals& g);

// The command table, in the order `casectl --help` lists them.
const std::vector<Register>& commands();

// The case directory named by -C / $CASECTL_DIR / the current folder.
CaseStore open_store(const Globals& g);

// The acting worker (SPEC section 2) of the case directory.
const Worker& acting_worker(const CaseStore& store, const Globals& g);

// Case IDs for a message: "C-2026-0001, C-2026-0002" (at most eight, then "and N more").
std::string id_list(const std::vector<std::string>& ids);

// This casectl's absolute path, which git runs as the merge driver; "casectl" (found on PATH
// when git runs it) when the system does not say.
std::string own_program();

// The --format value, checked against allowed (the first is the default).
std::string format_of(const Globals& g, const std::vector<std::string>& allowed);

// Writes text to stdout exactly.
void out(const std::string& text);

// Reads a whole file (or stdin for "-"), refusing more than kMaxInputBytes (it stops reading
// there, so an endless input is refused too); errors name the file.
std::string read_input(const std::string& path);

// Adds the standard example footer to a command's help: the example command lines (never
// translated), then notes on them (translated by the caller, tx()), if any.
void example(CLI::App* cmd, const std::string& lines, const std::string& notes = "");

// A command's help footer: text (translated by the caller), then the example command lines.
void footer_with_example(CLI::App* cmd, const std::string& text, const std::string& lines);

}  // namespace casectl::cli
