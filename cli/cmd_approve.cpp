// casectl approve ID closure|plan: a supervisor's approval, given by the supervisor as themselves.
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"

namespace casectl::cli {
namespace {

struct ApproveOptions {
  std::string id, kind;
  std::optional<std::string> note, date;
};

void run(const ApproveOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  Approval a;
  a.kind = o.kind;
  if (o.note) a.note = *o.note;
  if (o.date) a.date = date_option("--date", *o.date);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_approve(r, a, ctx); });
}

}  // namespace

void register_approve(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ApproveOptions>();
  auto* cmd = app.add_subcommand("approve", tx("a supervisor's approval of a closure or a plan (by the supervisor)"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("KIND", o->kind, values_help(enums::approval_kind))->required()->transform(member_of(enums::approval_kind));
  cmd->add_option("--note", o->note, tx("what the supervisor noted (kept in the record, never in the commit message)"));
  cmd->add_option("--date", o->date, tx("the approval date (default today)"))->type_name("DATE");
  example(cmd, "  casectl --worker tanaka approve C-2026-0001 closure --note \"Safety plan holds\"",
          tx("Only a worker whose role is supervisor approves, acting as themselves; the commit is theirs.\n"
             "The next closure (or plan) uses the approval; it counts only when given on or after the\n"
             "latest assessment or review."));
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
