// casectl status: what is not yet pushed, what the last sync brought, what is in conflict
// (core/sync.hpp).
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "core/sync.hpp"

namespace casectl::cli {
namespace {

void run_status(const std::string& remote, const Globals& g) {
  std::string root = find_root(g.dir);
  bool json = format_of(g, {"table", "json"}) == "json";
  SyncStatus s = sync_status(root, remote);
  if (json) {
    auto commits = [](const std::vector<CommitLine>& lines) {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (const auto& c : lines) a.push_back({{"id", c.id}, {"subject", c.subject}});
      return a;
    };
    nlohmann::ordered_json j{{"remote", s.remote},         {"branch", s.branch},
                             {"remote_known", s.remote_known}, {"unpushed", commits(s.unpushed)},
                             {"last_sync", s.last_sync},   {"came_in", commits(s.came_in)},
                             {"conflicts", s.conflicts},   {"uncommitted", s.changed}};
    return out(j.dump(2) + "\n");
  }
  std::string text;
  auto section = [&](const std::string& heading, const std::vector<CommitLine>& lines) {
    text += heading + "\n";
    for (const auto& c : lines) text += "  " + c.id + " " + c.subject + "\n";
  };
  if (!s.conflicts.empty()) {
    text += txf("In conflict (an unfinished merge): {}", id_list(s.conflicts)) + "\n";
    text += std::string(tx("  Settle each with `casectl resolve ID --take ours|theirs [FIELD...]`, or edit it and run "
                           "`casectl resolve ID --done`; or `git merge --abort`.")) + "\n";
  }
  if (!s.changed.empty()) text += txf("Changed and not committed: {}", id_list(s.changed)) + "\n";
  if (!s.remote_known)
    text += txf("Never synced with {} (its branch {} is not known here).", remote, s.branch) + "\n";
  if (s.unpushed.empty())
    text += s.remote_known ? txf("Nothing to push to {}.", remote) + "\n" : "";
  else
    section(txf("Not yet pushed to {} ({}):", remote, s.unpushed.size()), s.unpushed);
  if (!s.last_sync.empty()) {
    if (s.came_in.empty())
      text += txf("The last sync ({}) brought nothing new.", s.last_sync) + "\n";
    else
      section(txf("Came in with the last sync ({}, {} commits):", s.last_sync, s.came_in.size()), s.came_in);
  }
  out(text);
}

}  // namespace

void register_status(CLI::App& app, Globals& g) {
  auto remote = std::make_shared<std::string>("origin");
  auto* cmd = app.add_subcommand("status", tx("what is not yet pushed, what the last sync brought, what is in conflict (--format table|json)"));
  cmd->add_option("--remote", *remote, tx("the git remote (default origin)"))->type_name("NAME");
  example(cmd, "  casectl status\n  casectl status --format json");
  cmd->callback([remote, &g] { run_status(*remote, g); });
}

}  // namespace casectl::cli
