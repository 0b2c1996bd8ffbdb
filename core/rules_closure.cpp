// Closure rules (SPEC section 4): a reason and an evaluation; goals-achieved only when the latest
// review found every goal of the plan in force achieved; no-further-action only for a case
// assessed safe and low and not yet planned; a supervisor's approval while the risk is high.
#include <fmt/format.h>

#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

const char* kOtherReason = "choose the reason that fits";

// goals-achieved: a plan, a review of it, and every goal achieved in that review.
void check_goals_achieved(Out& out, const Record& r) {
  const Plan* p = plan_in_force(r);
  const Review* rv = latest_review(r);
  if (!p) {
    out.add("close.no-plan", "closure.reason", "reason goals-achieved but the case has no plan",
            kOtherReason);
    return;
  }
  if (!rv || rv->plan != p->n) {
    out.add("close.no-review", "closure.reason",
            fmt::format("reason goals-achieved but plan {} (the plan in force) has no review",
                        p->n),
            "review the plan first (casectl review), or choose the reason that fits");
    return;
  }
  std::string open;
  for (const auto& g : p->goals) {
    std::size_t j = index_of(rv->progress, g.id, [](const GoalProgress& x) { return x.goal; });
    if (j == npos || rv->progress[j].status != "achieved")
      open += (open.empty() ? "" : ", ") + show(g.id);
  }
  if (!open.empty())
    out.add("close.goals-not-achieved", "closure.reason",
            fmt::format("reason goals-achieved but review {} does not find goal(s) {} of plan {} "
                        "achieved",
                        rv->n, open, p->n),
            "review again when they are achieved (casectl review), or choose the reason that fits");
}

// no-further-action: the latest assessment, made since the last reopening and answered by no
// plan (the case was intake or assessed), found the child safe and the risk low. A case closed
// at intake without any assessment is refused: only an assessment can show safe and low.
void check_no_further_action(Out& out, const Record& r) {
  const Assessment* a = latest_assessment(r);
  const char* rule = "close.no-further-action";
  const char* fix = "record an assessment (casectl assess), or choose the reason that fits";
  if (!a) {
    out.add(rule, "closure.reason",
            "reason no-further-action needs an assessment finding the child safe and the risk "
            "low; the case has none",
            fix);
    return;
  }
  // The reopening before this closure: problems recurred, an older assessment no longer speaks.
  const Reopening* re = r.reopenings.empty() ? nullptr : &r.reopenings.back();
  if (re && re->date && a->date && *a->date < *re->date) {
    out.add(rule, "closure.reason",
            fmt::format("reason no-further-action but the latest assessment ({}) predates the "
                        "reopening of {}",
                        a->n, re->date->iso()),
            fix);
    return;
  }
  for (const auto& p : r.plans)
    if (p.assessment >= a->n) {
      out.add(rule, "closure.reason",
              fmt::format("reason no-further-action is for intake or assessed cases, but plan {} "
                          "answers assessment {}",
                          p.n, a->n),
              kOtherReason);
      return;
    }
  if (a->safety != "safe" || a->risk != "low")
    out.add(rule, "closure.reason",
            fmt::format("reason no-further-action needs safety safe and risk low, but assessment "
                        "{} found safety {} and risk {}",
                        a->n, a->safety.empty() ? "not decided" : a->safety,
                        a->risk.empty() ? "not given" : a->risk),
            kOtherReason);
}

// Approval: required while the current risk is high or very-high; whenever given it must name
// a supervisor registered in casectl.yaml.
void check_approval(Out& out, const Record& r, const RuleContext& ctx) {
  const Closure& c = *r.closure;
  const std::string risk = current_risk(r);
  bool high = risk == "high" || risk == "very-high";
  if (c.approved_by.empty()) {
    if (high)
      out.add("close.approval-required", "closure.approved_by",
              fmt::format("closing a case at risk {} needs a supervisor's approval", risk),
              "name the approving supervisor (casectl close --approved-by ID)");
    return;
  }
  const Worker* w = ctx.config.worker(c.approved_by);
  if (!w)
    out.add("close.approver-unknown", "closure.approved_by",
            fmt::format("approver {} is not a worker registered in casectl.yaml",
                        show(c.approved_by)),
            "name a supervisor registered in casectl.yaml");
  else if (w->role != "supervisor")
    out.add("close.approver-not-supervisor", "closure.approved_by",
            fmt::format("approver {} has role {}, not supervisor", show(c.approved_by),
                        show(w->role)),
            "name a worker whose role is supervisor");
}

// Outcomes, if given, name goals of the plan in force, each once.
void check_outcomes(Out& out, const Record& r) {
  const Plan* p = plan_in_force(r);
  const auto& outcomes = r.closure->outcomes;
  for (std::size_t j = 0; j < outcomes.size(); ++j) {
    const std::string path = fmt::format("closure.outcomes[{}].goal", j);
    const std::string& goal = outcomes[j].goal;
    if (!p || index_of(p->goals, goal, [](const Goal& g) { return g.id; }) == npos)
      out.add("close.outcome-goal-unknown", path,
              p ? fmt::format("outcome for goal {}, which plan {} (the plan in force) does not "
                              "have",
                              show(goal), p->n)
                : fmt::format("outcome for goal {} but the case has no plan", show(goal)),
              p ? fmt::format("name a goal of plan {}", p->n) : std::string("remove the outcome"));
    else if (index_of(outcomes, goal, [](const Outcome& o) { return o.goal; }) < j)
      out.add("close.outcome-goal-duplicate", path,
              fmt::format("two outcomes for goal {}", show(goal)), "give one outcome per goal");
  }
}

}  // namespace

std::vector<Problem> check_closure(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  if (!r.closure) return list;
  const Closure& c = *r.closure;
  check_worker(out, ctx, c.by, "closure.by", "closure by");
  if (c.reason.empty())
    out.add("close.reason-required", "closure.reason", "the closure gives no reason",
            fmt::format("set reason: {}", enums::closure_reason.allowed()));
  if (c.evaluation.empty())
    out.add("close.evaluation-required", "closure.evaluation", "the closure has no evaluation",
            "say what worked and what did not, for later cases");
  // A closure followed by a reopening was checked when it was made; the case has moved on.
  if (!closure_in_force(r)) return list;
  if (c.reason == "goals-achieved") check_goals_achieved(out, r);
  if (c.reason == "no-further-action") check_no_further_action(out, r);
  check_approval(out, r, ctx);
  check_outcomes(out, r);
  return list;
}

}  // namespace casectl
