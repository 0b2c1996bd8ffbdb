#include "core/stages.hpp"

#include <fmt/format.h>

#include "core/documents.hpp"
#include "core/ids.hpp"
#include "core/record_io.hpp"
#include "core/rules.hpp"

namespace casectl {
namespace {

// Checks the change from before to r for command; on problems puts r back and throws.
void check(Record& r, const Record& before, const std::string& command, const StageContext& ctx) {
  RuleContext rctx{ctx.config, ctx.today, command};
  auto problems = check_change(&before, r, command, rctx);
  if (!problems.empty()) {
    r = before;
    refuse_if(problems);
  }
}

// The transition alone, before filling anything in (so the refusal names the status first).
void check_status(const Record& r, const std::string& command) { refuse_if(check_transition(&r, command)); }

FileChange document(const Record& r, DocKind kind, int n, const StageContext& ctx) {
  auto id = parse_case_id(r.id);
  std::string dir = id ? case_dir(*id) : "cases/" + r.id;
  return FileChange{dir + "/" + doc_file_name(kind, n),
                    render_document(r, kind, n, ctx.config, ctx.root)};
}

template <class T> void fill(T& item, const StageContext& ctx) {
  if (!item.date) item.date = ctx.today;
  if (item.by.empty()) item.by = ctx.by;
}

}  // namespace

void refuse_if(const std::vector<Problem>& problems) {
  if (problems.empty()) return;
  std::string msg = problems.size() == 1
                        ? "refused: 1 problem; nothing was written"
                        : fmt::format("refused: {} problems; nothing was written", problems.size());
  throw Error(ErrorKind::refused, msg, problems);
}

ChangeSummary stage_assess(Record& r, Assessment a, const StageContext& ctx) {
  check_status(r, "assess");
  Record before = r;
  if (a.n == 0) a.n = static_cast<int>(r.assessments.size()) + 1;
  fill(a, ctx);
  r.assessments.push_back(a);
  r.status = status_after(before.status, "assess");
  check(r, before, "assess", ctx);
  std::string summary = fmt::format("risk {}, safety {}", a.risk, a.safety);
  if (a.n > 1) summary = fmt::format("re-assessment {}, {}", a.n, summary);
  return ChangeSummary{"assess", summary, {}};
}

ChangeSummary stage_plan(Record& r, Plan p, const StageContext& ctx) {
  check_status(r, "plan");
  Record before = r;
  if (p.n == 0) p.n = static_cast<int>(r.plans.size()) + 1;
  if (p.assessment == 0 && !r.assessments.empty()) p.assessment = r.assessments.back().n;
  fill(p, ctx);
  r.plans.push_back(p);
  r.status = status_after(before.status, "plan");
  check(r, before, "plan", ctx);
  std::string summary = fmt::format("plan {}, {} goal{}, {} service{}, next review {}", p.n, p.goals.size(),
                                    p.goals.size() == 1 ? "" : "s", p.services.size(),
                                    p.services.size() == 1 ? "" : "s", p.next_review ? p.next_review->iso() : "-");
  return ChangeSummary{"plan", summary, {document(r, DocKind::plan, p.n, ctx)}};
}

ChangeSummary stage_review(Record& r, Review v, const StageContext& ctx) {
  check_status(r, "review");
  Record before = r;
  if (v.n == 0) v.n = static_cast<int>(r.reviews.size()) + 1;
  if (v.plan == 0 && !r.plans.empty()) v.plan = r.plans.back().n;
  fill(v, ctx);
  r.reviews.push_back(v);
  r.status = status_after(before.status, "review");
  check(r, before, "review", ctx);
  return ChangeSummary{"review", fmt::format("review {}, decision {}, risk {}", v.n, v.decision, v.risk),
                       {document(r, DocKind::review, v.n, ctx)}};
}

ChangeSummary stage_close(Record& r, Closure c, const StageContext& ctx) {
  check_status(r, "close");
  Record before = r;
  fill(c, ctx);
  const Plan* plan = plan_in_force(r);
  const Review* review = latest_review(r);
  if (c.outcomes.empty() && plan && review && review->plan == plan->n)
    for (const auto& g : review->progress) c.outcomes.push_back(Outcome{g.goal, g.status});
  r.closure = c;
  r.status = status_after(before.status, "close");
  check(r, before, "close", ctx);
  std::string summary = c.reason;
  if (!c.approved_by.empty()) summary += ", approved by " + c.approved_by;
  return ChangeSummary{"close", summary, {document(r, DocKind::closure, 1, ctx)}};
}

ChangeSummary stage_reopen(Record& r, Reopening o, const StageContext& ctx) {
  check_status(r, "reopen");
  Record before = r;
  fill(o, ctx);
  r.reopenings.push_back(o);
  r.status = status_after(before.status, "reopen");
  check(r, before, "reopen", ctx);
  return ChangeSummary{"reopen", fmt::format("reopening {}", r.reopenings.size()), {}};
}

ChangeSummary stage_note(Record& r, Note n, const StageContext& ctx) {
  check_status(r, "note");
  Record before = r;
  fill(n, ctx);
  r.notes.push_back(n);
  check(r, before, "note", ctx);
  return ChangeSummary{"note", fmt::format("{} on {}", n.kind.empty() ? "note" : n.kind, n.date->iso()), {}};
}

ChangeSummary stage_consent(Record& r, Consent c, const StageContext& ctx) {
  check_status(r, "consent");
  Record before = r;
  if (!c.date) c.date = ctx.today;
  r.consents.push_back(c);
  check(r, before, "consent", ctx);
  return ChangeSummary{"consent", fmt::format("consent {} recorded", r.consents.size()), {}};
}

ChangeSummary stage_withdraw_consent(Record& r, int n, OptDate date, const StageContext& ctx) {
  check_status(r, "consent");
  if (n < 1 || n > static_cast<int>(r.consents.size()))
    refuse_if({Problem{r.id, "consent.unknown", "consents",
                       fmt::format("there is no consent {} (the case has {})", n, r.consents.size()),
                       "name a consent by its number as `casectl show` lists it", {}}});
  Consent& c = r.consents[static_cast<size_t>(n - 1)];
  if (c.withdrawn)
    refuse_if({Problem{r.id, "consent.already-withdrawn", fmt::format("consents[{}].withdrawn", n - 1),
                       fmt::format("consent {} was already withdrawn on {}", n, c.withdrawn->iso()),
                       "nothing to do", {}}});
  Record before = r;
  r.consents[static_cast<size_t>(n - 1)].withdrawn = date ? *date : ctx.today;
  check(r, before, "consent", ctx);
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
  if (changed.empty())
    refuse_if({Problem{r.id, "edit.unchanged", "", "the record was not changed", "nothing to commit", {}}});
  Record before = r;
  r = edited;
  check(r, before, "edit", ctx);
  std::string summary;
  for (const auto& c : changed) summary += (summary.empty() ? "" : ", ") + c;
  // The documents whose text the edit changes (a plan, review or closure edited, or what they
  // show), and those of elements the edit added.
  std::vector<FileChange> docs;
  auto consider = [&](DocKind kind, int n, bool existed) {
    FileChange now = document(r, kind, n, ctx);
    if (!existed || document(before, kind, n, ctx).content != now.content) docs.push_back(std::move(now));
  };
  for (const auto& p : r.plans) consider(DocKind::plan, p.n, find_plan(before, p.n) != nullptr);
  for (const auto& v : r.reviews) {
    bool existed = false;
    for (const auto& b : before.reviews) existed = existed || b.n == v.n;
    consider(DocKind::review, v.n, existed);
  }
  if (r.closure) consider(DocKind::closure, 1, before.closure.has_value());
  return ChangeSummary{"edit", summary, std::move(docs)};
}

}  // namespace casectl
