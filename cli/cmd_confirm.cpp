// casectl confirm ID: the child seen and safety confirmed (安全確認), and how that stands against
// the 48-hour rule.
#include <fmt/format.h>

#include "cli/forms.hpp"
#include "cli/report.hpp"
#include "cli/stage_run.hpp"
#include "core/i18n.hpp"
#include "core/stages_safety.hpp"

namespace casectl::cli {
namespace {

struct ConfirmOptions {
  std::string id, method, outcome, note;
  std::optional<std::string> at;
};

// Records the check, then says on stderr whether it came within policy.safety_check_hours.
void run(const ConfirmOptions& o, const Globals& g) {
  SafetyCheck c;
  c.method = o.method;
  c.outcome = o.outcome;
  c.note = o.note;
  if (o.at) {
    c.at = DateTime::parse(*o.at);
    if (!c.at) fail(ErrorKind::usage, tx("--at: expected a date and time, YYYY-MM-DD HH:MM"));
  }
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  std::string timing;
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) {
    ChangeSummary done = stage_confirm(r, c, ctx);
    timing = safety_check_timing(r, r.safety_checks.back(), ctx.config.policy);
    return done;
  });
  say("", timing);
}

}  // namespace

void register_confirm(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ConfirmOptions>();
  auto* cmd = app.add_subcommand("confirm", txf("record that the child was seen and safety confirmed ({})", "安全確認"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("--at", o->at, tx("when the child was seen (or the attempt made), \"YYYY-MM-DD HH:MM\" (default now)"))
      ->type_name("TIME");
  cmd->add_option("--method", o->method, txf("how: {} (or the Japanese label)", values_help(enums::check_method)))
      ->transform(member_of(enums::check_method));
  cmd->add_option("--outcome", o->outcome, txf("what was found: {} (or the Japanese label); not-seen goes with method not-seen",
                                               values_help(enums::check_outcome)))
      ->transform(member_of(enums::check_outcome));
  cmd->add_option("--note", o->note, tx("what was seen (kept in the record, never in the commit message)"));
  example(cmd, "  casectl confirm C-2026-0001 --at \"2026-11-02 10:00\" --method seen-at-school --outcome safe\n"
               "  casectl confirm C-2026-0001 --method 目視できず --outcome 確認できず --note \"No answer at the door\"");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
