#include "cli/suggest.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/nearest_name.hpp"

namespace casectl::cli {
namespace {

// The deepest (sub)command the parse reached: app, or the subcommand chosen in it, and so on.
const CLI::App* deepest(const CLI::App& app) {
  const CLI::App* at = &app;
  while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
  return at;
}

// The flags a command takes: its own, and those of every command above it (they fall through).
std::vector<std::string> flag_names(const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* a = command; a; a = a->get_parent())
    for (const CLI::Option* o : a->get_options()) {
      for (const auto& l : o->get_lnames()) names.push_back("--" + l);
      for (const auto& s : o->get_snames()) names.push_back("-" + s);
    }
  return names;
}

// The subcommands of a command, by name.
std::vector<std::string> command_names(const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* sub : command->get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

}  // namespace

std::vector<std::string> suggestions(const CLI::App& app) {
  const CLI::App* command = deepest(app);
  std::vector<std::string> commands = command_names(command), flags = flag_names(command);
  std::vector<std::string> lines;
  bool word_seen = false;  // only the first word can be the mistyped command
  for (const std::string& arg : app.remaining(true)) {
    std::optional<std::string> near;
    if (arg.size() > 1 && arg[0] == '-') {
      near = nearest_name(arg.substr(0, arg.find('=')), flags);
    } else if (!word_seen && !commands.empty()) {
      word_seen = true;
      if (command == &app) lines.push_back(txf("\"{}\" is not a command", arg));
      near = nearest_name(arg, commands);
    }
    if (near) lines.push_back(txf("did you mean \"{}\"?", *near));
  }
  return lines;
}

}  // namespace casectl::cli
