// casectl validate [ID...]: every rule of SPEC section 4 on every record as it stands on disk
// (hand edits included), one line per problem, exit 1 when there is any. The checking is
// core/validate; this file parses the flags and prints.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"
#include "core/validate.hpp"

namespace casectl::cli {
namespace {

// One line per problem, or a JSON array of objects.
std::string render(const std::vector<Problem>& problems, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : problems)
      list.push_back({{"file", p.place.file}, {"line", p.place.line}, {"col", p.place.col},
                      {"case", p.case_id}, {"rule", p.rule}, {"field", p.field},
                      {"message", p.message}, {"fix", p.fix}});
    return json_escape_deceptive(list.dump(2)) + "\n";
  }
  std::string text;
  for (const auto& p : problems) {
    std::string at = p.place.str();
    text += (at.empty() ? "" : at + ": ") + p.str() + "\n";
  }
  return text;
}

// Prints the problems; exits 1 when there are any.
void finish(const std::vector<Problem>& problems, const std::string& format, std::size_t cases) {
  out(render(problems, format));
  if (problems.empty()) {
    std::fprintf(stderr, "%s\n", cases == 1 ? tx("1 case, no problems") : txf("{} cases, no problems", cases).c_str());
    return;
  }
  std::fprintf(stderr, "%s\n", problems.size() == 1 ? tx("1 problem") : txf("{} problems", problems.size()).c_str());
  throw ExitStatus{1};
}

// Checks the cases named (or every case) and prints what was found.
void run(const std::vector<std::string>& ids, const Globals& g) {
  std::string root = find_root(g.dir);
  std::string format = format_of(g, {"text", "json"});
  Validation v = validate(root, ids);
  if (!v.settings.empty()) return finish(v.settings, format, 0);
  std::vector<Problem> all;
  for (auto& c : v.cases)
    for (auto& p : c.problems) all.push_back(std::move(p));
  for (auto& p : v.signatures) all.push_back(std::move(p));
  finish(all, format, v.cases.size());
}

}  // namespace

void register_validate(CLI::App& app, Globals& g) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("validate", tx("check every rule on every record as it stands (hand edits included)"));
  cmd->add_option("ID", *ids, tx("case IDs to check (default: every case)"));
  example(cmd, "  casectl validate\n  casectl validate C-2026-0001 C-2026-0002\n  casectl validate --format json",
          tx("One line per problem: FILE:LINE:COL: CASE: RULE: what is wrong; what would satisfy it.\n"
             "Exit 0 when there is none, 1 when there is any. --format text (default) | json."));
  cmd->callback([ids, &g] { run(*ids, g); });
}

}  // namespace casectl::cli
