// Shell completion for casectl, made at run time from the CLI11 command table: every command
// and subcommand, every option, the codes of options and arguments that take one of a closed
// list, the formats each command's --format takes, files for forms and folders, case IDs from
// the case index and worker IDs from casectl.yaml.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace casectl::cli {

// A positional argument: a case ID, a worker ID, one of values, or anything.
struct CompletionArg {
  bool case_id = false;
  bool worker_id = false;
  bool many = false;  // takes every word from here on (validate ID...)
  std::vector<std::string> values;
};

// One command as completion sees it.
struct CompletionCommand {
  std::string path;                      // "worker add"; "" for casectl itself
  std::vector<std::string> subcommands;  // "add", "set", ...
  std::vector<std::string> options;      // every option name: "-C", "--sex", "--help"
  std::vector<std::string> with_value;   // those that take a value
  std::vector<std::pair<std::string, std::vector<std::string>>> values;  // an option's codes
  std::vector<std::string> files;        // options whose value is a file or folder
  std::vector<std::string> workers;      // options whose value is a worker ID: "--worker", "--attendee"
  std::vector<std::string> formats;      // what its --format takes ("table", "csv", ...); none: no --format
  std::vector<CompletionArg> args;       // positional arguments in order
};

// Every command of app (casectl itself first), its subcommands after it. Options of app itself
// are global: they complete after any command.
std::vector<CompletionCommand> completion_commands(CLI::App& app);

// The formats the --format of the command at path ("list", "worker list") takes, the default
// first; empty for a command that takes none. Kept with the commands' format_of() calls by
// tests/cli/completion.bats.
std::vector<std::string> command_formats(const std::string& path);

// The completion script for shell ("bash", "zsh" or "fish").
std::string completion_script(const std::vector<CompletionCommand>& commands, const std::string& shell);

}  // namespace casectl::cli
