// casectl close ID: closure with evaluation (renders closure-N.md).
#include <fmt/format.h>

#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/record_io.hpp"

namespace casectl::cli {
namespace {

struct CloseOptions {
  std::string id, file;
  std::optional<std::string> reason, evaluation, follow_up, date;
  std::vector<std::string> outcomes;
};

void apply_flags(const CloseOptions& o, Closure& c) {
  if (o.reason) c.reason = *o.reason;
  if (o.evaluation) c.evaluation = *o.evaluation;
  if (o.follow_up) c.follow_up = *o.follow_up;
  if (o.date) c.date = date_option("--date", *o.date);
  for (const auto& text : o.outcomes) {
    Pair p = split_pair("--outcome", text);
    c.outcomes.push_back(Outcome{p.key, code_option(enums::progress, "--outcome GOAL:STATUS: status", p.value)});
  }
}

void run_close(const CloseOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  bool missing = !o.reason || !o.evaluation;
  Closure c = stage_section(o.file, "close", missing, store, id, decode_closure);
  apply_flags(o, c);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_close(r, c, ctx); });
}

}  // namespace

void register_close(CLI::App& app, Globals& g) {
  auto o = std::make_shared<CloseOptions>();
  auto* cmd = app.add_subcommand("close", tx("close a case with its evaluation; renders closure-N.md"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("--file", o->file, tx("the closure as YAML by the record's names (- for stdin)"))->type_name("FORM");
  cmd->add_option("--reason", o->reason, values_help(enums::closure_reason))->transform(member_of(enums::closure_reason));
  cmd->add_option("--evaluation", o->evaluation, tx("what worked and what did not, for later cases"));
  cmd->add_option("--follow-up", o->follow_up, tx("follow-up arranged after closure"));
  cmd->add_option("--outcome", o->outcomes, tx("GOAL:STATUS (repeatable; default: the latest review's progress)"));
  cmd->add_option("--date", o->date, tx("the closure date (default today)"))->type_name("DATE");
  example(cmd, "  casectl close C-2026-0001 --reason goals-achieved --evaluation \"Weekly counselling worked\"",
          txf("While the risk is one of policy.approvals.closure (default high, very-high) a supervisor\n"
              "closes the case, or approves it first: {}",
              "casectl --worker tanaka approve C-2026-0001 closure"));
  cmd->callback([o, &g] { run_close(*o, g); });
}

}  // namespace casectl::cli
