// casectl merge-driver BASE OURS THEIRS PATH: git's merge driver for case records and
// casectl.yaml (init writes `.gitattributes` and `merge.casectl.driver`), so that a plain
// `git pull` merges them by meaning (core/record_merge, core/config_merge).
//
// Merged: the merged record (or settings), in the stable form every command writes, replaces
// OURS; exit 0. Otherwise OURS becomes a conflict file that loses nothing (core/conflict_file.hpp:
// the merge with ours at each conflict, and theirs; or, when a version does not load or the file
// was added on both sides, the three files as they were); exit 1 (git's convention), each
// conflict on stderr (case ID, field path, codes only). `casectl resolve` finishes it.
#include <array>
#include <fmt/format.h>
#include <iostream>

#include "cli/app.hpp"
#include "core/atomic_file.hpp"
#include "core/config_merge.hpp"
#include "core/conflict_file.hpp"
#include "core/record_io.hpp"
#include "core/git.hpp"
#include "core/index_scan.hpp"
#include "core/record_merge.hpp"

namespace casectl::cli {
namespace {

struct Args {
  std::string base, ours, theirs, path;
};

// The rules' context for a merged record: the case directory's settings where git runs the
// driver (the top of the working tree), else the defaults (then a problem every version has,
// such as an unknown worker, is not the merge's).
Config settings_here() {
  try {
    return load_config(".");
  } catch (const Error&) {
    return Config{};
  }
}

// Merges the three texts; returns the new OURS and the conflicts (none: merged).
std::pair<std::string, std::vector<MergeConflict>> merge_texts(const Args& a, const std::string& base,
                                                               const std::string& ours,
                                                               const std::string& theirs) {
  bool settings = a.path == kConfigFile;
  std::string merged_text;
  std::vector<MergeConflict> conflicts;
  if (settings) {
    auto m = merge_configs(parse_config(base, a.path + " (base)"), parse_config(ours, a.path + " (ours)"),
                           parse_config(theirs, a.path + " (theirs)"));
    merged_text = emit_config(m.merged);
    parse_config(merged_text, a.path);  // what we write must load
    conflicts = m.conflicts;
  } else {
    auto load = [&](const std::string& text, const char* side) {
      std::string display = a.path + " (" + side + ")";
      return decode_record(load_yaml(text, display), display);
    };
    Record o = load(ours, "ours"), t = load(theirs, "theirs");
    auto m = merge_records(load(base, "base"), o, t);
    conflicts = m.conflicts;
    if (conflicts.empty()) {
      Config config = settings_here();
      RuleContext ctx{config, today(), std::nullopt, nullptr, now()};
      conflicts = rule_conflicts(m.merged, o, t, ctx);
    }
    merged_text = emit_record(m.merged);
    // A hand edit's comments and layout are kept when git's line merge means the same record.
    if (conflicts.empty())
      if (std::optional<std::string> lines = git::merge_lines(base, ours, theirs)) try {
          if (load(*lines, "merged") == m.merged) merged_text = *lines;
        } catch (const Error&) {
        }
  }
  if (conflicts.empty()) return {merged_text, {}};
  std::string what = settings ? std::string(kConfigFile) : conflicts.front().case_id;
  return {merge_conflict_file(what, conflicts, {}, merged_text, theirs), conflicts};
}

int run(const Args& a) {
  std::string base = read_input(a.base), ours = read_input(a.ours), theirs = read_input(a.theirs);
  try {
    // git's add/add: no base. Two new cases that took the same ID offline are not one case:
    // `casectl sync` is to renumber one of them.
    if (base.empty())
      fail(ErrorKind::conflict, "added on both sides with no common version (two new cases took the same ID?)");
    auto [text, conflicts] = merge_texts(a, base, ours, theirs);
    write_file_atomic(a.ours, text);
    for (const auto& c : conflicts) std::cerr << "casectl: merge conflict: " << c.str() << "\n";
    return conflicts.empty() ? 0 : 1;
  } catch (const Error& e) {
    // A version that does not load (or a merge that would not): the three files as they were.
    std::cerr << "casectl: " << a.path << ": cannot merge by meaning: " << e.what() << "\n";
    std::optional<CaseId> id = case_id_of_path(a.path);
    write_file_atomic(a.ours, conflict_file({"casectl: cannot merge " + a.path +
                                                 " by meaning (a version does not load): ours, base and "
                                                 "theirs are kept below.",
                                             conflict_how(id ? id->str() : std::string(kConfigFile))},
                                            {{"<<<<<<< ours", ours}, {"||||||| base", base}, {"=======", theirs}}));
    return 1;
  }
}

}  // namespace

void register_merge_driver(CLI::App& app, Globals&) {
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("merge-driver", "git's merge driver for case records and casectl.yaml");
  cmd->group("");  // not listed in --help: git runs it (init sets it up)
  cmd->add_option("BASE", a->base, "the common ancestor's version (git's %O)")->required();
  cmd->add_option("OURS", a->ours, "our version, replaced by the merge (git's %A)")->required();
  cmd->add_option("THEIRS", a->theirs, "their version (git's %B)")->required();
  cmd->add_option("PATH", a->path, "the file's path in the repository (git's %P)")->required();
  example(cmd, "  git config merge.casectl.driver \"casectl merge-driver %O %A %B %P\"   (init does this)");
  cmd->callback([a] {
    int code = run(*a);
    if (code != 0) throw ExitStatus{code};
  });
}

}  // namespace casectl::cli
