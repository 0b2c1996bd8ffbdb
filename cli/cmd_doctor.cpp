// casectl doctor [--repair]: what is wrong with the case directory beyond its records' rules, one
// line per finding; --repair fixes what can be fixed safely and says what it did. Exit 0 when
// nothing is found (or all of it was repaired), 1 when something remains. The checking and the
// repairs are core/doctor; this file parses the flags and prints.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "core/doctor.hpp"
#include "core/i18n.hpp"
#include "core/terminal_text.hpp"

namespace casectl::cli {
namespace {

// "PATH: CHECK: what is wrong[; what to do]", or "PATH: CHECK: what was done (repaired)", in the
// language chosen; on one line whatever a file name holds.
std::string line_of(const Finding& f) {
  std::string text = f.path + ": " + f.check + ": ";
  if (!f.repaired.empty())
    text += txf("{} (repaired)", f.repaired.local());
  else if (f.advice.empty())
    text += f.problem.local();
  else
    text += txf("{0}; {1}", f.problem.local(), f.advice.local());
  return terminal_text(text, Newlines::escape) + "\n";
}

// One line per finding, or a JSON array of objects in English whatever the language (ASCII only:
// nothing a terminal acts on).
std::string render(const std::vector<Finding>& findings, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& f : findings)
      list.push_back({{"path", f.path}, {"check", f.check}, {"problem", f.problem.english()},
                      {"repairable", static_cast<bool>(f.fix)}, {"repaired", !f.repaired.empty()},
                      {"done", f.repaired.english()}, {"advice", f.advice.english()}});
    return list.dump(2, ' ', true, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  std::string text;
  for (const auto& f : findings) text += line_of(f);
  return text;
}

// Says on stderr how many findings there were and what became of them; exits 1 when any remains.
void finish(const std::vector<Finding>& found, bool repair) {
  auto count = [&](auto pred) { return static_cast<std::size_t>(std::count_if(found.begin(), found.end(), pred)); };
  std::size_t left = count([](const Finding& f) { return f.repaired.empty(); });
  std::size_t fixable = count([](const Finding& f) { return f.fix && f.repaired.empty(); });
  std::string problems = found.size() == 1 ? tx("1 problem found") : txf("{} problems found", found.size());
  std::string text;
  if (found.empty())
    text = tx("no problems found");
  else if (repair)
    text = txf("{}: {} repaired, {} left", problems, found.size() - left, left);
  else if (fixable > 0)
    text = txf("{}; `casectl doctor --repair` repairs {} of them", problems, fixable);
  else
    text = problems;
  std::fprintf(stderr, "%s\n", text.c_str());
  if (left > 0) throw ExitStatus{1};
}

// Examines (and with repair, repairs) the case directory and prints what was found.
void run(bool repair, const Globals& g) {
  std::string root = find_root(g.dir);
  std::string format = format_of(g, {"text", "json"});
  std::vector<Finding> found = repair ? diagnose_and_repair(root) : diagnose(root);
  out(render(found, format));
  finish(found, repair);
}

}  // namespace

void register_doctor(CLI::App& app, Globals& g) {
  auto repair = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "doctor", tx("find (with --repair, fix) wrong modes, stale locks, interrupted changes, leftovers, a damaged index"));
  cmd->add_flag("--repair", *repair, tx("fix what can be fixed safely, under the lock, and say what was done"));
  example(cmd,
          "  casectl doctor\n  casectl doctor --repair\n  casectl doctor --format json",
          tx("One line per finding: PATH: CHECK: what is wrong; what to do, or with --repair\n"
             "PATH: CHECK: what was done (repaired). CHECK is one of private, journal, git, lock, leftover,\n"
             "symlink, filetype, untracked, empty, mode, index, validate. Without --repair nothing is\n"
             "changed. Files holding data are never removed. Exit 0 when nothing is found or all of it was\n"
             "repaired, 1 when something remains, 5 when another casectl holds the case directory.\n"
             "--format text (default) | json."));
  cmd->callback([repair, &g] { run(*repair, g); });
}

}  // namespace casectl::cli
