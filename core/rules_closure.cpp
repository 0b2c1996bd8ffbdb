// Closure and approval rules (SPEC section 4): every closure has a reason and an evaluation and
// names the plan in force when it closed; goals-achieved only when the latest review found every
// goal of that plan achieved; no-further-action only for a case assessed safe and low and not yet
// planned; while the risk is in policy.approvals.closure, a supervisor closes it or a supervisor's
// approval (casectl approve) given since the latest assessment or review is used, once.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

const char* kOtherReason = N_("choose the reason that fits");

// goals-achieved: a plan, a review of it, and every goal achieved in that review.
void check_goals_achieved(Out& out, const Record& r, const std::string& field) {
  const Plan* p = plan_in_force(r);
  const Review* rv = latest_review(r);
  if (!p) {
    out.add("close.no-plan", field, tx("reason goals-achieved but the case has no plan"), tx(kOtherReason));
    return;
  }
  const Reopening* re = r.reopenings.empty() ? nullptr : &r.reopenings.back();
  bool before_reopening = rv && re && re->date && rv->date && *rv->date < *re->date;
  if (!rv || rv->plan != p->n || before_reopening) {
    out.add("close.no-review", field,
            txf("reason goals-achieved but plan {} (the plan in force) has no review",
                p->n),
            tx("review the plan first (casectl review), or choose the reason that fits"));
    return;
  }
  std::string open;
  for (const auto& g : p->goals) {
    std::size_t j = index_of(rv->progress, g.id, [](const GoalProgress& x) { return x.goal; });
    if (j == npos || rv->progress[j].status != "achieved")
      open += (open.empty() ? "" : ", ") + show(g.id);
  }
  if (!open.empty())
    out.add("close.goals-not-achieved", field,
            txf("reason goals-achieved but review {} does not find goal(s) {} of plan {} "
                "achieved",
                rv->n, open, p->n),
            tx("review again when they are achieved (casectl review), or choose the reason that fits"));
}

// no-further-action: the latest assessment, made since the last reopening and answered by no
// plan (the case was intake or assessed), found the child safe and the risk low. A case closed
// at intake without any assessment is refused: only an assessment can show safe and low.
void check_no_further_action(Out& out, const Record& r, const std::string& field) {
  const Assessment* a = latest_assessment(r);
  const char* rule = "close.no-further-action";
  const char* fix = tx("record an assessment (casectl assess), or choose the reason that fits");
  if (!a) {
    out.add(rule, field,
            tx("reason no-further-action needs an assessment finding the child safe and the risk "
               "low; the case has none"),
            fix);
    return;
  }
  // The reopening before this closure: problems recurred, an older assessment no longer speaks.
  const Reopening* re = r.reopenings.empty() ? nullptr : &r.reopenings.back();
  if (re && re->date && a->date && *a->date < *re->date) {
    out.add(rule, field,
            txf("reason no-further-action but the latest assessment ({}) predates the "
                "reopening of {}",
                a->n, re->date->iso()),
            fix);
    return;
  }
  for (const auto& p : r.plans)
    if (p.assessment >= a->n) {
      out.add(rule, field,
              txf("reason no-further-action is for intake or assessed cases, but plan {} "
                  "answers assessment {}",
                  p.n, a->n),
              tx(kOtherReason));
      return;
    }
  if (a->safety != "safe" || a->risk != "low")
    out.add(rule, field,
            txf("reason no-further-action needs safety safe and risk low, but assessment "
                "{} found safety {} and risk {}",
                a->n, a->safety.empty() ? tx("not decided") : a->safety.c_str(),
                a->risk.empty() ? tx("not given") : a->risk.c_str()),
            tx(kOtherReason));
}

// Approval: while the current risk is one of policy.approvals.closure, the closure is made by a
// supervisor or names an approval given since the latest assessment or review.
void check_approval_needed(Out& out, const Record& r, const Closure& c, const std::string& base,
                           const RuleContext& ctx) {
  const std::string risk = current_risk(r);
  if (!ctx.config.policy.needs_approval("closure", risk)) return;
  const Worker* by = ctx.config.worker(c.by);
  if (by && by->supervisor()) return;
  if (!c.approval) {
    out.add("close.approval-required", base + ".approval",
            txf("closing a case at risk {} needs a supervisor's approval", risk),
            tx("a supervisor approves it first (casectl approve ID closure), or closes it themselves"));
    return;
  }
  const Approval* a = find_n(r.approvals, *c.approval);
  OptDate since = latest_finding_date(r);
  if (a && a->date && since && *a->date < *since)
    out.add("close.approval-stale", base + ".approval",
            txf("approval {} was given on {}, before the latest assessment or review ({})",
                a->n, a->date->iso(), since->iso()),
            tx("a supervisor approves the case as it stands now (casectl approve ID closure)"));
}

// Outcomes, if given, name goals of the plan the closure closed, each once.
void check_outcomes(Out& out, const Record& r, const Closure& c, const std::string& base) {
  const Plan* p = c.plan ? find_n(r.plans, *c.plan) : nullptr;
  const auto& outcomes = c.outcomes;
  for (std::size_t j = 0; j < outcomes.size(); ++j) {
    const std::string path = fmt::format("{}.outcomes[{}].goal", base, j);
    const std::string& goal = outcomes[j].goal;
    if (!p || index_of(p->goals, goal, [](const Goal& g) { return g.id; }) == npos)
      out.add("close.outcome-goal-unknown", path,
              p ? txf("outcome for goal {}, which plan {} (the plan in force) does not "
                      "have",
                      show(goal), p->n)
                : txf("outcome for goal {} but the case has no plan", show(goal)),
              p ? txf("name a goal of plan {}", p->n) : std::string(tx("remove the outcome")));
    else if (index_of(outcomes, goal, [](const Outcome& o) { return o.goal; }) < j)
      out.add("close.outcome-goal-duplicate", path,
              txf("two outcomes for goal {}", show(goal)), tx("give one outcome per goal"));
  }
}

// The plan a closure names exists; the closure in force names the plan in force.
void check_plan_named(Out& out, const Record& r, const Closure& c, const std::string& base, bool in_force) {
  if (c.plan && !find_n(r.plans, *c.plan))
    out.add("close.plan-unknown", base + ".plan",
            txf("closure {} names plan {}, which the record does not have", c.n, *c.plan),
            tx("name the plan in force when the case closed"));
  const Plan* p = plan_in_force(r);
  if (in_force && p && c.plan != p->n)
    out.add("close.plan-not-in-force", base + ".plan",
            txf("closure {} must name plan {}, the plan in force", c.n, p->n),
            txf("set plan: {}", p->n));
}

}  // namespace

std::vector<Problem> check_closures(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  const Closure* in_force = closure_in_force(r);
  check_sequence(out, r.closures, "closures", N_("closure"));
  for (std::size_t i = 0; i < r.closures.size(); ++i) {
    const Closure& c = r.closures[i];
    const std::string base = at("closures", i);
    check_worker(out, ctx, c.by, base + ".by", tx("closure by"));
    if (c.reason.empty())
      out.add("close.reason-required", base + ".reason", txf("closure {} gives no reason", c.n),
              txf("set reason: {}", enums::closure_reason.allowed()));
    if (c.evaluation.empty())
      out.add("close.evaluation-required", base + ".evaluation", txf("closure {} has no evaluation", c.n),
              tx("say what worked and what did not, for later cases"));
    check_plan_named(out, r, c, base, &c == in_force);
    check_named_approval(out, r.closures, i, base,
                         {"closure", "close.approval-unknown", "close.approval-used", N_("closure {}"), N_("closure")});
    // A closure followed by a reopening was checked when it was made; the case has moved on.
    if (&c != in_force) continue;
    for (const auto& k : r.custody)  // 一時保護 ends before the case closes
      if (!k.ended)
        out.add("close.custody-open", base, txf("closure {} while custody {} is open", c.n, k.n),
                txf("end custody {} first (casectl custody ID end)", k.n));
    if (c.reason == "goals-achieved") check_goals_achieved(out, r, base + ".reason");
    if (c.reason == "no-further-action") check_no_further_action(out, r, base + ".reason");
    check_approval_needed(out, r, c, base, ctx);
    check_outcomes(out, r, c, base);
  }
  return list;
}

std::vector<Problem> check_approvals(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  check_sequence(out, r.approvals, "approvals", N_("approval"));
  for (std::size_t i = 0; i < r.approvals.size(); ++i) {
    const Approval& a = r.approvals[i];
    const std::string base = at("approvals", i);
    if (a.kind.empty())
      out.add("approve.kind-required", base + ".kind", txf("approval {} names no kind", a.n),
              txf("set kind: {}", enums::approval_kind.allowed()));
    const Worker* w = ctx.config.worker(a.by);
    if (!w)
      check_worker(out, ctx, a.by, base + ".by", tx("approval by"));
    else if (!w->supervisor())
      out.add("approve.not-supervisor", base + ".by",
              txf("approval {} was given by {}, whose role is {}, not supervisor", a.n, show(a.by),
                  show(w->role)),
              tx("only a supervisor approves, as themselves (casectl approve)"));
  }
  return list;
}

}  // namespace casectl
