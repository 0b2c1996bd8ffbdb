// Plan rules (SPEC section 4): the plan answers the latest assessment, every need has a goal,
// every goal a measure, a date and a service, every reference resolves, the person's own views
// are recorded, and the next review comes soon enough for the risk.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// "the child's views" under 18 on the plan date, "the client's wishes" otherwise (SPEC).
std::string views_name(const Record& r, const Plan& p) {
  if (!r.client.birth_date || !p.date) return tx("the client's views");
  return age_on(*r.client.birth_date, *p.date) < 18 ? tx("the child's views") : tx("the client's wishes");
}

// The plan must answer the latest assessment made before it.
void check_answers_latest(Out& out, const Record& r, std::size_t index, const RuleContext& ctx) {
  const Plan& p = r.plans[index];
  const std::string field = at("plans", index) + ".assessment";
  const Assessment* latest = latest_assessment(r);
  bool last = index + 1 == r.plans.size();
  if (index > 0 && p.assessment < r.plans[index - 1].assessment) {
    out.add("plan.assessment-not-latest", field,
            txf("plan {} answers assessment {}, older than the one plan {} answers ({})",
                p.n, p.assessment, r.plans[index - 1].n, r.plans[index - 1].assessment),
            txf("set assessment: {} or later", r.plans[index - 1].assessment));
    return;
  }
  // The last plan of an active case (and a plan being recorded now) is the answer to the latest
  // assessment: a later assessment would have made the case `assessed`.
  if (last && latest && p.assessment < latest->n &&
      (status_of(r) == Status::active || ctx.command == Command::plan)) {
    out.add("plan.assessment-not-latest", field,
            txf("plan {} answers assessment {} but the latest assessment is {}", p.n,
                p.assessment, latest->n),
            txf("set assessment: {}", latest->n));
    return;
  }
  // Otherwise a later assessment is allowed only if it is dated after the plan (a re-assessment
  // awaiting a revised plan); one dated before it should have been answered. Same day: allowed.
  const Assessment* missed = nullptr;
  for (const auto& a : r.assessments)
    if (a.n > p.assessment && a.date && p.date && *a.date < *p.date) missed = &a;
  if (missed)
    out.add("plan.assessment-not-latest", field,
            txf("plan {} of {} answers assessment {} but assessment {} of {} came "
                "before it",
                p.n, p.date->iso(), p.assessment, missed->n, missed->date->iso()),
            txf("set assessment: {}", missed->n));
}

// Goals: each complete, each resolving to needs of the assessment, each served.
void check_goals(Out& out, const Plan& p, const Assessment* a, const std::string& base) {
  auto goal_id = [](const Goal& g) { return g.id; };
  for (std::size_t j = 0; j < p.goals.size(); ++j) {
    const Goal& g = p.goals[j];
    const std::string path = fmt::format("{}.goals[{}]", base, j);
    const std::string name =
        g.id.empty() ? txf("goal {}", j + 1) : txf("goal {}", show(g.id));
    if (g.id.empty())
      out.add("plan.goal-id-required", path + ".id",
              txf("goal {} of plan {} has no id", j + 1, p.n),
              tx("give each goal an id (G1, G2, ...) so services and reviews can name it"));
    else if (index_of(p.goals, g.id, goal_id) < j)
      out.add("plan.goal-id-duplicate", path + ".id",
              txf("goal id {} is used twice in plan {}", show(g.id), p.n),
              tx("give each goal its own id"));
    if (g.text.empty())
      out.add("plan.goal-text-required", path + ".text",
              txf("{} of plan {} has no text", name, p.n), tx("say what the goal is"));
    if (g.measure.empty())
      out.add("plan.goal-measure-required", path + ".measure",
              txf("{} of plan {} has no measure", name, p.n),
              tx("say how achievement will be recognised"));
    if (!g.due)
      out.add("plan.goal-due-required", path + ".due",
              txf("{} of plan {} has no due date", name, p.n),
              tx("set due: YYYY-MM-DD, when the goal should be reached"));
    if (a && !a->needs.empty() && g.needs.empty())
      out.add("plan.goal-needs-required", path + ".needs",
              txf("{} of plan {} names no need", name, p.n),
              txf("name the needs of assessment {} it answers", a->n));
    for (std::size_t k = 0; k < g.needs.size(); ++k)
      if (a && index_of(a->needs, g.needs[k], [](const Need& x) { return x.id; }) == npos)
        out.add("plan.goal-need-unknown", fmt::format("{}.needs[{}]", path, k),
                txf("{} names need {}, which assessment {} does not have", name,
                    show(g.needs[k]), a->n),
                txf("name a need of assessment {}", a->n));
    bool served = false;
    for (const auto& s : p.services)
      if (contains(s.goals, g.id)) served = true;
    if (!g.id.empty() && !served)
      out.add("plan.goal-without-service", base + ".services",
              txf("no service of plan {} names goal {}", p.n, show(g.id)),
              txf("add a service whose goals include {}", show(g.id)));
  }
}

// Services: each identified, typed, and serving goals of this plan.
void check_services(Out& out, const Plan& p, const std::string& base) {
  auto service_id = [](const Service& s) { return s.id; };
  for (std::size_t j = 0; j < p.services.size(); ++j) {
    const Service& s = p.services[j];
    const std::string path = fmt::format("{}.services[{}]", base, j);
    const std::string name =
        s.id.empty() ? txf("service {}", j + 1) : txf("service {}", show(s.id));
    if (s.id.empty())
      out.add("plan.service-id-required", path + ".id",
              txf("service {} of plan {} has no id", j + 1, p.n),
              tx("give each service an id (S1, S2, ...) so reviews can name it"));
    else if (index_of(p.services, s.id, service_id) < j)
      out.add("plan.service-id-duplicate", path + ".id",
              txf("service id {} is used twice in plan {}", show(s.id), p.n),
              tx("give each service its own id"));
    // The services report counts services by type; an untyped service cannot be counted.
    if (s.type.empty())
      out.add("plan.service-type-required", path + ".type",
              txf("{} of plan {} has no type", name, p.n),
              txf("set type: {}", enums::service_type.allowed()));
    // A service is there for a goal; one serving none cannot be reviewed against anything.
    if (s.goals.empty())
      out.add("plan.service-goals-required", path + ".goals",
              txf("{} of plan {} names no goal", name, p.n),
              tx("name the goals of this plan the service works towards"));
    for (std::size_t k = 0; k < s.goals.size(); ++k)
      if (index_of(p.goals, s.goals[k], [](const Goal& g) { return g.id; }) == npos)
        out.add("plan.service-goal-unknown", fmt::format("{}.goals[{}]", path, k),
                txf("{} names goal {}, which plan {} does not have", name,
                    show(s.goals[k]), p.n),
                tx("name a goal of this plan"));
  }
}

// Approval: the approval a plan names exists and is for a plan; while the risk on its date is
// one of policy.approvals.plan, the plan in force is made by a supervisor or names one given
// since the latest assessment or review.
void check_plan_approval(Out& out, const Record& r, std::size_t index, const RuleContext& ctx,
                         const std::string& base) {
  const Plan& p = r.plans[index];
  if (p.approval) {
    const Approval* a =
        check_named_approval(out, r.plans, index, base, {"plan", "plan.approval-unknown", "plan.approval-used", N_("plan {}"), N_("plan")});
    const Assessment* answered = find_n(r.assessments, p.assessment);
    if (a && a->kind == "plan" && a->date && answered && answered->date && *a->date < *answered->date)
      out.add("plan.approval-stale", base + ".approval",
              txf("approval {} was given on {}, before assessment {} ({}) that plan {} answers", a->n,
                  a->date->iso(), answered->n, answered->date->iso(), p.n),
              tx("a supervisor approves the plan as it stands now (casectl approve ID plan)"));
    return;
  }
  if (index + 1 != r.plans.size()) return;  // earlier plans were checked when they were made
  const std::string risk = risk_for_plan(r, index);
  const Worker* by = ctx.config.worker(p.by);
  if (ctx.config.policy.needs_approval("plan", risk) && !(by && by->supervisor()))
    out.add("plan.approval-required", base + ".approval",
            txf("a plan at risk {} needs a supervisor's approval", risk),
            tx("a supervisor approves it first (casectl approve ID plan), or records the plan themselves"));
}

}  // namespace

std::vector<Problem> check_plan(const Record& r, std::size_t index, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  if (index >= r.plans.size()) return list;
  const Plan& p = r.plans[index];
  const std::string base = at("plans", index);
  if (p.n != static_cast<int>(index) + 1)
    out.add("record.n-sequence", base + ".n",
            txf("plan number {} where {} was expected", p.n, index + 1),
            txf("set n: {} (plans count 1, 2, ... in order)", index + 1));
  check_worker(out, ctx, p.by, base + ".by", txf("plan {} by", p.n).c_str());

  const Assessment* a = find_n(r.assessments, p.assessment);
  if (!a)
    out.add("plan.assessment-unknown", base + ".assessment",
            txf("plan {} answers assessment {}, which the record does not have", p.n,
                p.assessment),
            r.assessments.empty()
                ? std::string(tx("record an assessment first (casectl assess)"))
                : txf("set assessment: {}", r.assessments.back().n));
  else
    check_answers_latest(out, r, index, ctx);

  if (p.goals.empty()) {
    std::string ids;
    if (a)
      for (const auto& need : a->needs) ids += (ids.empty() ? "" : ", ") + show(need.id);
    out.add("plan.goals-required", base + ".goals", txf("plan {} has no goal", p.n),
            ids.empty() ? std::string(tx("add the goals of the plan"))
                        : txf("add goals answering needs {}", ids));
  } else if (a) {
    for (const auto& need : a->needs) {
      bool named = false;
      for (const auto& g : p.goals)
        if (contains(g.needs, need.id)) named = true;
      if (!need.id.empty() && !named)
        out.add("plan.need-without-goal", base + ".goals",
                txf("need {} of assessment {} is named by no goal of plan {}",
                    show(need.id), a->n, p.n),
                txf("add a goal whose needs include {}", show(need.id)));
    }
  }
  check_goals(out, p, a, base);
  check_services(out, p, base);

  const Participation& part = p.participation;
  if (part.client_views.empty() && part.client_views_absent_reason.empty())
    out.add("plan.client-views-required", base + ".participation.client_views",
            txf("plan {} records neither {} nor why they are absent", p.n,
                views_name(r, p)),
            tx("record participation.client_views, or participation.client_views_absent_reason"));

  check_plan_approval(out, r, index, ctx, base);

  if (!p.next_review) {
    out.add("plan.next-review-required", base + ".next_review",
            txf("plan {} sets no next review", p.n), tx("set next_review: YYYY-MM-DD"));
  } else if (p.date) {
    // The risk known on the plan date: the latest review after the assessment it answers, else
    // that assessment's (a plan revised after a review that lowered the risk may wait longer).
    const std::string risk = risk_for_plan(r, index);
    int days = review_days(ctx, risk);
    if (days >= 0 && *p.next_review > p.date->add_days(days))
      out.add("plan.next-review-too-late", base + ".next_review",
              txf("next review {} is more than {} days after the plan ({}) for risk {}",
                  p.next_review->iso(), days, p.date->iso(), risk),
              txf("set next_review on or before {}", p.date->add_days(days).iso()));
  }
  return list;
}

}  // namespace casectl
