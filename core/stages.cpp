#include "core/stages.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/documents.hpp"
#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/record_io.hpp"
#include "core/rules.hpp"
#include "core/stage_skeleton.hpp"

namespace casectl {
namespace {

using namespace stage_detail;

// The case's folder, relative to the case directory.
std::string folder_of(const Record& r) {
  auto id = parse_case_id(r.id);
  return id ? case_dir(*id) : "cases/" + r.id;
}

FileChange document(const Record& r, DocKind kind, int n, const StageContext& ctx) {
  return FileChange{folder_of(r) + "/" + doc_file_name(kind, n),
                    render_document(r, kind, n, ctx.config, ctx.root)};
}

// The other versions of document (kind, n) that `casectl doc` made earlier and that are in the
// case folder (its HTML page; for a plan, the family version and its page), rendered again:
// an amendment of the facts they show must not leave them stale (SPEC section 7).
std::vector<FileChange> other_versions(const Record& r, DocKind kind, int n, const StageContext& ctx) {
  std::vector<FileChange> out;
  if (ctx.root.empty()) return out;
  for (bool family : {false, true}) {
    if (family && kind != DocKind::plan) continue;
    for (DocFormat format : {DocFormat::markdown, DocFormat::html}) {
      if (!family && format == DocFormat::markdown) continue;  // the document itself
      std::string rel = folder_of(r) + "/" + doc_file_name(kind, n, family, format);
      if (std::filesystem::exists(ctx.root + "/" + rel))
        out.push_back(FileChange{rel, render_document(r, kind, n, ctx.config, ctx.root, family, format)});
    }
  }
  return out;
}

const char* plural(std::size_t n) { return n == 1 ? "" : "s"; }

// "1 goal", "2 goals" in the language chosen.
std::string goals_said(std::size_t n) { return n == 1 ? std::string(tx("1 goal")) : txf("{} goals", n); }
std::string services_said(std::size_t n) {
  return n == 1 ? std::string(tx("1 service")) : txf("{} services", n);
}

// An edit may not record acts in another worker's name: an element added to a log, or an
// element whose `by` changed, must name the acting worker (a supervisor may correct them), and
// approvals change only by a supervisor (an approval is the supervisor's own act).
// The top-level section key of a record's JSON form, or null when the record has none.
nlohmann::ordered_json section_of(const nlohmann::ordered_json& record, const char* key) {
  return record.value(key, nlohmann::ordered_json());
}

// (was and now: the JSON forms of before and edited.)
std::vector<Problem> acts_of_others(const Record& before, const Record& edited, const nlohmann::ordered_json& was,
                                    const nlohmann::ordered_json& now, const StageContext& ctx) {
  const Worker* actor = ctx.config.worker(ctx.by);
  bool supervisor = actor && actor->supervisor();
  std::vector<Problem> out;
  auto check = [&](const auto& was, const auto& now, const char* list) {
    for (std::size_t i = 0; i < now.size(); ++i) {
      bool changed = i >= was.size() || was[i].by != now[i].by;
      if (changed && now[i].by != ctx.by && !supervisor)
        out.push_back(Problem{before.id, "edit.acts-of-others", fmt::format("{}[{}].by", list, i),
                              txf("the edit records {} {} in another worker's name", list, i + 1),
                              tx("each worker records their own acts (the stage commands); a supervisor may correct `by`"),
                              {}});
    }
  };
  check(before.assessments, edited.assessments, "assessments");
  check(before.plans, edited.plans, "plans");
  check(before.reviews, edited.reviews, "reviews");
  check(before.notes, edited.notes, "notes");
  check(before.closures, edited.closures, "closures");
  check(before.reopenings, edited.reopenings, "reopenings");
  if (!supervisor && section_of(was, "approvals") != section_of(now, "approvals"))
    out.push_back(Problem{before.id, "edit.acts-of-others", "approvals", tx("the edit changes the approvals"),
                          tx("an approval is a supervisor's own act (casectl approve)"), {}});
  return out;
}

// True when a change of kind at risk needs a supervisor's approval and the acting worker is not
// one (a supervisor's own change is their approval).
bool needs_approval(const Record&, const std::string& kind, const std::string& risk, const StageContext& ctx) {
  const Worker* w = ctx.config.worker(ctx.by);
  return ctx.config.policy.needs_approval(kind, risk) && !(w && w->supervisor());
}

// The record's top-level sections that differ between two records' JSON forms (amendments left
// out: the edit adds one itself).
Strings changed_sections(const nlohmann::ordered_json& was, const nlohmann::ordered_json& now) {
  Strings changed;
  for (const auto& [key, value] : now.items())
    if (key != "amendments" && (!was.contains(key) || was[key] != value)) changed.push_back(key);
  for (const auto& [key, value] : was.items())
    if (key != "amendments" && !now.contains(key)) changed.push_back(key);
  return changed;
}

// The documents (kind, n) whose text an edit from before to after changes, and those of
// elements it added.
std::vector<std::pair<DocKind, int>> changed_documents(const Record& before, const Record& after,
                                                       const StageContext& ctx) {
  std::vector<std::pair<DocKind, int>> docs;
  auto consider = [&](DocKind kind, int n, bool existed) {
    if (!existed || document(before, kind, n, ctx).content != document(after, kind, n, ctx).content)
      docs.emplace_back(kind, n);
  };
  for (const auto& p : after.plans) consider(DocKind::plan, p.n, find_n(before.plans, p.n) != nullptr);
  for (const auto& v : after.reviews) consider(DocKind::review, v.n, find_n(before.reviews, v.n) != nullptr);
  for (const auto& c : after.closures) consider(DocKind::closure, c.n, find_n(before.closures, c.n) != nullptr);
  return docs;
}

}  // namespace

void refuse_if(const std::vector<Problem>& problems) {
  if (problems.empty()) return;
  std::string msg = problems.size() == 1
                        ? std::string(tx("refused: 1 problem; nothing was written"))
                        : txf("refused: {} problems; nothing was written", problems.size());
  throw Error(ErrorKind::refused, msg, problems);
}

ChangeSummary stage_new(Record& r, const Record& form, const StageContext& ctx) {
  Record before = r;
  r.client = form.client;
  r.household = form.household;
  r.referral = form.referral;
  if (!form.worker.empty()) r.worker = form.worker;
  r.status = name(status_after(std::nullopt, Command::new_case));
  auto problems = check_change(nullptr, r, Command::new_case, rule_context(ctx, Command::new_case));
  if (!problems.empty()) {
    r = before;
    for (auto& p : problems) p.case_id = tx("new case");
    refuse_if(problems);
  }
  return ChangeSummary{"new", fmt::format("{} referral from {}", r.referral.urgency, r.referral.source), {}}
      .on(r.opened);
}

ChangeSummary stage_assess(Record& r, Assessment a, const StageContext& ctx) {
  run_stage(r, Command::assess, ctx, [&] { r.assessments.push_back(a = numbered(r.assessments, a, ctx, r.id)); });
  std::string summary = fmt::format("risk {}, safety {}", a.risk, a.safety);
  if (a.n > 1) summary = fmt::format("re-assessment {}, {}", a.n, summary);
  std::string said = a.n > 1 ? txf("assess {}: re-assessment {}, risk {}, safety {}", r.id, a.n, a.risk, a.safety)
                             : txf("assess {}: risk {}, safety {}", r.id, a.risk, a.safety);
  return ChangeSummary{"assess", summary, {}}.on(a.date).saying(said);
}

ChangeSummary stage_plan(Record& r, Plan p, const StageContext& ctx) {
  run_stage(r, Command::plan, ctx, [&] {
    if (p.assessment == 0 && !r.assessments.empty()) p.assessment = r.assessments.back().n;
    r.plans.push_back(p = numbered(r.plans, p, ctx, r.id));
    if (!p.approval && needs_approval(r, "plan", risk_for_plan(r, r.plans.size() - 1), ctx))
      if (const Approval* a = usable_approval(r, "plan")) r.plans.back().approval = p.approval = a->n;
  });
  std::string summary = fmt::format("plan {}, {} goal{}, {} service{}, next review {}", p.n, p.goals.size(),
                                    plural(p.goals.size()), p.services.size(), plural(p.services.size()),
                                    p.next_review ? p.next_review->iso() : "-");
  std::string said = txf("plan {}: plan {}, {}, {}, next review {}", r.id, p.n, goals_said(p.goals.size()),
                         services_said(p.services.size()), p.next_review ? p.next_review->iso() : "-");
  return ChangeSummary{"plan", summary, {document(r, DocKind::plan, p.n, ctx)}}.on(p.date).saying(said);
}

ChangeSummary stage_review(Record& r, Review v, const StageContext& ctx) {
  run_stage(r, Command::review, ctx, [&] {
    if (v.plan == 0 && !r.plans.empty()) v.plan = r.plans.back().n;
    r.reviews.push_back(v = numbered(r.reviews, v, ctx, r.id));
  });
  return ChangeSummary{"review", fmt::format("review {}, decision {}, risk {}", v.n, v.decision, v.risk),
                       {document(r, DocKind::review, v.n, ctx)}}
      .on(v.date)
      .saying(txf("review {}: review {}, decision {}, risk {}", r.id, v.n, v.decision, v.risk));
}

ChangeSummary stage_close(Record& r, Closure c, const StageContext& ctx) {
  run_stage(r, Command::close, ctx, [&] {
    c = numbered(r.closures, c, ctx, r.id);
    const Plan* plan = plan_in_force(r);
    const Review* review = latest_review(r);
    if (plan && !c.plan) c.plan = plan->n;
    if (c.outcomes.empty() && plan && review && review->plan == plan->n)
      for (const auto& g : review->progress) c.outcomes.push_back(Outcome{g.goal, g.status});
    if (!c.approval && needs_approval(r, "closure", current_risk(r), ctx))
      if (const Approval* a = usable_approval(r, "closure")) c.approval = a->n;
    r.closures.push_back(c);
  });
  std::string summary = c.reason;
  if (c.approval) summary += fmt::format(", approval {}", *c.approval);
  std::string said = c.approval ? txf("close {}: closure {}, {}, approval {}", r.id, c.n, c.reason, *c.approval)
                               : txf("close {}: closure {}, {}", r.id, c.n, c.reason);
  return ChangeSummary{"close", fmt::format("closure {}, {}", c.n, summary),
                       {document(r, DocKind::closure, c.n, ctx)}}
      .on(c.date)
      .saying(said);
}

ChangeSummary stage_reopen(Record& r, Reopening o, const StageContext& ctx) {
  run_stage(r, Command::reopen, ctx, [&] {
    o = numbered(r.reopenings, o, ctx, r.id);
    if (!o.closure) o.closure = static_cast<int>(r.closures.size());
    r.reopenings.push_back(o);
  });
  std::string urgency = o.urgency.empty() ? "" : ", urgency " + o.urgency;
  std::string said = o.urgency.empty()
                         ? txf("reopen {}: reopening {} of closure {}", r.id, o.n, o.closure.value_or(0))
                         : txf("reopen {}: reopening {} of closure {}, urgency {}", r.id, o.n,
                               o.closure.value_or(0), o.urgency);
  return ChangeSummary{"reopen", fmt::format("reopening {} of closure {}{}", o.n, o.closure.value_or(0), urgency), {}}
      .on(o.date)
      .saying(said);
}

ChangeSummary stage_approve(Record& r, Approval a, const StageContext& ctx) {
  run_stage(r, Command::approve, ctx, [&] { r.approvals.push_back(a = numbered(r.approvals, a, ctx, r.id)); });
  return ChangeSummary{"approve", fmt::format("approval {} ({})", a.n, a.kind), {}}.on(a.date).saying(
      txf("approve {}: approval {} ({})", r.id, a.n, a.kind));
}

ChangeSummary stage_note(Record& r, Note n, const StageContext& ctx) {
  run_stage(r, Command::note, ctx, [&] {
    fill(n, ctx, r.id);
    r.notes.push_back(n);
  });
  return ChangeSummary{"note", fmt::format("{} on {}", n.kind.empty() ? "note" : n.kind, n.date->iso()), {}}
      .on(n.date)
      .saying(txf("note {}: {} on {}", r.id, n.kind.empty() ? "note" : n.kind, n.date->iso()));
}

ChangeSummary stage_consent(Record& r, Consent c, const StageContext& ctx) {
  run_stage(r, Command::consent, ctx, [&] {
    if (!c.date) c.date = ctx.today;
    if (c.n == 0) c.n = static_cast<int>(r.consents.size()) + 1;
    r.consents.push_back(c);
  });
  return ChangeSummary{"consent", fmt::format("consent {} recorded", c.n), {}}.on(c.date).saying(
      txf("consent {}: consent {} recorded", r.id, c.n));
}

ChangeSummary stage_withdraw_consent(Record& r, int n, OptDate date, const StageContext& ctx) {
  run_stage(r, Command::withdraw_consent, ctx, [&] {
    if (!find_n(r.consents, n))
      refuse_if({Problem{r.id, "consent.unknown", "consents",
                         txf("there is no consent {} (the case has {})", n, r.consents.size()),
                         tx("name a consent by its number as `casectl show` lists it"), {}}});
    Consent& c = *const_cast<Consent*>(find_n(r.consents, n));
    if (c.withdrawn)
      refuse_if({Problem{r.id, "consent.already-withdrawn", fmt::format("consents[{}].withdrawn", &c - r.consents.data()),
                         txf("consent {} was already withdrawn on {}", n, c.withdrawn->iso()),
                         tx("nothing to do"), {}}});
    c.withdrawn = date ? *date : ctx.today;
  });
  return ChangeSummary{"consent", fmt::format("consent {} withdrawn", n), {}}
      .on(find_n(r.consents, n)->withdrawn)
      .saying(txf("consent {}: consent {} withdrawn", r.id, n));
}

void check_may_edit(const Record& r, const StageContext& ctx) {
  refuse_if(check_change(&r, r, Command::edit, rule_context(ctx, Command::edit)));
}

ChangeSummary stage_edit(Record& r, const Record& edited, Amendment a, const StageContext& ctx) {
  if (edited.id != r.id)
    refuse_if({Problem{r.id, "edit.id-changed", "id", tx("the id was changed"),
                       txf("keep id: {} (a case keeps its ID for life)", r.id), {}}});
  const nlohmann::ordered_json was = record_json(r), now = record_json(edited);
  refuse_if(acts_of_others(r, edited, was, now, ctx));
  if (section_of(was, "amendments") != section_of(now, "amendments"))
    refuse_if({Problem{r.id, "edit.amendments-changed", "amendments", tx("the edit changes the list of amendments"),
                       tx("leave amendments as they are: each correction is recorded, none rewritten"), {}}});
  a.date = ctx.today;
  a.by = ctx.by;
  a.sections = changed_sections(was, now);
  auto docs = changed_documents(r, edited, ctx);
  for (const auto& [kind, n] : docs) a.documents.push_back(doc_file_name(kind, n));
  run_stage(r, Command::edit, ctx, [&] {
    r = edited;
    r.amendments.push_back(a);
  });
  std::string summary;
  for (const auto& c : a.sections) summary += (summary.empty() ? "" : ", ") + c;
  // Rendered with the amendment, which each of them names: they say they were amended.
  std::vector<FileChange> files;
  for (const auto& [kind, n] : docs) {
    files.push_back(document(r, kind, n, ctx));
    for (auto& f : other_versions(r, kind, n, ctx)) files.push_back(std::move(f));
  }
  return ChangeSummary{"edit", summary, std::move(files), {{"Amendment", a.reason}}}.saying(
      txf("edit {}: {}", r.id, summary));
}

}  // namespace casectl
