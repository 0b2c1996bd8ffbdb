// casectl assess ID: record an assessment (or a re-assessment of an active case).
#include <fmt/format.h>

#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/record_io.hpp"

namespace casectl::cli {
namespace {

struct AssessOptions {
  std::string id, file;
  std::optional<std::string> safety, risk, summary, date;
  std::vector<std::string> methods, needs, actions, strengths, risks;
};

// Applies the flags over the form: scalars replace, lists add.
void apply_flags(const AssessOptions& o, Assessment& a) {
  if (o.safety) a.safety = *o.safety;
  if (o.risk) a.risk = *o.risk;
  if (o.summary) a.summary = *o.summary;
  if (o.date) a.date = date_option("--date", *o.date);
  a.methods.insert(a.methods.end(), o.methods.begin(), o.methods.end());
  for (const auto& n : o.needs) {
    Pair p = split_pair("--need", n);  // DOMAIN:TEXT (a colon in the text is kept)
    std::string text = p.note.empty() ? p.value : p.value + ":" + p.note;
    std::string domain = code_option(enums::need_domain, "--need DOMAIN:TEXT: domain", p.key);
    a.needs.push_back(Need{fmt::format("N{}", a.needs.size() + 1), domain, text});
  }
  for (const auto& r : o.risks) {
    Pair p = split_pair("--risk-item", r);  // DOMAIN:LEVEL[:EVIDENCE]
    std::string domain = code_option(enums::concern, "--risk-item CONCERN:LEVEL[:EVIDENCE]: concern", p.key);
    std::string level = code_option(enums::risk, "--risk-item CONCERN:LEVEL[:EVIDENCE]: level", p.value);
    a.risks.push_back(RiskItem{domain, level, p.note});
  }
  a.immediate_actions.insert(a.immediate_actions.end(), o.actions.begin(), o.actions.end());
  a.strengths.insert(a.strengths.end(), o.strengths.begin(), o.strengths.end());
}

void run(const AssessOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  bool missing = !o.safety || !o.risk || o.methods.empty();
  Assessment a = stage_section(o.file, "assess", missing, store, id, decode_assessment);
  apply_flags(o, a);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_assess(r, a, ctx); });
}

}  // namespace

void register_assess(CLI::App& app, Globals& g) {
  auto o = std::make_shared<AssessOptions>();
  auto* cmd = app.add_subcommand("assess", tx("record an assessment (intake) or a re-assessment (active)"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("--file", o->file, tx("the assessment as YAML by the record's names (- for stdin)"))->type_name("FORM");
  cmd->add_option("--safety", o->safety, values_help(enums::safety))->transform(member_of(enums::safety));
  cmd->add_option("--risk", o->risk, values_help(enums::risk))->transform(member_of(enums::risk));
  cmd->add_option("--method", o->methods, txf("how the facts were gathered (repeatable): {}", values_help(enums::method)))
      ->transform(member_of(enums::method));
  cmd->add_option("--need", o->needs, txf("a need as DOMAIN:TEXT (repeatable; ids N1, N2, ...); domains: {}",
                                              values_help(enums::need_domain)));
  cmd->add_option("--risk-item", o->risks, tx("a risk as CONCERN:LEVEL[:EVIDENCE] (repeatable)"));
  cmd->add_option("--immediate-action", o->actions, tx("an immediate action taken (repeatable; needed when unsafe)"));
  cmd->add_option("--strength", o->strengths, tx("a strength or resource of the family (repeatable)"));
  cmd->add_option("--summary", o->summary, tx("the assessment's summary"));
  cmd->add_option("--date", o->date, tx("the assessment date (default today)"))->type_name("DATE");
  example(cmd, "  casectl assess C-2026-0001 --safety unsafe --risk high --method home-visit \\\n"
               "    --method interview-child --need \"safety:Protection from physical harm\" \\\n"
               "    --immediate-action \"Temporary protective custody\"\n"
               "  casectl assess C-2026-0001 --file assessment.yaml");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
