// casectl plan ID: record a support plan (or its revision) and render plan-N.md.
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/record_io.hpp"

namespace casectl::cli {
namespace {

struct PlanOptions {
  std::string id, file;
  std::optional<std::string> next_review, client_views, absent_reason, family_views, date;
  std::vector<std::string> agreed_by;
};

void apply_flags(const PlanOptions& o, Plan& p) {
  if (o.next_review) p.next_review = date_option("--next-review", *o.next_review);
  if (o.date) p.date = date_option("--date", *o.date);
  if (o.client_views) p.participation.client_views = *o.client_views;
  if (o.absent_reason) p.participation.client_views_absent_reason = *o.absent_reason;
  if (o.family_views) p.participation.family_views = *o.family_views;
  p.participation.agreed_by.insert(p.participation.agreed_by.end(), o.agreed_by.begin(), o.agreed_by.end());
}

void run(const PlanOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  Plan p = stage_section(o.file, "plan", true, store, id, decode_plan);
  apply_flags(o, p);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_plan(r, p, ctx); });
}

}  // namespace

void register_plan(CLI::App& app, Globals& g) {
  auto o = std::make_shared<PlanOptions>();
  auto* cmd = app.add_subcommand("plan", tx("record a support plan (or revise the plan in force); renders plan-N.md"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("--file", o->file, tx("the plan as YAML: goals, services, participation, next_review (- for stdin)"))
      ->type_name("FORM");
  cmd->add_option("--next-review", o->next_review, tx("date of the next review"))->type_name("DATE");
  cmd->add_option("--client-views", o->client_views, tx("the client's own views (for a child, the child's voice)"));
  cmd->add_option("--client-views-absent-reason", o->absent_reason, tx("why the client's views could not be heard"));
  cmd->add_option("--family-views", o->family_views, tx("the family's views"));
  cmd->add_option("--agreed-by", o->agreed_by, tx("who agreed to the plan (repeatable)"));
  cmd->add_option("--date", o->date, tx("the plan date (default today)"))->type_name("DATE");
  example(cmd, "  casectl plan C-2026-0001 --file plan.yaml",
          tx("Goals and services come from the form (or the editor on a terminal); flags fill the rest."));
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
