// casectl review ID: record a review of the plan in force and render review-N.md.
#include <fmt/format.h>

#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/record_io.hpp"

namespace casectl::cli {
namespace {

struct ReviewOptions {
  std::string id, file;
  std::optional<std::string> decision, safety, risk, next_review, summary, date;
  std::vector<std::string> progress, delivered;
};

void apply_flags(const ReviewOptions& o, Review& v) {
  if (o.decision) v.decision = *o.decision;
  if (o.safety) v.safety = *o.safety;
  if (o.risk) v.risk = *o.risk;
  if (o.summary) v.summary = *o.summary;
  if (o.next_review) v.next_review = date_option("--next-review", *o.next_review);
  if (o.date) v.date = date_option("--date", *o.date);
  for (const auto& text : o.progress) {
    Pair p = split_pair("--progress", text);
    std::string status = code_option(enums::progress, "--progress GOAL:STATUS[:NOTE]: status", p.value);
    v.progress.push_back(GoalProgress{p.key, status, p.note});
  }
  for (const auto& text : o.delivered) {
    Pair p = split_pair("--delivered", text);
    std::string delivered = code_option(enums::delivered, "--delivered SERVICE:DELIVERED[:NOTE]: delivered", p.value);
    v.services.push_back(ServiceDelivery{p.key, delivered, p.note});
  }
}

void run(const ReviewOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  bool missing = !o.decision || !o.risk || !o.safety || o.progress.empty();
  Review v = stage_section(o.file, "review", missing, store, id, decode_review);
  apply_flags(o, v);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_review(r, v, ctx); });
}

}  // namespace

void register_review(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReviewOptions>();
  auto* cmd = app.add_subcommand("review", tx("record a review (monitoring) of the plan in force; renders review-N.md"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("--file", o->file, tx("the review as YAML by the record's names (- for stdin)"))->type_name("FORM");
  cmd->add_option("--progress", o->progress, txf("GOAL:STATUS[:NOTE] for every goal (repeatable); status: {}",
                                                     values_help(enums::progress)));
  cmd->add_option("--delivered", o->delivered, txf("SERVICE:DELIVERED[:NOTE] for every service (repeatable); {}",
                                                       values_help(enums::delivered)));
  cmd->add_option("--safety", o->safety, values_help(enums::safety))->transform(member_of(enums::safety));
  cmd->add_option("--risk", o->risk, values_help(enums::risk))->transform(member_of(enums::risk));
  cmd->add_option("--decision", o->decision, values_help(enums::decision))->transform(member_of(enums::decision));
  cmd->add_option("--next-review", o->next_review, tx("date of the next review (not with decision close)"))->type_name("DATE");
  cmd->add_option("--summary", o->summary, tx("the review's summary"));
  cmd->add_option("--date", o->date, tx("the review date (default today)"))->type_name("DATE");
  example(cmd, "  casectl review C-2026-0001 --progress G1:in-progress --delivered S1:partly \\\n"
               "    --safety safe-with-plan --risk medium --decision continue --next-review 2027-01-10");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
