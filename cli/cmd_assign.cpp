// casectl assign ID WORKER: hand a case to another worker (担当変更).
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/stages_people.hpp"

namespace casectl::cli {
namespace {

struct AssignOptions {
  std::string id, worker, reason;
  std::optional<std::string> date;
};

// Makes WORKER the worker in charge and keeps the handover in `assignments`.
void run(const AssignOptions& o, const Globals& g) {
  Assignment a;
  a.date = o.date ? OptDate(date_option("--date", *o.date)) : std::nullopt;
  a.to = o.worker;
  a.reason = o.reason;
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_assign(r, a, ctx); });
}

}  // namespace

void register_assign(CLI::App& app, Globals& g) {
  auto o = std::make_shared<AssignOptions>();
  auto* cmd = app.add_subcommand("assign", txf("hand the case to another worker ({})", "担当変更"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("WORKER", o->worker, tx("the worker who takes the case over (a registered, active worker)"))->required();
  cmd->add_option("--reason", o->reason, txf("why: {} (or the Japanese label)", values_help(enums::assignment_reason)))
      ->required()
      ->transform(member_of(enums::assignment_reason));
  cmd->add_option("--date", o->date, tx("the day of the handover (default today)"))->type_name("DATE");
  example(cmd, "  casectl assign C-2026-0001 ito --reason leave");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
