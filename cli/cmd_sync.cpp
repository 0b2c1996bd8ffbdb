// casectl sync: fetch, merge by meaning and push, through the team's git server (core/sync.hpp).
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/report.hpp"
#include "core/sync.hpp"

namespace casectl::cli {
namespace {

void run_sync(const std::string& remote, const Globals& g) {
  CaseStore store = open_store(g);  // an interrupted change finished or rolled back first
  const Worker& w = acting_worker(store, g);
  SyncOutcome o = sync_directory(store.root(), remote, Author{w.name, w.email}, w.id, own_program());
  if (!o.taken_over.empty()) say("", txf("recovered an interrupted sync: {}", o.taken_over));
  for (const Renumbered& r : o.renumbered)
    out(renumbering_said(r) + "\n");
  if (o.came_in == 0 && o.pushed == 0) return out(txf("{}: up to date with {}", o.branch, remote) + "\n");
  std::string text = txf("{}: synced with {}", o.branch, remote);
  if (o.came_in) text += "; " + txf("{} commits came in", o.came_in);
  if (o.merged) text += std::string(" ") + tx("(merged)");
  if (!o.changed_cases.empty()) text += "; " + txf("cases changed: {}", id_list(o.changed_cases));
  if (o.pushed) text += "; " + txf("{} commits pushed", o.pushed);
  if (o.attempts > 1) text += "; " + txf("the remote moved meanwhile: {} rounds", o.attempts);
  out(text + "\n");
}

}  // namespace

void register_sync(CLI::App& app, Globals& g) {
  auto remote = std::make_shared<std::string>("origin");
  auto* cmd = app.add_subcommand("sync", tx("fetch, merge and push: share this case directory through its git server"));
  cmd->add_option("--remote", *remote, tx("the git remote to sync with (default origin)"))->type_name("NAME");
  footer_with_example(cmd,
                      tx("Records and casectl.yaml merge by meaning: notes and other lists added on both sides\n"
                         "are all kept; different fields merge; the same field changed on both sides stops\n"
                         "the sync with exit 5, naming the case and the field, with nothing lost or pushed.\n"
                         "A remote that cannot be reached: exit 70, nothing changed here; work on offline."),
                      "  casectl sync\n  casectl sync --remote office");
  cmd->callback([remote, &g] { run_sync(*remote, g); });
}

}  // namespace casectl::cli
