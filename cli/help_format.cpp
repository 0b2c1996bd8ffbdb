// --help and usage errors in the language chosen. CLI11 (2.1) writes its fixed words through
// its formatter's labels, which are set here from the catalog; option group headings ("Options",
// "Global options") and the subcommand heading go through the same labels. Its parse errors carry
// only an English text: the kind of error is its class, and the option or argument is read back
// from the text (CLI11's fixed forms), or from the parse itself (what was left over).
#include "cli/help_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <vector>

#include "core/i18n.hpp"
#include "core/table.hpp"

namespace casectl::cli {

namespace {

// CLI11's format_help() with the left column padded by display width, not bytes: "ID TEXT 必須"
// is 14 bytes but 12 columns.
std::string help_line(const std::string& left, const std::string& description, std::size_t width) {
  const std::string name = "  " + left;
  std::string out = pad_to_width(name, static_cast<int>(width));
  if (!description.empty()) {
    if (display_width(name) >= static_cast<int>(width)) out += "\n" + std::string(width, ' ');
    for (char c : description) {
      out += c;
      if (c == '\n') out += std::string(width, ' ');
    }
  }
  return out + "\n";
}

class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter() {
    for (const char* word : {N_("Usage"), N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("Positionals"),
                             N_("Options"), N_("Global options"), N_("Subcommands"), N_("REQUIRED"), N_("Env"),
                             N_("Needs"), N_("Excludes")})
      label(word, tx(word));
  }

  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return help_line(make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt),
                     column_width_);
  }

  // A group of options under its heading, translated ("Options", "Global options").
  std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override {
    return CLI::Formatter::make_group(get_label(group), is_positional, std::move(opts));
  }

  // The subcommands under their group heading ("Subcommands"), translated.
  std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
    std::string text = CLI::Formatter::make_subcommands(app, mode);
    std::vector<std::string> groups;
    for (const CLI::App* sub : app->get_subcommands({}))
      if (!sub->get_group().empty() && std::find(groups.begin(), groups.end(), sub->get_group()) == groups.end())
        groups.push_back(sub->get_group());
    for (const std::string& group : groups) {
      const std::string heading = "\n" + group + ":\n";
      std::size_t at = text.find(heading);
      if (at != std::string::npos) text.replace(at, heading.size(), "\n" + get_label(group) + ":\n");
    }
    return text;
  }
};

// The deepest (sub)command the parse reached.
const CLI::App* deepest(const CLI::App& app) {
  const CLI::App* at = &app;
  while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
  return at;
}

// "casectl worker add": the command path of cmd.
std::string command_path(const CLI::App* cmd) {
  std::string path;
  for (const CLI::App* a = cmd; a; a = a->get_parent())
    path = a->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

// The words a command line of cmd takes: "casectl note ID TEXT [--kind ...]" without options:
// its arguments, optional ones in brackets.
std::string usage_of(const CLI::App* cmd) {
  std::string line = command_path(cmd);
  for (const CLI::Option* o : cmd->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    std::string name = o->get_name();
    if (o->get_expected_max() > 1) name += "...";
    line += " " + (o->get_required() ? name : "[" + name + "]");
  }
  return line;
}

bool is_option_word(const std::string& word) { return word.size() > 1 && word[0] == '-'; }

std::string join(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

// A required option or argument missing: an option by its name; arguments all at once, with the
// command's usage line.
std::string missing(const std::string& name, const CLI::App& app) {
  if (is_option_word(name)) return txf("{} is required", name);
  const CLI::App* cmd = deepest(app);
  std::vector<std::string> names;
  for (const CLI::Option* o : cmd->get_options([](const CLI::Option* o) { return o->get_positional(); }))
    if (o->get_required() && o->count() == 0) names.push_back(o->get_name());
  if (names.empty()) names.push_back(name);
  if (names.size() == 1) return txf("missing argument {0} (usage: {1})", names.front(), usage_of(cmd));
  return txf("missing arguments {0} (usage: {1})", join(names), usage_of(cmd));
}

// No command named: the top level's ("" when a word was given that is none), or one of a command's actions (custody start|extend|end).
std::string missing_command(const CLI::App& app) {
  const CLI::App* cmd = deepest(app);
  if (cmd == &app) {
    // A word that is no command: suggestions() says so (and names the nearest), nothing to add.
    for (const std::string& w : app.remaining(true))
      if (!is_option_word(w)) return "";
    return tx("a command is required");
  }
  std::vector<std::string> names;
  for (const CLI::App* sub : cmd->get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
    names.push_back(sub->get_name());
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : " | ") + n;
  return txf("{0} needs one of: {1}", command_path(cmd), list);
}

// Words left over: unknown options, and arguments the command does not take.
std::string extras(const std::string& what, const CLI::App& app) {
  std::vector<std::string> words = app.remaining(true);
  if (words.empty()) {  // not expected to happen: the words from the message
    std::size_t at = what.find(": ");
    if (at != std::string::npos) words.push_back(what.substr(at + 2));
  }
  // An unknown option is named without its value (--urgancy=high, or --urgancy high: the word
  // after it is taken for its value, not listed as an argument of its own).
  std::vector<std::string> options, arguments;
  bool value_next = false;
  for (const std::string& w : words) {
    if (is_option_word(w)) {
      options.push_back(w.substr(0, w.find('=')));
      value_next = w.find('=') == std::string::npos;
    } else if (value_next) {
      value_next = false;
    } else {
      arguments.push_back(w);
    }
  }
  std::vector<std::string> parts;
  if (options.size() == 1) parts.push_back(txf("unknown option {}", options.front()));
  if (options.size() > 1) parts.push_back(txf("unknown options {}", join(options)));
  if (arguments.size() == 1) parts.push_back(txf("unexpected argument \"{}\"", arguments.front()));
  if (arguments.size() > 1) parts.push_back(txf("unexpected arguments {}", join(arguments)));
  std::string s;
  for (const std::string& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s.empty() ? what : s;
}

// A range's upper end printed from the largest double (CLI::PositiveNumber's).
bool huge(const std::string& number) {
  try {
    return std::stod(number) > 1e300;
  } catch (...) {
    return false;
  }
}

// A validator's complaint about name's value: CLI11's own (IsMember, Range, numbers) translated,
// casectl's own (member_of: already in the chosen language) as it is.
std::string invalid(const std::string& name, const std::string& msg) {
  std::smatch m;
  static const std::regex not_in_set("(.*) not in \\{(.*)\\}");
  static const std::regex not_in_range("Value (.*) not in range (\\S+) to (\\S+)");
  static const std::regex not_number("Failed parsing number \\((.*)\\)|Value (.*) could not be converted.*|"
                                     "Failed parsing (.*) as a .*");
  if (std::regex_match(msg, m, not_in_set)) {
    std::string values = m[2].str();
    std::string list;
    for (std::size_t at = 0, comma = 0; comma != std::string::npos; at = comma + 1) {
      comma = values.find(',', at);
      list += (list.empty() ? "" : " | ") + values.substr(at, comma == std::string::npos ? comma : comma - at);
    }
    return txf("{0}: \"{1}\" is not one of: {2}", name, m[1].str(), list);
  }
  if (std::regex_match(msg, m, not_in_range)) {
    if (huge(m[3].str()))  // CLI::PositiveNumber: up to the largest double
      return txf("{0}: \"{1}\" is not a positive number", name, m[1].str());
    return txf("{0}: {1} is not between {2} and {3}", name, m[1].str(), m[2].str(), m[3].str());
  }
  if (std::regex_match(msg, m, not_number)) {
    std::string value = m[1].matched ? m[1].str() : m[2].matched ? m[2].str() : m[3].str();
    return txf("{0}: \"{1}\" is not a number", name, value);
  }
  return name + ": " + msg;
}

}  // namespace

void set_help_format(CLI::App& app) {
  app.formatter(std::make_shared<HelpFormatter>());
  app.set_help_flag("-h,--help", tx("Print this help message and exit"));
}

std::string usage_error_message(const CLI::ParseError& e, const CLI::App& app) {
  const std::string what = e.what();
  std::smatch m;
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (what == "A subcommand is required") return missing_command(app);
    if (std::regex_match(what, m, std::regex("(\\S+) is required"))) return missing(m[1].str(), app);
  } else if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    return extras(what, app);
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    if (std::regex_match(what, m, std::regex("(\\S+): \\d+ required [\\s\\S]* missing")) ||
        std::regex_match(what, m, std::regex("Expected (?:exactly|at least) \\d+ arguments to (\\S+), got 0")) ||
        std::regex_match(what, m, std::regex("(\\S+): At least \\d+ required but received 0")))
      return txf("{} needs a value", m[1].str());
    if (std::regex_match(what, m, std::regex("(\\S+) was given a disallowed flag override")))
      return txf("{} takes no value", m[1].str());
    if (std::regex_match(what, m, std::regex("(\\S+): At Most (\\d+) required but received (\\d+)")))
      return txf("{0} takes at most {1} values, not {2}", m[1].str(), m[2].str(), m[3].str());
  } else if (dynamic_cast<const CLI::ValidationError*>(&e)) {
    if (std::regex_match(what, m, std::regex("(\\S+): ([\\s\\S]*)"))) return invalid(m[1].str(), m[2].str());
  } else if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    if (std::regex_match(what, m, std::regex("The value (.*) is not an allowed value for (\\S+)")) ||
        std::regex_match(what, m, std::regex("Could not convert: (\\S+) = (.*)"))) {
      bool first_is_value = what.rfind("The value ", 0) == 0;
      std::string name = first_is_value ? m[2].str() : m[1].str(), value = first_is_value ? m[1].str() : m[2].str();
      return txf("{0}: \"{1}\" is not a valid value", name, value);
    }
    if (std::regex_match(what, m, std::regex("(\\S+): too many inputs for a flag")) ||
        std::regex_match(what, m, std::regex("(\\S+): Should be true/false or a number")))
      return txf("{} takes no value", m[1].str());
  } else if (dynamic_cast<const CLI::RequiresError*>(&e)) {
    if (std::regex_match(what, m, std::regex("(\\S+) requires (\\S+)")))
      return txf("{0} needs {1} as well", m[1].str(), m[2].str());
  } else if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
    if (std::regex_match(what, m, std::regex("(\\S+) excludes (\\S+)")))
      return txf("{0} and {1} cannot be given together", m[1].str(), m[2].str());
  }
  return what;
}

}  // namespace casectl::cli
