// casectl share ID --with PARTY --what ...: information shared with another party, on a consent
// or a legal basis (core/stages_share, rules in core/rules_share.cpp).
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/stages_share.hpp"

namespace casectl::cli {
namespace {

struct ShareOptions {
  std::string id, with, legal_basis;
  std::vector<std::string> what;
  int consent = 0;
  std::optional<std::string> date;
};

// Records the disclosure of the flags.
void run(const ShareOptions& o, const Globals& g) {
  Disclosure d;
  d.date = o.date ? OptDate(date_option("--date", *o.date)) : std::nullopt;
  d.with = o.with;
  d.what = o.what;
  if (o.consent > 0) d.consent = o.consent;
  d.legal_basis = o.legal_basis;
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_share(r, d, ctx); });
}

}  // namespace

void register_share(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ShareOptions>();
  auto* cmd = app.add_subcommand("share", tx("record information shared with another party, on a consent or a legal basis"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("--with", o->with,
                  txf("who received it, as the consent names the party: e.g. school, regional-council ({})",
                      "要保護児童対策地域協議会"));
  cmd->add_option("--what", o->what,
                  txf("what was shared: {} (or the Japanese label); repeat for more", values_help(enums::disclosure_what)))
      ->transform(member_of(enums::disclosure_what))->type_name("WHAT");
  auto* consent = cmd->add_option("--consent", o->consent,
                                  tx("the consent it rests on, by its number as `casectl show` lists it; it must be the "
                                  "party's, given by the date, neither withdrawn nor expired"))
                      ->type_name("N")->check(CLI::PositiveNumber);
  auto* basis = cmd->add_option("--legal-basis", o->legal_basis,
                                tx("or the law that allows sharing without consent, e.g. \"Child Welfare Act art. 25-3\""))
                    ->type_name("TEXT");
  consent->excludes(basis);
  cmd->add_option("--date", o->date, tx("the date it was shared (default today)"))->type_name("DATE");
  example(cmd, "  casectl share C-2026-0001 --with school --what plan --consent 1\n"
               "  casectl share C-2026-0001 --with regional-council --what assessment --what plan \\\n"
               "      --legal-basis \"Child Welfare Act art. 25-3\"");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
