// casectl validate [ID...]: every rule of SPEC section 4 on every record as it stands on disk
// (hand edits included), one line per problem, exit 1 when there is any.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <thread>
#include <tuple>
#include <unistd.h>

#include "cli/app.hpp"
#include "core/error.hpp"
#include "core/index_scan.hpp"
#include "core/record_io.hpp"
#include "core/rules.hpp"

namespace casectl::cli {
namespace {

// A case to check: its ID (from its folder) and its record file relative to the root.
struct Target {
  CaseId id;
  std::string rel;
};

// Orders case IDs as people read them: prefix, year, number.
bool by_id(const Target& a, const Target& b) {
  return std::tie(a.id.prefix, a.id.year, a.id.seq) < std::tie(b.id.prefix, b.id.year, b.id.seq);
}

// The problem a file that does not load gives: rule "malformed" at the loader's place.
Problem load_problem(const std::string& case_id, const std::string& rel, const Error& e) {
  Problem p{case_id, "malformed", "", e.what(), "", e.place()};
  if (p.place.empty()) p.place = Place{rel, 0, 0};
  return p;
}

// Every problem of one record file, each with its place in the file.
std::vector<Problem> check_file(const std::string& root, const Target& t, const RuleContext& ctx) {
  LoadedRecord loaded;
  try {
    loaded = load_record(root + "/" + t.rel, t.rel);
  } catch (const Error& e) {
    return {load_problem(t.id.str(), t.rel, e)};
  }
  std::vector<Problem> problems;
  if (loaded.record.id != t.id.str())
    problems.push_back(Problem{t.id.str(), "record.id", "id",
                               fmt::format("the record's id is {} but its folder is {}", loaded.record.id, t.id.str()),
                               fmt::format("set id: {} (or move the record to the folder of its ID)", t.id.str()),
                               {}});
  for (auto& p : check_record(loaded.record, ctx)) problems.push_back(std::move(p));
  for (auto& p : problems) {
    p.place = locate(loaded, p.field);
    if (p.case_id.empty()) p.case_id = t.id.str();
  }
  return problems;
}

// check_file() over every target on every core; results in the order of targets.
std::vector<std::vector<Problem>> check_all(const std::string& root, const std::vector<Target>& targets,
                                            const RuleContext& ctx) {
  std::vector<std::vector<Problem>> results(targets.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < targets.size(); i = next++) {
      try {
        results[i] = check_file(root, targets[i], ctx);
      } catch (const Error& e) {
        results[i] = {load_problem(targets[i].id.str(), targets[i].rel, e)};
      }
    }
  };
  unsigned cores = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
  std::size_t extra = std::min<std::size_t>(cores - 1, targets.size() / 2);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < extra; ++i) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  return results;
}

// The cases named on the command line, or every case of the directory; sorted by ID.
std::vector<Target> targets_of(const std::string& root, const std::vector<std::string>& ids) {
  std::vector<Target> targets;
  if (ids.empty()) {
    for (auto& f : scan_cases(root)) targets.push_back(Target{f.id, f.path});
  } else {
    for (const auto& text : ids) {
      CaseId id = require_case_id(text);
      std::string rel = case_file(id);
      if (::access((root + "/" + rel).c_str(), F_OK) != 0)
        fail(ErrorKind::not_found, fmt::format("no case {} ({} does not exist)", id.str(), rel));
      targets.push_back(Target{id, rel});
    }
  }
  std::sort(targets.begin(), targets.end(), by_id);
  targets.erase(std::unique(targets.begin(), targets.end(),
                            [](const Target& a, const Target& b) { return a.id.str() == b.id.str(); }),
                targets.end());
  return targets;
}

// One line per problem, or a JSON array of objects.
std::string render(const std::vector<Problem>& problems, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : problems)
      list.push_back({{"file", p.place.file}, {"line", p.place.line}, {"col", p.place.col},
                      {"case", p.case_id}, {"rule", p.rule}, {"field", p.field},
                      {"message", p.message}, {"fix", p.fix}});
    return list.dump(2) + "\n";
  }
  std::string text;
  for (const auto& p : problems) {
    std::string at = p.place.str();
    std::string what = p.str();
    if (p.case_id.empty()) what = what.substr(2);  // casectl.yaml belongs to no case
    text += (at.empty() ? "" : at + ": ") + what + "\n";
  }
  return text;
}

// Prints the problems; exits 1 when there are any.
void finish(const std::vector<Problem>& problems, const std::string& format, std::size_t cases) {
  out(render(problems, format));
  if (problems.empty()) {
    std::fprintf(stderr, "%zu case%s, no problems\n", cases, cases == 1 ? "" : "s");
    return;
  }
  std::fprintf(stderr, "%zu problem%s\n", problems.size(), problems.size() == 1 ? "" : "s");
  throw ExitStatus{1};
}

void run(const std::vector<std::string>& ids, const Globals& g) {
  std::string root = find_root(g.dir);
  std::string format = format_of(g, {"text", "json"});
  Config config;
  try {
    config = load_config(root);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::malformed) throw;
    return finish({load_problem("", kConfigFile, e)}, format, 0);
  }
  std::vector<Target> targets = targets_of(root, ids);
  RuleContext ctx{config, today(), std::nullopt};
  std::vector<Problem> all;
  for (auto& list : check_all(root, targets, ctx))
    for (auto& p : list) all.push_back(std::move(p));
  finish(all, format, targets.size());
}

}  // namespace

void register_validate(CLI::App& app, Globals& g) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("validate", "check every rule on every record as it stands (hand edits included)");
  cmd->add_option("ID", *ids, "case IDs to check (default: every case)");
  example(cmd, "  casectl validate\n  casectl validate C-2026-0001 C-2026-0002\n  casectl validate --format json\n"
               "One line per problem: FILE:LINE:COL: CASE: RULE: what is wrong; what would satisfy it.\n"
               "Exit 0 when there is none, 1 when there is any. --format text (default) | json.");
  cmd->callback([ids, &g] { run(*ids, g); });
}

}  // namespace casectl::cli
