// casectl consent ID: record a consent to share information, or withdraw one.
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"

namespace casectl::cli {
namespace {

struct ConsentOptions {
  std::string id, party, scope, given_by;
  std::optional<std::string> expires, date;
  int withdraw = 0;
};

// Records the consent of the flags, or withdraws consent number --withdraw.
void run(const ConsentOptions& o, const Globals& g) {
  OptDate date = o.date ? OptDate(date_option("--date", *o.date)) : std::nullopt;
  std::optional<Consent> given;
  if (o.withdraw == 0)
    given = Consent{0, o.party, o.scope, o.given_by, date,
                    o.expires ? OptDate(date_option("--expires", *o.expires)) : std::nullopt, std::nullopt};
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) {
    return given ? stage_consent(r, *given, ctx) : stage_withdraw_consent(r, o.withdraw, date, ctx);
  });
}

}  // namespace

void register_consent(CLI::App& app, Globals& g) {
  auto c = std::make_shared<ConsentOptions>();
  auto* con = app.add_subcommand("consent", tx("record a consent to share information, or withdraw one"));
  con->add_option("ID", c->id, tx("case ID"))->required();
  con->add_option("--party", c->party, tx("who may receive the information, e.g. school"));
  con->add_option("--scope", c->scope, tx("what may be shared, e.g. share-plan"));
  con->add_option("--given-by", c->given_by, tx("who gave the consent, e.g. mother"));
  con->add_option("--expires", c->expires, tx("when the consent ends"))->type_name("DATE");
  con->add_option("--date", c->date, tx("the date given or withdrawn (default today)"))->type_name("DATE");
  con->add_option("--withdraw", c->withdraw, tx("withdraw consent number N (as `casectl show` lists them)"))
      ->type_name("N")->check(CLI::PositiveNumber);
  example(con, "  casectl consent C-2026-0001 --party school --scope share-plan --given-by mother --expires 2027-11-10\n"
               "  casectl consent C-2026-0001 --withdraw 1");
  con->callback([c, &g] { run(*c, g); });
}

}  // namespace casectl::cli
