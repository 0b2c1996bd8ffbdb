// casectl custody ID start|extend|end: temporary protective custody (一時保護), two months
// (policy.custody_days) unless extended with an approval.
#include <fmt/format.h>

#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/i18n.hpp"
#include "core/stages_custody.hpp"

namespace casectl::cli {
namespace {

struct CustodyOptions {
  std::string id, basis, place, approved_by, note, outcome;
  std::optional<std::string> date, until;
};

OptDate optional_date(const char* flag, const std::optional<std::string>& v) {
  return v ? OptDate(date_option(flag, *v)) : std::nullopt;
}

void run_start(const CustodyOptions& o, const Globals& g) {
  Custody k;
  k.start = optional_date("--date", o.date);
  k.basis = o.basis;
  k.place = o.place;
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_custody_start(r, k, ctx); });
}

void run_extend(const CustodyOptions& o, const Globals& g) {
  CustodyExtension e{optional_date("--date", o.date), optional_date("--until", o.until), o.approved_by, o.note};
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_custody_extend(r, e, ctx); });
}

void run_end(const CustodyOptions& o, const Globals& g) {
  OptDate ended = optional_date("--date", o.date);
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id,
            [&](Record& r, const StageContext& ctx) { return stage_custody_end(r, ended, o.outcome, ctx); });
}

// The case ID given before the action; a usage error when missing.
const std::string& id_before_action(const std::string& id) {
  if (id.empty()) fail(ErrorKind::usage, tx("custody: the case ID comes before the action: casectl custody ID start|extend|end"));
  return id;
}

}  // namespace

void register_custody(CLI::App& app, Globals& g) {
  auto cmd = app.add_subcommand("custody", txf("temporary protective custody ({}): start, extend, end", "一時保護"));
  cmd->require_subcommand(1);
  // The case ID comes before the action, as a case worker says it: custody C-2026-0001 start.
  auto id = std::make_shared<std::string>();
  // Not required() to CLI11: a required positional left to fill takes any word, so that
  // `custody extend --help` would read "extend" as the ID. Each action asks for it instead.
  cmd->add_option("ID", *id, tx("case ID, e.g. C-2026-0001 (before the action)"));
  example(cmd, "  casectl custody C-2026-0001 start --date 2026-11-03 --basis ex-officio --place \"Central shelter\"\n"
               "  casectl custody C-2026-0001 extend --date 2026-12-28 --until 2027-03-03 --approved-by council\n"
               "  casectl custody C-2026-0001 end --date 2027-01-20 --outcome returned-home");

  auto s = std::make_shared<CustodyOptions>();
  auto* start = cmd->add_subcommand("start", tx("the child taken into protective custody"));
  start->add_option("--date", s->date, tx("the first day of custody (default today)"))->type_name("DATE");
  start->add_option("--basis", s->basis, txf("on what basis: {} (or the Japanese label)", values_help(enums::custody_basis)))
      ->transform(member_of(enums::custody_basis));
  start->add_option("--place", s->place, tx("where the child stays (a shelter, or who is entrusted with the child)"));
  example(start, "  casectl custody C-2026-0001 start --date 2026-11-03 --basis 職権 --place \"Central shelter\"");
  start->callback([s, id, &g] {
    s->id = id_before_action(*id);
    run_start(*s, g);
  });

  auto x = std::make_shared<CustodyOptions>();
  auto* extend = cmd->add_subcommand("extend", tx("extend the custody in progress beyond its limit, with an approval"));
  extend->add_option("--date", x->date, tx("the day the extension was decided (default today)"))->type_name("DATE");
  extend->add_option("--until", x->until, tx("the new limit: the last day of custody at the latest"))->type_name("DATE");
  extend->add_option("--approved-by", x->approved_by,
                     txf("who approved it: {} (or the Japanese label)", values_help(enums::extension_approver)))
      ->transform(member_of(enums::extension_approver));
  extend->add_option("--note", x->note, tx("a note on the extension (kept in the record, never in the commit message)"));
  example(extend, "  casectl custody C-2026-0001 extend --date 2026-12-28 --until 2027-03-03 --approved-by 児童福祉審議会");
  extend->callback([x, id, &g] {
    x->id = id_before_action(*id);
    run_extend(*x, g);
  });

  auto e = std::make_shared<CustodyOptions>();
  auto* end = cmd->add_subcommand("end", tx("end the custody in progress"));
  end->add_option("--date", e->date, tx("the last day of custody (default today)"))->type_name("DATE");
  end->add_option("--outcome", e->outcome, txf("where the child went: {} (or the Japanese label)", values_help(enums::custody_outcome)))
      ->transform(member_of(enums::custody_outcome));
  example(end, "  casectl custody C-2026-0001 end --date 2027-01-20 --outcome returned-home");
  end->callback([e, id, &g] {
    e->id = id_before_action(*id);
    run_end(*e, g);
  });
}

}  // namespace casectl::cli
