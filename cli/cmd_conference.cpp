// casectl conference ID: a case conference (援助方針会議), its attendees and its decision.
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/stages_people.hpp"

namespace casectl::cli {
namespace {

struct ConferenceOptions {
  std::string id, kind, decision;
  std::vector<std::string> attendees;
  std::optional<std::string> date;
};

// Adds the numbered conference to the case.
void run(const ConferenceOptions& o, const Globals& g) {
  Conference c;
  c.date = o.date ? OptDate(date_option("--date", *o.date)) : std::nullopt;
  c.kind = o.kind;
  c.attendees = o.attendees;
  c.decision = o.decision;
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_conference(r, c, ctx); });
}

}  // namespace

void register_conference(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ConferenceOptions>();
  auto* cmd = app.add_subcommand("conference", txf("record a case conference ({}) and its decision", "援助方針会議"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("--date", o->date, tx("the day the conference met (default today)"))->type_name("DATE");
  cmd->add_option("--kind", o->kind, txf("what it was about: {} (or the Japanese label)", values_help(enums::conference_kind)))
      ->required()
      ->transform(member_of(enums::conference_kind));
  cmd->add_option("--attendee", o->attendees, tx("a worker who attended, by worker ID (repeat for each)"))
      ->type_name("WORKER");
  cmd->add_option("--decision", o->decision, tx("what the conference decided"))->type_name("TEXT");
  example(cmd, "  casectl conference C-2026-0001 --date 2026-11-04 --kind plan --attendee sato --attendee tanaka \\\n"
               "    --decision \"Temporary protective custody continues; plan by 2026-11-10\"");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
