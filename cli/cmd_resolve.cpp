// casectl resolve ID --take ours|theirs [FIELD...] | --done: finish a merge that sync or a
// plain git pull left unfinished on a conflict in a case record or casectl.yaml
// (core/resolve.hpp).
#include "cli/app.hpp"
#include "core/resolve.hpp"

namespace casectl::cli {
namespace {

struct Options {
  std::string id;
  std::vector<std::string> fields;
  std::string take;
  bool done = false;
};

void run(const Options& o, const Globals& g) {
  if (o.done == !o.take.empty()) fail(ErrorKind::usage, tx("give either --take ours|theirs or --done"));
  if (o.done && !o.fields.empty()) fail(ErrorKind::usage, tx("--done takes no FIELD: it finishes the whole file"));
  std::string root = find_root(g.dir);
  Config config = settings_during_merge(root);
  const Worker& w = resolve_worker(config, g.worker, Repo(root).git_user_email());
  ResolveOutcome r = o.done ? resolve_done(root, o.id, w, config)
                            : resolve_take(root, o.id, o.take == "theirs" ? Side::theirs : Side::ours, o.fields, w, config);
  if (!r.remaining.empty()) {
    std::string names;
    for (const auto& c : r.remaining) names += "\n  " + c.str();
    fail(ErrorKind::conflict,
         txf("{} is still in conflict:{}\nYour choices are kept and both versions are in the file. Settle the rest with "
             "`casectl resolve {} --take ours|theirs [FIELD...]`, or edit it by hand and run `casectl resolve {} --done`.",
             r.name, names, r.name, r.name));
  }
  std::string text = txf("{}: resolved and staged ({} files)", r.name, r.staged.size()) + "\n";
  if (!r.commit.empty())
    text += txf("The merge is finished: commit {} by {}. Run `casectl sync` to send it.", r.commit.substr(0, 7), w.id) + "\n";
  else
    text += txf("Still in conflict: {}. Resolve each, then the merge is committed.", id_list(r.unmerged)) + "\n";
  out(text);
}

}  // namespace

void register_resolve(CLI::App& app, Globals& g) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("resolve", tx("finish a merge that stopped on a conflict: take a side, or check a hand edit"));
  cmd->add_option("ID", o->id, tx("case ID, or casectl.yaml for the settings"))->required();
  cmd->add_option("FIELD", o->fields, tx("with --take: the conflicts at these fields or under them (default every one)"));
  cmd->add_option("--take", o->take, tx("settle the conflicts with ours (this clone's) or theirs (what came in)"))
      ->check(CLI::IsMember({"ours", "theirs"}))
      ->type_name("SIDE");
  cmd->add_flag("--done", o->done, tx("the file was settled by hand: check it, render its documents, stage it"));
  footer_with_example(cmd,
                      tx("The versions come from git's index, never from the conflict file. Choices are kept\n"
                         "until the merge is committed. When no file is left in conflict, the merge is\n"
                         "committed by the acting worker; `casectl sync` sends it."),
                      "  casectl resolve C-2026-0001 --take theirs\n"
                      "  casectl resolve C-2026-0001 --take ours assessments[n=2].risk\n"
                      "  casectl resolve casectl.yaml --take theirs policy.plan_due\n"
                      "  casectl resolve C-2026-0001 --done");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
