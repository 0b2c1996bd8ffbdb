// casectl init [DIR]: a new case directory: git repository on main, casectl.yaml with a first
// worker, .gitignore for .casectl/, .gitattributes with git's merge driver for records (this
// binary's absolute path in .git/config), and a first commit by that worker.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "core/i18n.hpp"
#include "core/init.hpp"

namespace casectl::cli {
namespace {

// Makes the case directory (core/init) and says so.
void run(const InitRequest& r, const Globals& g) {
  InitRequest req = r;
  req.worker_id = g.worker;
  req.merge_program = own_program();
  Worker w = init_case_directory(req);
  out(txf("Initialised case directory {} (worker {}, {})", req.dir, w.id, w.role) + "\n");
}

}  // namespace

void register_init(CLI::App& app, Globals& g) {
  auto o = std::make_shared<InitRequest>();
  auto* cmd = app.add_subcommand("init", tx("make a new case directory: git repository, settings, first worker"));
  cmd->add_option("DIR", o->dir, tx("folder to make (default: the current folder)"));
  cmd->add_option("--name", o->name, tx("the first worker's full name (default: git's user.name)"));
  cmd->add_option("--email", o->email, tx("the first worker's email (default: git's user.email)"));
  cmd->add_option("--role", o->role, tx("the first worker's role: worker | supervisor (default worker)"))
      ->check(CLI::IsMember({"worker", "supervisor"}));
  cmd->add_option("--agency", o->agency, tx("the agency's name, shown on documents"));
  cmd->add_option("--locale", o->locale, tx("language of documents and report headings: en | ja"))
      ->check(CLI::IsMember({"en", "ja"}));
  cmd->add_option("--prefix", o->prefix, tx("case ID prefix, 1-8 capital letters (default C)"));
  cmd->add_option("--id-scheme", o->id_scheme,
                  txf("the year in case IDs: calendar | fiscal ({}: April to March, e.g. opened 2027-03-31 -> "
                      "C-2026-NNNN; default calendar)",
                      "年度"))
      ->transform(member_of(enums::id_scheme));
  example(cmd, "  casectl init cases --worker sato --name \"Sato Yuki\" --email sato@example.org",
          tx("The first worker's id is --worker (default: the email's local part)."));
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
