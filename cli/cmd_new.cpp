// casectl new: open a case from flags or a form (--file), print its new ID.
#include <cstdio>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "cli/messages.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"
#include "cli/stage_run.hpp"
#include "core/deadlines.hpp"
#include "core/earlier_cases.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/index.hpp"
#include "core/rules.hpp"
#include "core/stages.hpp"
#include "core/stages_people.hpp"

namespace casectl::cli {
namespace {

struct NewOptions {
  std::string file;
  std::optional<std::string> name, birth_date, sex, address, school;
  std::optional<std::string> source, reporter, urgency, reason, date, opened, received, category;
  std::vector<std::string> concerns;
  bool link_previous = false;
};

// The keys a new-case form may hold: the record's own sections that exist at intake.
const std::vector<std::string> kFormKeys = {"opened", "worker", "client", "household", "referral"};

void apply_flags(const NewOptions& o, Record& r) {
  if (o.name) r.client.name = *o.name;
  if (o.birth_date) r.client.birth_date = date_option("--birth-date", *o.birth_date);
  if (o.sex) r.client.sex = *o.sex;
  if (o.address) r.client.address = *o.address;
  if (o.school) r.client.school = *o.school;
  if (o.source) r.referral.source = *o.source;
  if (o.reporter) r.referral.reporter = *o.reporter;
  if (o.urgency) r.referral.urgency = *o.urgency;
  if (!o.concerns.empty()) r.referral.concerns = o.concerns;
  if (o.reason) r.referral.reason = *o.reason;
  if (o.category) r.referral.category = *o.category;
  if (o.date) r.referral.date = date_option("--date", *o.date);
  if (o.received) {
    r.referral.received = DateTime::parse(*o.received);
    if (!r.referral.received) fail(ErrorKind::usage, tx("--received: expected a date and time, YYYY-MM-DD HH:MM"));
  }
}

// Says on stderr which earlier cases have the same client (name and birth date): their IDs and
// statuses only, never the name.
void warn_earlier(const std::vector<EarlierCase>& earlier) {
  for (const auto& e : earlier)
    say("", txf("warning: earlier case {} (status {}) has the same name and birth date", e.id,
                ui_language() == "en" ? e.status : enums::status.label(e.status, ui_language())));
}

void run(const NewOptions& o, const Globals& g) {
  CaseStore store = open_store(g);
  const Worker& by = acting_worker(store, g);
  Record form;
  if (!o.file.empty()) form = read_record_form(o.file, kFormKeys);
  apply_flags(o, form);
  Date opened = form.opened ? *form.opened : today();
  if (o.opened) opened = date_option("--opened", *o.opened);
  if (!form.referral.date) form.referral.date = opened;
  std::vector<EarlierCase> earlier;
  {
    CaseIndex index(store.root(), store.config().policy);
    attach_progress(index);  // with no index yet the check builds it
    earlier = find_earlier_cases(index, store.repo().handle(), form.client.name,
                                 form.client.birth_date);
  }
  if (o.link_previous && earlier.empty())
    fail(ErrorKind::not_found,
         tx("--link-previous: no earlier case has the same name and birth date; nothing was written"));
  auto stage = [&](Record& r) {
    return stage_new(r, form, StageContext{store.config(), store.root(), today(), by.id, now()});
  };
  Record made;
  CaseId id = o.link_previous
                  ? store.create_with(by, opened, require_case_id(earlier.back().id),
                                      [&](Record& r, Record& previous) {
                                        ChangeSummary change = stage(r);
                                        StageContext ctx{store.config(), store.root(), today(), by.id, now()};
                                        ChangeSummary link = stage_link(r, previous, "previous-case", ctx);
                                        change.summary += ", " + link.summary;
                                        made = r;
                                        return change;
                                      })
                  : store.create(by, opened, [&](Record& r) {
                      ChangeSummary change = stage(r);
                      made = r;
                      return change;
                    });
  out(id.str() + "\n");
  warn_earlier(earlier);
  print_safety_due(made, store.config());
}

}  // namespace

void register_new(CLI::App& app, Globals& g) {
  auto o = std::make_shared<NewOptions>();
  auto* cmd = app.add_subcommand("new", tx("open a case at intake; prints the new case ID"));
  cmd->add_option("--file", o->file, tx("a form (YAML) with client, household, referral by the record's names; - for stdin"))
      ->type_name("FORM");
  cmd->add_option("--name", o->name, tx("the client's name"));
  cmd->add_option("--birth-date", o->birth_date, tx("the client's birth date, YYYY-MM-DD"))->type_name("DATE");
  cmd->add_option("--sex", o->sex, values_help(enums::sex))->transform(member_of(enums::sex));
  cmd->add_option("--address", o->address, tx("the client's address"));
  cmd->add_option("--school", o->school, tx("the client's school"));
  cmd->add_option("--source", o->source, txf("who referred: {}", values_help(enums::source)))->transform(member_of(enums::source));
  cmd->add_option("--reporter", o->reporter, tx("the person who reported"));
  cmd->add_option("--urgency", o->urgency, values_help(enums::urgency))->transform(member_of(enums::urgency));
  cmd->add_option("--concern", o->concerns, txf("a concern (repeat for more): {}", values_help(enums::concern)))
      ->transform(member_of(enums::concern));
  cmd->add_option("--reason", o->reason, tx("why the case was referred"));
  cmd->add_option("--date", o->date, tx("the referral date (default: the opening date)"))->type_name("DATE");
  cmd->add_option("--opened", o->opened, tx("the opening date (default: today)"))->type_name("DATE");
  cmd->add_option("--received", o->received, tx("when the report was received, \"YYYY-MM-DD HH:MM\" (not after now)"))
      ->type_name("DATETIME");
  cmd->add_option("--category", o->category,
                  txf("the kind of consultation ({0}): {1} (or the Japanese label)", "相談種別", values_help(enums::category)))
      ->transform(member_of(enums::category));
  cmd->add_flag("--link-previous", o->link_previous,
                tx("link the new case to the latest earlier case of the same name and birth date (relation "
                "previous-case), in the same commit"));
  example(cmd, "  casectl new --name \"山田 花子\" --birth-date 2018-04-12 --sex female --source school \\\n"
               "    --urgency urgent --concern physical-abuse --reason \"Bruises on both arms\"\n"
               "  casectl new --file referral.yaml");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
