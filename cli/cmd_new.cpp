// casectl new: open a case from flags or a form (--file), print its new ID.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "core/error.hpp"
#include "core/rules.hpp"
#include "core/stages.hpp"

namespace casectl::cli {
namespace {

struct NewOptions {
  std::string file;
  std::optional<std::string> name, birth_date, sex, address, school;
  std::optional<std::string> source, reporter, urgency, reason, date, opened, received;
  std::vector<std::string> concerns;
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
  if (o.date) r.referral.date = date_option("--date", *o.date);
  if (o.received) {
    r.referral.received = DateTime::parse(*o.received);
    if (!r.referral.received) fail(ErrorKind::usage, "--received: expected a date and time, YYYY-MM-DD HH:MM");
  }
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
  CaseId id = store.create(by, opened, [&](Record& r) {
    return stage_new(r, form, StageContext{store.config(), store.root(), today(), by.id, now()});
  });
  out(id.str() + "\n");
}

}  // namespace

void register_new(CLI::App& app, Globals& g) {
  auto o = std::make_shared<NewOptions>();
  auto* cmd = app.add_subcommand("new", "open a case at intake; prints the new case ID");
  cmd->add_option("--file", o->file, "a form (YAML) with client, household, referral by the record's names; - for stdin")
      ->type_name("FORM");
  cmd->add_option("--name", o->name, "the client's name");
  cmd->add_option("--birth-date", o->birth_date, "the client's birth date, YYYY-MM-DD")->type_name("DATE");
  cmd->add_option("--sex", o->sex, "female | male | other | unknown")->check(member_of(enums::sex));
  cmd->add_option("--address", o->address, "the client's address");
  cmd->add_option("--school", o->school, "the client's school");
  cmd->add_option("--source", o->source, "who referred: " + enums::source.allowed())->check(member_of(enums::source));
  cmd->add_option("--reporter", o->reporter, "the person who reported");
  cmd->add_option("--urgency", o->urgency, "immediate | urgent | routine")->check(member_of(enums::urgency));
  cmd->add_option("--concern", o->concerns, "a concern (repeat for more): " + enums::concern.allowed())
      ->check(member_of(enums::concern));
  cmd->add_option("--reason", o->reason, "why the case was referred");
  cmd->add_option("--date", o->date, "the referral date (default: the opening date)")->type_name("DATE");
  cmd->add_option("--opened", o->opened, "the opening date (default: today)")->type_name("DATE");
  cmd->add_option("--received", o->received, "when the report was received, \"YYYY-MM-DD HH:MM\" (not after now)")
      ->type_name("DATETIME");
  example(cmd, "  casectl new --name \"山田 花子\" --birth-date 2018-04-12 --sex female --source school \\\n"
               "    --urgency urgent --concern physical-abuse --reason \"Bruises on both arms\"\n"
               "  casectl new --file referral.yaml");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
