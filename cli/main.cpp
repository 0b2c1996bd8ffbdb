// casectl: the command-line entry point. Parses the global options and the command, runs it,
// and maps every error to its exit code (SPEC section 5) in one place.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/help_format.hpp"
#include "cli/messages.hpp"
#include "cli/report.hpp"
#include "cli/suggest.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/i18n.hpp"

using casectl::Error;
using casectl::ErrorKind;
using casectl::cli::report;
using casectl::cli::say;

namespace {

// The exit code of an error of kind (SPEC section 5).
int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage: return 2;
    case ErrorKind::refused: return 3;
    case ErrorKind::not_found: return 4;
    case ErrorKind::conflict: return 5;
    case ErrorKind::malformed: return 6;
    case ErrorKind::internal: return 70;
  }
  return 70;
}

// The options every command takes, before or after its name: on the app, and on each command
// (and its own commands) under "Global options" so that its --help lists them, except where the
// command has an option of that name itself (list --worker filters by worker).
void add_global_options(CLI::App* cmd, casectl::cli::Globals& g) {
  const bool top = cmd->get_parent() == nullptr;
  const char* group = top ? "Options" : "Global options";  // headings translated by the formatter
  if (!cmd->get_option_no_throw("-C"))
    cmd->add_option("-C", g.dir, casectl::tx("the case directory (else $CASECTL_DIR, else the nearest parent holding casectl.yaml)"))
        ->type_name("DIR")
        ->group(group);
  if (!cmd->get_option_no_throw("--worker"))
    cmd->add_option("--worker", g.worker, casectl::tx("the acting worker (else $CASECTL_WORKER, else git's user.email)"))
        ->type_name("ID")
        ->group(group);
  if (!cmd->get_option_no_throw("--format"))
    cmd->add_option("--format", g.format,
                    top ? casectl::tx("output format (each command lists the ones it takes)")
                        : casectl::tx("output format (the ones this command takes are in its description above)"))
        ->type_name("FORMAT")
        ->group(group);
  if (!top)
    for (CLI::App* sub : cmd->get_subcommands({})) add_global_options(sub, g);
}

}  // namespace

int main(int argc, char** argv) {
  casectl::cli::init_messages(argc, argv);
  // libgit2 is started by the first use of it (core/git.hpp init()): not here, because its
  // start-up costs ~15 ms that `list` and `due` do not need (core/git_head.hpp).
  casectl::cli::Globals g;
  CLI::App app{casectl::tx("casectl: case management for child-guidance and social-welfare case workers.\n"
                           "Each case is one YAML file in a git repository; every change is one commit."),
               "casectl"};
  int rc = 0;
  try {
    // Inside the try: a command that fails to register is reported like any other error.
    casectl::cli::set_help_format(app);  // before the commands: each takes it over
    app.set_version_flag("--version", std::string("casectl ") + CASECTL_VERSION,
                         casectl::tx("Display program version information and exit"));
    app.require_subcommand(1);
    app.fallthrough();
    add_global_options(&app, g);
    app.footer(std::string("\n") +
               casectl::txf("Values of a closed list may be typed by their code or their English or Japanese label\n"
                            "({}); records store the codes.\n"
                            "Exit codes: 0 done, 1 problems found, 2 usage, 3 refused by a rule, 4 not found,\n"
                            "5 conflict or busy, 6 malformed input, 70 internal error.\n"
                            "See casectl(1) and `casectl COMMAND --help`.",
                            "--sex 女, --risk 高"));
    for (auto reg : casectl::cli::commands()) reg(app, g);
    for (CLI::App* cmd : app.get_subcommands({})) add_global_options(cmd, g);
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    rc = app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    rc = app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    rc = app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (std::string message = casectl::cli::usage_error_message(e, app); !message.empty()) say("", message);
    for (const auto& line : casectl::cli::suggestions(app)) say("", line);
    say("", casectl::tx("run `casectl --help` or `casectl COMMAND --help` for usage"));
    rc = 2;
  } catch (const casectl::cli::ExitStatus& e) {
    rc = e.code;
  } catch (const Error& e) {
    report(e);
    rc = exit_code(e.kind());
  } catch (const std::bad_alloc&) {
    say("", casectl::tx("out of memory"));
    rc = 70;
  } catch (const std::exception& e) {
    say("", casectl::txf("internal error: {}", e.what()));
    rc = 70;
  }
  casectl::git::shutdown();
  return rc;
}
