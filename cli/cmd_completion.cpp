// casectl completion bash|zsh|fish: the completion script, made from the command table as it is
// at run time (cli/completion); --case-ids and --worker-ids (hidden) list the case IDs and the
// worker IDs the scripts offer.
#include "cli/app.hpp"
#include "cli/completion.hpp"
#include "core/config.hpp"
#include "core/index.hpp"

namespace casectl::cli {

namespace {

// Every case ID of the case directory, one a line, from the index; nothing at all (and exit 0)
// outside a case directory or on any error: a completion must never print a message.
void print_case_ids(const Globals& g) {
  std::string ids;
  try {
    std::string root = find_root(g.dir);
    CaseIndex index(root, load_config(root).policy);
    CaseFilter all;
    index.for_each(all, [&](const CaseSummary& s) { ids += s.id + "\n"; });
  } catch (...) {
    return;
  }
  out(ids);
}

// Every worker ID of casectl.yaml, one a line, in file order (retired ones too: list --worker
// and worker set --active take them); nothing outside a case directory or on any error.
void print_worker_ids(const Globals& g) {
  std::string ids;
  try {
    for (const Worker& w : load_config(find_root(g.dir)).workers) ids += w.id + "\n";
  } catch (...) {
    return;
  }
  out(ids);
}

}  // namespace

void register_completion(CLI::App& app, Globals& g) {
  auto shell = std::make_shared<std::string>();
  auto ids = std::make_shared<bool>(false);
  auto workers = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("completion", tx("print the shell completion script (bash | zsh | fish)"));
  cmd->add_option("SHELL", *shell, "bash | zsh | fish")->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->add_flag("--case-ids", *ids, tx("the case IDs, one a line (for the scripts)"))->group("");
  cmd->add_flag("--worker-ids", *workers, tx("the worker IDs, one a line (for the scripts)"))->group("");
  example(cmd,
          "  source <(casectl completion bash)        # in ~/.bashrc, when not installed\n"
          "  casectl completion zsh > ~/.zfunc/_casectl");
  cmd->callback([&app, &g, shell, ids, workers] {
    if (*ids) return print_case_ids(g);
    if (*workers) return print_worker_ids(g);
    if (shell->empty()) fail(ErrorKind::usage, "name the shell: casectl completion bash | zsh | fish");
    out(completion_script(completion_commands(app), *shell));
  });
}

}  // namespace casectl::cli
