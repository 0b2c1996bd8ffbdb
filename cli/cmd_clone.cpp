// casectl clone URL DIR: a case directory for this machine, from the team's git server
// (core/sync.hpp).
#include "cli/app.hpp"
#include "core/sync.hpp"

namespace casectl::cli {
namespace {

void run_clone(const std::string& url, const std::string& dir, const Globals& g) {
  std::optional<std::string> worker = g.worker;
  std::size_t cases = clone_directory(url, dir, worker, own_program());
  out(txf("Cloned into {}: {} cases", dir, cases) + (worker ? txf("; worker {}", *worker) : std::string()) + "\n");
}

}  // namespace

void register_clone(CLI::App& app, Globals& g) {
  auto url = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("clone", tx("a case directory for this machine, from the team's git server"));
  cmd->add_option("URL", *url, tx("the shared repository (ssh://, https://, a path, ...)"))->required();
  cmd->add_option("DIR", *dir, tx("the new folder"))->required();
  footer_with_example(cmd,
                      tx("Files are made 0600 and folders 0700. With --worker ID, that worker of casectl.yaml\n"
                         "becomes the clone's git identity, so commands there act as them."),
                      "  casectl clone ssh://git@server/agency/cases.git cases --worker sato");
  cmd->callback([url, dir, &g] { run_clone(*url, *dir, g); });
}

}  // namespace casectl::cli
