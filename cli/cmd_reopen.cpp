// casectl reopen ID: reopen a closed case when problems recur (status intake).
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/i18n.hpp"

namespace casectl::cli {
namespace {

struct ReopenOptions {
  std::string id, reason;
  std::optional<std::string> date, received, urgency;
};

// Reopens the case for the reason given.
void run(const ReopenOptions& o, const Globals& g) {
  Reopening re;
  if (o.date) re.date = date_option("--date", *o.date);
  re.reason = o.reason;
  if (o.urgency) re.urgency = *o.urgency;
  if (o.received) {
    re.received = DateTime::parse(*o.received);
    if (!re.received) fail(ErrorKind::usage, tx("--received: expected a date and time, YYYY-MM-DD HH:MM"));
  }
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  Record made;
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) {
    ChangeSummary change = stage_reopen(r, re, ctx);
    made = r;
    return change;
  });
  print_safety_due(made, store.config());
}

}  // namespace

void register_reopen(CLI::App& app, Globals& g) {
  auto r = std::make_shared<ReopenOptions>();
  auto* re = app.add_subcommand("reopen", tx("reopen a closed case when problems recur (status intake)"));
  re->add_option("ID", r->id, tx("case ID"))->required();
  re->add_option("--reason", r->reason, tx("why the case is reopened"))->required();
  re->add_option("--date", r->date, tx("the reopening date (default today)"))->type_name("DATE");
  re->add_option("--received", r->received,
                 tx("when the new report was received, \"YYYY-MM-DD HH:MM\": the 48-hour safety check starts again from it "
                 "(default: the reopening day at 00:00 when no time is given)"))
      ->type_name("\"DATE HH:MM\"");
  re->add_option("--urgency", r->urgency,
                 txf("the new report's urgency, {}: its first assessment is due by it (default: the referral's)",
                     values_help(enums::urgency)))
      ->transform(member_of(enums::urgency));
  example(re, "  casectl reopen C-2026-0001 --reason \"New report from the school\" --received \"2027-05-10 09:00\" "
          "--urgency immediate");
  re->callback([r, &g] { run(*r, g); });
}

}  // namespace casectl::cli
