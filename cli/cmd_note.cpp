// casectl note ID TEXT / casectl consent ID: the contact log and consents to share information.
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"

namespace casectl::cli {
namespace {

struct NoteOptions {
  std::string id, text, kind = "other";
  std::optional<std::string> date;
};

struct ConsentOptions {
  std::string id, party, scope, given_by;
  std::optional<std::string> expires, date;
  int withdraw = 0;
};

void run_consent(const ConsentOptions& o, const Globals& g) {
  OptDate date = o.date ? OptDate(date_option("--date", *o.date)) : std::nullopt;
  if (o.withdraw > 0) {
    run_stage(g, o.id, [&](Record& r, const StageContext& ctx) { return stage_withdraw_consent(r, o.withdraw, date, ctx); });
    return;
  }
  Consent c{o.party, o.scope, o.given_by, date,
            o.expires ? OptDate(date_option("--expires", *o.expires)) : std::nullopt, std::nullopt};
  run_stage(g, o.id, [&](Record& r, const StageContext& ctx) { return stage_consent(r, c, ctx); });
}

}  // namespace

void register_note(CLI::App& app, Globals& g) {
  auto o = std::make_shared<NoteOptions>();
  auto* cmd = app.add_subcommand("note", "add an entry to the contact log");
  cmd->add_option("ID", o->id, "case ID")->required();
  cmd->add_option("TEXT", o->text, "what happened")->required();
  cmd->add_option("--kind", o->kind, enums::note_kind.allowed() + " (default other)")->check(member_of(enums::note_kind));
  cmd->add_option("--date", o->date, "the contact date (default today)")->type_name("DATE");
  example(cmd, "  casectl note C-2026-0001 \"Home visit: mother and child at home\" --kind home-visit");
  cmd->callback([o, &g] {
    Note n{o->date ? OptDate(date_option("--date", *o->date)) : std::nullopt, "", o->kind, o->text};
    run_stage(g, o->id, [&](Record& r, const StageContext& ctx) { return stage_note(r, n, ctx); });
  });

  auto c = std::make_shared<ConsentOptions>();
  auto* con = app.add_subcommand("consent", "record a consent to share information, or withdraw one");
  con->add_option("ID", c->id, "case ID")->required();
  con->add_option("--party", c->party, "who may receive the information, e.g. school");
  con->add_option("--scope", c->scope, "what may be shared, e.g. share-plan");
  con->add_option("--given-by", c->given_by, "who gave the consent, e.g. mother");
  con->add_option("--expires", c->expires, "when the consent ends")->type_name("DATE");
  con->add_option("--date", c->date, "the date given or withdrawn (default today)")->type_name("DATE");
  con->add_option("--withdraw", c->withdraw, "withdraw consent number N (as `casectl show` lists them)")
      ->type_name("N")->check(CLI::PositiveNumber);
  example(con, "  casectl consent C-2026-0001 --party school --scope share-plan --given-by mother --expires 2027-11-10\n"
               "  casectl consent C-2026-0001 --withdraw 1");
  con->callback([c, &g] { run_consent(*c, g); });
}

}  // namespace casectl::cli
