#include "core/stages.hpp"

#include <fmt/format.h>

#include "core/documents.hpp"
#include "core/ids.hpp"
#include "core/record_io.hpp"
#include "core/rules.hpp"

namespace casectl {
namespace {

FileChange document(const Record& r, DocKind kind, int n, const StageContext& ctx) {
  auto id = parse_case_id(r.id);
  std::string dir = id ? case_dir(*id) : "cases/" + r.id;
  return FileChange{dir + "/" + doc_file_name(kind, n),
                    render_document(r, kind, n, ctx.config, ctx.root)};
}

// Fills what the command fills itself when the form left it out: the date (today) and the
// acting worker.
template <class T> void fill(T& item, const StageContext& ctx) {
  if (!item.date) item.date = ctx.today;
  if (item.by.empty()) item.by = ctx.by;
}

// Numbers a new element of list (the next n) unless the form gave one, and fills it.
template <class T> T numbered(const std::vector<T>& list, T item, const StageContext& ctx) {
  if (item.n == 0) item.n = static_cast<int>(list.size()) + 1;
  fill(item, ctx);
  return item;
}

// The skeleton every stage shares: refuse a command the status table does not allow (before
// anything is filled in, so the refusal names the status first), move the status, let apply()
// change r (an edit replaces it whole, status included), then check every rule the change could
// break; on problems r is put back and the refusal names them all.
template <class Apply> void run_stage(Record& r, Command command, const StageContext& ctx, Apply apply) {
  refuse_if(check_transition(&r, command));
  Record before = r;
  r.status = name(status_after(status_of(before), command));
  apply();
  auto problems = check_change(&before, r, command, RuleContext{ctx.config, ctx.today, command});
  if (!problems.empty()) {
    r = before;
    refuse_if(problems);
  }
}

const char* plural(std::size_t n) { return n == 1 ? "" : "s"; }

}  // namespace

void refuse_if(const std::vector<Problem>& problems) {
  if (problems.empty()) return;
  std::string msg = problems.size() == 1
                        ? "refused: 1 problem; nothing was written"
                        : fmt::format("refused: {} problems; nothing was written", problems.size());
  throw Error(ErrorKind::refused, msg, problems);
}

ChangeSummary stage_new(Record& r, const Record& form, const StageContext& ctx) {
  Record before = r;
  r.client = form.client;
  r.household = form.household;
  r.referral = form.referral;
  if (!form.worker.empty()) r.worker = form.worker;
  r.status = name(status_after(std::nullopt, Command::new_case));
  auto problems = check_change(nullptr, r, Command::new_case, RuleContext{ctx.config, ctx.today, Command::new_case});
  if (!problems.empty()) {
    r = before;
    for (auto& p : problems) p.case_id = "new case";
    refuse_if(problems);
  }
  return ChangeSummary{"new", fmt::format("{} referral from {}", r.referral.urgency, r.referral.source), {}};
}

ChangeSummary stage_assess(Record& r, Assessment a, const StageContext& ctx) {
  run_stage(r, Command::assess, ctx, [&] { r.assessments.push_back(a = numbered(r.assessments, a, ctx)); });
  std::string summary = fmt::format("risk {}, safety {}", a.risk, a.safety);
  if (a.n > 1) summary = fmt::format("re-assessment {}, {}", a.n, summary);
  return ChangeSummary{"assess", summary, {}};
}

ChangeSummary stage_plan(Record& r, Plan p, const StageContext& ctx) {
  run_stage(r, Command::plan, ctx, [&] {
    if (p.assessment == 0 && !r.assessments.empty()) p.assessment = r.assessments.back().n;
    r.plans.push_back(p = numbered(r.plans, p, ctx));
  });
  std::string summary = fmt::format("plan {}, {} goal{}, {} service{}, next review {}", p.n, p.goals.size(),
                                    plural(p.goals.size()), p.services.size(), plural(p.services.size()),
                                    p.next_review ? p.next_review->iso() : "-");
  return ChangeSummary{"plan", summary, {document(r, DocKind::plan, p.n, ctx)}};
}

ChangeSummary stage_review(Record& r, Review v, const StageContext& ctx) {
  run_stage(r, Command::review, ctx, [&] {
    if (v.plan == 0 && !r.plans.empty()) v.plan = r.plans.back().n;
    r.reviews.push_back(v = numbered(r.reviews, v, ctx));
  });
  return ChangeSummary{"review", fmt::format("review {}, decision {}, risk {}", v.n, v.decision, v.risk),
                       {document(r, DocKind::review, v.n, ctx)}};
}

ChangeSummary stage_close(Record& r, Closure c, const StageContext& ctx) {
  run_stage(r, Command::close, ctx, [&] {
    fill(c, ctx);
    const Plan* plan = plan_in_force(r);
    const Review* review = latest_review(r);
    if (c.outcomes.empty() && plan && review && review->plan == plan->n)
      for (const auto& g : review->progress) c.outcomes.push_back(Outcome{g.goal, g.status});
    r.closure = c;
  });
  std::string summary = c.reason;
  if (!c.approved_by.empty()) summary += ", approved by " + c.approved_by;
  return ChangeSummary{"close", summary, {document(r, DocKind::closure, 1, ctx)}};
}

ChangeSummary stage_reopen(Record& r, Reopening o, const StageContext& ctx) {
  run_stage(r, Command::reopen, ctx, [&] {
    fill(o, ctx);
    r.reopenings.push_back(o);
  });
  return ChangeSummary{"reopen", fmt::format("reopening {}", r.reopenings.size()), {}};
}

ChangeSummary stage_note(Record& r, Note n, const StageContext& ctx) {
  run_stage(r, Command::note, ctx, [&] {
    fill(n, ctx);
    r.notes.push_back(n);
  });
  return ChangeSummary{"note", fmt::format("{} on {}", n.kind.empty() ? "note" : n.kind, n.date->iso()), {}};
}

ChangeSummary stage_consent(Record& r, Consent c, const StageContext& ctx) {
  run_stage(r, Command::consent, ctx, [&] {
    if (!c.date) c.date = ctx.today;
    r.consents.push_back(c);
  });
  return ChangeSummary{"consent", fmt::format("consent {} recorded", r.consents.size()), {}};
}

ChangeSummary stage_withdraw_consent(Record& r, int n, OptDate date, const StageContext& ctx) {
  run_stage(r, Command::consent, ctx, [&] {
    if (n < 1 || n > static_cast<int>(r.consents.size()))
      refuse_if({Problem{r.id, "consent.unknown", "consents",
                         fmt::format("there is no consent {} (the case has {})", n, r.consents.size()),
                         "name a consent by its number as `casectl show` lists it", {}}});
    Consent& c = r.consents[static_cast<size_t>(n - 1)];
    if (c.withdrawn)
      refuse_if({Problem{r.id, "consent.already-withdrawn", fmt::format("consents[{}].withdrawn", n - 1),
                         fmt::format("consent {} was already withdrawn on {}", n, c.withdrawn->iso()),
                         "nothing to do", {}}});
    c.withdrawn = date ? *date : ctx.today;
  });
  return ChangeSummary{"consent", fmt::format("consent {} withdrawn", n), {}};
}

ChangeSummary stage_edit(Record& r, const Record& edited, const StageContext& ctx) {
  if (edited.id != r.id)
    refuse_if({Problem{r.id, "edit.id-changed", "id", fmt::format("the id was changed to {}", edited.id),
                       "keep id: " + r.id + " (a case keeps its ID for life)", {}}});
  // The top-level sections that differ, compared through the record's JSON form.
  nlohmann::ordered_json was = record_json(r), now = record_json(edited);
  std::vector<std::string> changed;
  for (const auto& [key, value] : now.items())
    if (!was.contains(key) || was[key] != value) changed.push_back(key);
  for (const auto& [key, value] : was.items())
    if (!now.contains(key)) changed.push_back(key);
  Record before = r;
  run_stage(r, Command::edit, ctx, [&] { r = edited; });
  std::string summary;
  for (const auto& c : changed) summary += (summary.empty() ? "" : ", ") + c;
  // The documents whose text the edit changes (a plan, review or closure edited, or what they
  // show), and those of elements the edit added.
  std::vector<FileChange> docs;
  auto consider = [&](DocKind kind, int n, bool existed) {
    FileChange now = document(r, kind, n, ctx);
    if (!existed || document(before, kind, n, ctx).content != now.content) docs.push_back(std::move(now));
  };
  for (const auto& p : r.plans) consider(DocKind::plan, p.n, find_n(before.plans, p.n) != nullptr);
  for (const auto& v : r.reviews) consider(DocKind::review, v.n, find_n(before.reviews, v.n) != nullptr);
  if (r.closure) consider(DocKind::closure, 1, before.closure.has_value());
  return ChangeSummary{"edit", summary, std::move(docs)};
}

}  // namespace casectl
