// casectl reopen ID: reopen a closed case when problems recur (status intake).
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"

namespace casectl::cli {
namespace {

struct ReopenOptions {
  std::string id, reason;
  std::optional<std::string> date;
};

// Reopens the case for the reason given.
void run(const ReopenOptions& o, const Globals& g) {
  Reopening re;
  if (o.date) re.date = date_option("--date", *o.date);
  re.reason = o.reason;
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_reopen(r, re, ctx); });
}

}  // namespace

void register_reopen(CLI::App& app, Globals& g) {
  auto r = std::make_shared<ReopenOptions>();
  auto* re = app.add_subcommand("reopen", "reopen a closed case when problems recur (status intake)");
  re->add_option("ID", r->id, "case ID")->required();
  re->add_option("--reason", r->reason, "why the case is reopened")->required();
  re->add_option("--date", r->date, "the reopening date (default today)")->type_name("DATE");
  example(re, "  casectl reopen C-2026-0001 --reason \"New report from the school\"");
  re->callback([r, &g] { run(*r, g); });
}

}  // namespace casectl::cli
