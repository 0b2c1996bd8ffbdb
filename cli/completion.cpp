// The completion scripts: the command table walked into CompletionCommands, and those written
// for bash and zsh (one shared word-list function) and for fish (complete lines).
#include "cli/completion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "cli/forms.hpp"

namespace casectl::cli {

namespace {

// The codes an option or argument takes: member_of()'s, or CLI::IsMember's ("{a,b,c}").
std::vector<std::string> codes_of(CLI::Option& opt) {
  std::vector<std::string> codes = member_codes(opt);
  if (!codes.empty()) return codes;
  for (int i = 0;; ++i) {
    std::string d;
    try {
      d = opt.get_validator(i)->get_description();
    } catch (const CLI::OptionNotFound&) {
      return {};
    }
    if (d.size() < 2 || d.front() != '{' || d.back() != '}') continue;
    for (std::size_t at = 1, comma = 0; comma != d.size() - 1; at = comma + 1) {
      comma = d.find(',', at);
      if (comma == std::string::npos) comma = d.size() - 1;
      codes.push_back(d.substr(at, comma - at));
    }
    return codes;
  }
}

// A positional argument holds a case ID when it is named ID or OTHER, except under the worker
// command (path "worker ..."), whose ID is a worker's. (Not from its help text: that is in the
// language chosen.)
bool is_case_id(const CLI::Option& opt, const std::string& path) {
  const std::string& name = opt.get_name();
  return (name == "ID" || name == "OTHER") && path != "worker" && path.rfind("worker ", 0) != 0;
}

// A positional argument holds a worker ID when it is named WORKER (assign), or is the ID of a
// worker command other than add, whose ID is a new one (worker set ID, worker retire ID). By
// name and command, not by help text, which may be translated.
bool is_worker_id(const CLI::Option& opt, const std::string& path) {
  const std::string& name = opt.get_name();
  return name == "WORKER" || (name == "ID" && path.rfind("worker ", 0) == 0 && path != "worker add");
}

// An option whose value is a worker ID: --worker (global: the acting worker; list, due, log,
// report: a filter), and any whose value is named WORKER (conference --attendee).
bool takes_worker(const CLI::Option& opt) {
  for (const std::string& l : opt.get_lnames())
    if (l == "worker") return true;
  return opt.get_type_name() == "WORKER";
}

// A value that names a file or folder: a form (--file FORM), -C DIR.
bool is_file(const CLI::Option& opt) {
  std::string t = opt.get_type_name();
  return t == "FORM" || t == "DIR" || t == "FILE";
}

void collect(CLI::App& app, const std::string& path, std::vector<CompletionCommand>& out) {
  CompletionCommand c;
  c.path = path;
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden
    if (!opt->nonpositional()) {
      c.args.push_back({is_case_id(*opt, path), is_worker_id(*opt, path), opt->get_expected_max() > 1, codes_of(*opt)});
      continue;
    }
    std::vector<std::string> names;
    for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
    for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
    bool value = opt->get_expected_max() > 0;  // a flag expects none
    std::vector<std::string> codes = value ? codes_of(*opt) : std::vector<std::string>{};
    for (const std::string& n : names) {
      c.options.push_back(n);
      if (!value) continue;
      c.with_value.push_back(n);
      if (!codes.empty()) c.values.emplace_back(n, codes);
      if (is_file(*opt)) c.files.push_back(n);
      if (takes_worker(*opt)) c.workers.push_back(n);
    }
  }
  c.formats = command_formats(path);
  std::vector<CLI::App*> subs = app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); });
  for (CLI::App* s : subs) c.subcommands.push_back(s->get_name());
  out.push_back(std::move(c));
  for (CLI::App* s : subs) collect(*s, path.empty() ? s->get_name() : path + " " + s->get_name(), out);
}

// ---------------------------------------------------------------------------------------------
// bash and zsh: one function in the syntax both read, which prints the words that may follow.

std::string words(const std::vector<std::string>& v) { return fmt::format("{}", fmt::join(v, " ")); }

// The case pattern of option name after command path: "path|name", or *"|name" after any.
std::string pattern(const std::string& path, const std::string& name, bool any) {
  return any ? fmt::format("*\"|{}\"", name) : fmt::format("\"{}|{}\"", path, name);
}

// The patterns of names, joined by "|".
std::string patterns(const std::string& path, const std::vector<std::string>& names, bool any) {
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : "|") + pattern(path, n, any);
  return s;
}

std::string candidates_function(const std::vector<CompletionCommand>& cs) {
  const CompletionCommand& top = cs.front();
  std::string takes_value, is_command, values, files, options, subcommands, args;
  takes_value += "      " + patterns("", top.with_value, true) + ") want=$w; continue ;;\n";
  // --format: the formats of the command it follows (before any command: every format); a
  // worker ID after --worker, --attendee.
  std::vector<std::string> every_format;
  for (const CompletionCommand& c : cs) {
    if (c.formats.empty()) continue;
    values += fmt::format("    \"{}|--format\") printf '%s\\n' {} ;;\n", c.path, words(c.formats));
    for (const std::string& f : c.formats)
      if (std::find(every_format.begin(), every_format.end(), f) == every_format.end()) every_format.push_back(f);
  }
  if (!every_format.empty()) values += fmt::format("    \"|--format\") printf '%s\\n' {} ;;\n", words(every_format));
  for (const CompletionCommand& c : cs)
    for (const std::string& w : c.workers) {
      bool global = &c != &top && std::find(top.workers.begin(), top.workers.end(), w) != top.workers.end();
      if (!global) values += fmt::format("    {}) __casectl_worker_ids \"$prog\" \"$dir\" ;;\n", pattern(c.path, w, &c == &top));
    }
  for (const CompletionCommand& c : cs) {
    if (&c != &top && !c.with_value.empty())
      takes_value += "      " + patterns(c.path, c.with_value, false) + ") want=$w; continue ;;\n";
    for (const std::string& s : c.subcommands)
      is_command += fmt::format("      \"{}|{}\") cmd=\"{}\"; n=0; continue ;;\n", c.path, s,
                                c.path.empty() ? s : c.path + " " + s);
    for (const auto& [opt, codes] : c.values)
      values += fmt::format("    {}) printf '%s\\n' {} ;;\n", pattern(c.path, opt, &c == &top), words(codes));
    for (const std::string& f : c.files) files += fmt::format("    {}) return 1 ;;\n", pattern(c.path, f, &c == &top));
    std::vector<std::string> all = c.options;  // its own, then the global ones
    for (const std::string& o : top.options)
      if (std::find(all.begin(), all.end(), o) == all.end()) all.push_back(o);
    options += fmt::format("      \"{}\") printf '%s\\n' {} ;;\n", c.path, words(all));
    if (!c.subcommands.empty())
      subcommands += fmt::format("    \"{}\") printf '%s\\n' {} ;;\n", c.path, words(c.subcommands));
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      std::string at = fmt::format("\"{}|{}\"", c.path, i);
      if (c.args[i].many) at = fmt::format("\"{}|\"*", c.path);  // from here on (the last argument)
      if (c.args[i].case_id)
        args += fmt::format("    {}) __casectl_case_ids \"$prog\" \"$dir\" ;;\n", at);
      else if (c.args[i].worker_id)
        args += fmt::format("    {}) __casectl_worker_ids \"$prog\" \"$dir\" ;;\n", at);
      else if (!c.args[i].values.empty())
        args += fmt::format("    {}) printf '%s\\n' {} ;;\n", at, words(c.args[i].values));
    }
  }
  return fmt::format(
      R"SH(# The case IDs of the case directory ($2, else the one casectl finds), from its index;
# nothing outside a case directory.
__casectl_case_ids() {{
  if [ -n "$2" ]; then "$1" -C "$2" completion --case-ids 2>/dev/null
  else "$1" completion --case-ids 2>/dev/null; fi
}}

# The worker IDs of casectl.yaml, the same way.
__casectl_worker_ids() {{
  if [ -n "$2" ]; then "$1" -C "$2" completion --worker-ids 2>/dev/null
  else "$1" completion --worker-ids 2>/dev/null; fi
}}

# The words that may take the place of "$1" (the word being completed) after the words
# "$2"... (casectl and those typed before it), one a line: options when "$1" starts with "-",
# else subcommands and the values of the argument or option. Status 1: a file name instead.
__casectl_candidates() {{
  local cur="$1" prog="$2" cmd="" want="" dir="" n=0 w
  shift 2
  for w in "$@"; do
    if [ -n "$want" ]; then
      [ "$want" = -C ] && dir="$w"
      want=""
      continue
    fi
    case "$cmd|$w" in
{}{}      *"|-"*) continue ;;
    esac
    n=$((n + 1))
  done
  if [ -n "$want" ]; then
    case "$cmd|$want" in
{}{}    esac
    return 0
  fi
  case "$cur" in
    -*)
      case "$cmd" in
{}      esac
      return 0 ;;
  esac
  case "$cmd" in
{}  esac
  case "$cmd|$n" in
{}  esac
}}
)SH",
      takes_value, is_command, values, files, options, subcommands, args);
}

std::string bash_script(const std::vector<CompletionCommand>& cs) {
  return "# bash completion for casectl; made by `casectl completion bash`.\n\n" + candidates_function(cs) +
         R"SH(
_casectl() {
  local cur="${COMP_WORDS[COMP_CWORD]}" found
  if ! found="$(__casectl_candidates "$cur" "${COMP_WORDS[@]:0:COMP_CWORD}")"; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return 0
  fi
  mapfile -t COMPREPLY < <(compgen -W "$found" -- "$cur")
}
complete -F _casectl casectl
)SH";
}

std::string zsh_script(const std::vector<CompletionCommand>& cs) {
  return "#compdef casectl\n# zsh completion for casectl; made by `casectl completion zsh`.\n\n" +
         candidates_function(cs) + R"SH(
_casectl() {
  local found
  if ! found="$(__casectl_candidates "${words[CURRENT]}" "${(@)words[1,CURRENT-1]}")"; then
    _files
    return
  fi
  local -a reply
  reply=(${(f)found})
  compadd -a reply
}

_casectl "$@"
)SH";
}

// ---------------------------------------------------------------------------------------------
// fish: one complete line per command, option and list.

std::string fish_script(const std::vector<CompletionCommand>& cs) {
  std::string s = "# fish completion for casectl; made by `casectl completion fish`.\n\n"
                  "complete -c casectl -f\n";
  for (const CompletionCommand& c : cs) {
    // The condition: the command's words seen and none of its subcommands yet; casectl's own
    // options (global) need none.
    std::string cond;
    std::istringstream path(c.path);
    for (std::string word; path >> word;)
      cond += fmt::format("{}__fish_seen_subcommand_from {}", cond.empty() ? "" : "; and ", word);
    if (!c.subcommands.empty())
      cond += fmt::format("{}not __fish_seen_subcommand_from {}", cond.empty() ? "" : "; and ", words(c.subcommands));
    if (!c.subcommands.empty()) s += fmt::format("complete -c casectl -n '{}' -a '{}'\n", cond, words(c.subcommands));
    std::string on = c.path.empty() ? "" : fmt::format(" -n '{}'", cond);
    for (const std::string& o : c.options) {
      std::string flag = o.rfind("--", 0) == 0 ? "-l " + o.substr(2) : "-s " + o.substr(1);
      std::string extra;
      for (const auto& [opt, codes] : c.values)
        if (opt == o) extra = fmt::format(" -x -a '{}'", words(codes));
      if (o == "--format" && !c.formats.empty()) extra = fmt::format(" -x -a '{}'", words(c.formats));
      bool global = &c != &cs.front() && std::find(cs.front().workers.begin(), cs.front().workers.end(), o) !=
                                               cs.front().workers.end();
      if (!global && std::find(c.workers.begin(), c.workers.end(), o) != c.workers.end())
        extra = " -x -a '(casectl completion --worker-ids 2>/dev/null)'";
      bool value = std::find(c.with_value.begin(), c.with_value.end(), o) != c.with_value.end();
      bool file = std::find(c.files.begin(), c.files.end(), o) != c.files.end();
      if (extra.empty() && value) extra = file ? " -r -F" : " -x";
      s += fmt::format("complete -c casectl{} {}{}\n", on, flag, extra);
    }
    bool ids = false, workers = false;
    for (const CompletionArg& a : c.args) {
      ids = ids || a.case_id;
      workers = workers || a.worker_id;
      if (!a.values.empty()) s += fmt::format("complete -c casectl{} -a '{}'\n", on, words(a.values));
    }
    if (ids) s += fmt::format("complete -c casectl{} -a '(casectl completion --case-ids 2>/dev/null)'\n", on);
    if (workers) s += fmt::format("complete -c casectl{} -a '(casectl completion --worker-ids 2>/dev/null)'\n", on);
  }
  return s;
}

}  // namespace

std::vector<std::string> command_formats(const std::string& path) {
  // Each command's format_of() list (cli/cmd_*.cpp), the default first.
  static const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
      {"show", {"summary", "yaml", "json"}},
      {"diff", {"text", "json"}},
      {"log", {"table", "csv", "json"}},
      {"validate", {"text", "json"}},
      {"doc", {"md", "html"}},
      {"doctor", {"text", "json"}},
      {"list", {"table", "csv", "json", "yaml", "md"}},
      {"due", {"table", "csv", "json"}},
      {"report", {"table", "csv", "json", "md"}},
      {"schema", {"md", "json-schema"}},
      {"status", {"table", "json"}},
      {"worker", {"table", "csv", "json", "yaml", "md"}},  // worker --format F list
      {"worker list", {"table", "csv", "json", "yaml", "md"}},
  };
  for (const auto& [p, formats] : table)
    if (p == path) return formats;
  return {};
}

std::vector<CompletionCommand> completion_commands(CLI::App& app) {
  std::vector<CompletionCommand> out;
  collect(app, "", out);
  return out;
}

std::string completion_script(const std::vector<CompletionCommand>& commands, const std::string& shell) {
  if (shell == "bash") return bash_script(commands);
  if (shell == "zsh") return zsh_script(commands);
  return fish_script(commands);
}

}  // namespace casectl::cli
