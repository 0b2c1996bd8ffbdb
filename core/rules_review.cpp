// Review rules (SPEC section 4): the review answers the plan in force, gives a progress status
// for every goal and a delivery status for every service, decides, and sets the next review
// soon enough for the risk it finds.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// The review must review the plan in force when it was made.
void check_in_force(Out& out, const Record& r, std::size_t index, const RuleContext& ctx) {
  const Review& rv = r.reviews[index];
  const std::string field = at("reviews", index) + ".plan";
  const Plan* last = plan_in_force(r);
  if (index > 0 && rv.plan < r.reviews[index - 1].plan) {
    out.add("review.plan-not-in-force", field,
            txf("review {} reviews plan {}, older than the plan review {} reviews ({})",
                rv.n, rv.plan, r.reviews[index - 1].n, r.reviews[index - 1].plan),
            txf("set plan: {} or later", r.reviews[index - 1].plan));
    return;
  }
  // A review being recorded now reviews the latest plan.
  if (ctx.command == Command::review && index + 1 == r.reviews.size() && last && rv.plan != last->n) {
    out.add("review.plan-not-in-force", field,
            txf("review {} reviews plan {} but the plan in force is {}", rv.n, rv.plan,
                last->n),
            txf("set plan: {}", last->n));
    return;
  }
  // As it stands, a later plan is allowed only if dated after the review (a revision the review
  // asked for); one dated before it was in force. Same day: allowed.
  const Plan* missed = nullptr;
  for (const auto& p : r.plans)
    if (p.n > rv.plan && p.date && rv.date && *p.date < *rv.date) missed = &p;
  if (missed)
    out.add("review.plan-not-in-force", field,
            txf("review {} of {} reviews plan {} but plan {} of {} was in force", rv.n,
                rv.date->iso(), rv.plan, missed->n, missed->date->iso()),
            txf("set plan: {}", missed->n));
}

// A status for every goal of the plan, each goal once, none unknown.
void check_progress(Out& out, const Review& rv, const Plan* p, const std::string& base) {
  for (std::size_t j = 0; j < rv.progress.size(); ++j) {
    const GoalProgress& g = rv.progress[j];
    const std::string path = fmt::format("{}.progress[{}]", base, j);
    if (p && index_of(p->goals, g.goal, [](const Goal& x) { return x.id; }) == npos)
      out.add("review.goal-unknown", path + ".goal",
              txf("review {} gives progress for goal {}, which plan {} does not have",
                  rv.n, show(g.goal), p->n),
              txf("name a goal of plan {}", p->n));
    else if (index_of(rv.progress, g.goal, [](const GoalProgress& x) { return x.goal; }) < j)
      out.add("review.goal-duplicate", path + ".goal",
              txf("review {} gives progress for goal {} twice", rv.n, show(g.goal)),
              tx("give one progress entry per goal"));
    if (g.status.empty())
      out.add("review.progress-status-required", path + ".status",
              txf("progress entry {} of review {} has no status", j + 1, rv.n),
              txf("set status: {}", enums::progress.allowed()));
  }
  if (!p) return;
  for (const auto& goal : p->goals)
    if (!goal.id.empty() &&
        index_of(rv.progress, goal.id, [](const GoalProgress& x) { return x.goal; }) == npos)
      out.add("review.goal-progress-missing", base + ".progress",
              txf("review {} gives no progress status for goal {} of plan {}", rv.n,
                  show(goal.id), p->n),
              txf("add {{goal: {}, status: {}}}", show(goal.id),
                  enums::progress.allowed()));
}

// A delivery status for every service of the plan, each service once, none unknown.
void check_delivery(Out& out, const Review& rv, const Plan* p, const std::string& base) {
  for (std::size_t j = 0; j < rv.services.size(); ++j) {
    const ServiceDelivery& s = rv.services[j];
    const std::string path = fmt::format("{}.services[{}]", base, j);
    if (p && index_of(p->services, s.service, [](const Service& x) { return x.id; }) == npos)
      out.add("review.service-unknown", path + ".service",
              txf("review {} reports on service {}, which plan {} does not have", rv.n,
                  show(s.service), p->n),
              txf("name a service of plan {}", p->n));
    else if (index_of(rv.services, s.service,
                      [](const ServiceDelivery& x) { return x.service; }) < j)
      out.add("review.service-duplicate", path + ".service",
              txf("review {} reports on service {} twice", rv.n, show(s.service)),
              tx("give one delivery entry per service"));
    if (s.delivered.empty())
      out.add("review.delivered-required", path + ".delivered",
              txf("delivery entry {} of review {} does not say whether it was delivered",
                  j + 1, rv.n),
              txf("set delivered: {}", enums::delivered.allowed()));
  }
  if (!p) return;
  for (const auto& service : p->services)
    if (!service.id.empty() &&
        index_of(rv.services, service.id,
                 [](const ServiceDelivery& x) { return x.service; }) == npos)
      out.add("review.service-delivery-missing", base + ".services",
              txf("review {} gives no delivery status for service {} of plan {}", rv.n,
                  show(service.id), p->n),
              txf("add {{service: {}, delivered: {}}}", show(service.id),
                  enums::delivered.allowed()));
}

// A decision waits to be answered: after revise-plan the next review reviews a later plan; after
// reassess, a plan answering a later assessment.
void check_decision_answered(Out& out, const Record& r, std::size_t index, const std::string& base) {
  if (index == 0) return;
  const Review& prev = r.reviews[index - 1];
  const Review& rv = r.reviews[index];
  if (prev.decision == "revise-plan" && rv.plan <= prev.plan)
    out.add("review.revision-outstanding", base + ".plan",
            txf("review {} decided revise-plan, and no revised plan came before review {}", prev.n, rv.n),
            tx("record the revised plan first (casectl plan)"));
  const Plan* before = find_n(r.plans, prev.plan);
  const Plan* now = find_n(r.plans, rv.plan);
  if (prev.decision == "reassess" && before && now && now->assessment <= before->assessment)
    out.add("review.reassessment-outstanding", base + ".plan",
            txf("review {} decided reassess, and no new assessment and plan came before review {}", prev.n,
                rv.n),
            tx("record the re-assessment (casectl assess) and a plan answering it (casectl plan) first"));
}

}  // namespace

std::vector<Problem> check_review(const Record& r, std::size_t index, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  if (index >= r.reviews.size()) return list;
  const Review& rv = r.reviews[index];
  const std::string base = at("reviews", index);
  if (rv.n != static_cast<int>(index) + 1)
    out.add("record.n-sequence", base + ".n",
            txf("review number {} where {} was expected", rv.n, index + 1),
            txf("set n: {} (reviews count 1, 2, ... in order)", index + 1));
  check_worker(out, ctx, rv.by, base + ".by", txf("review {} by", rv.n).c_str());

  const Plan* p = find_n(r.plans, rv.plan);
  if (!p)
    out.add("review.plan-unknown", base + ".plan",
            txf("review {} reviews plan {}, which the record does not have", rv.n, rv.plan),
            r.plans.empty() ? std::string(tx("record a plan first (casectl plan)"))
                            : txf("set plan: {}", r.plans.back().n));
  else
    check_in_force(out, r, index, ctx);
  check_decision_answered(out, r, index, base);
  check_progress(out, rv, p, base);
  check_delivery(out, rv, p, base);

  if (rv.safety.empty())
    out.add("review.safety-required", base + ".safety",
            txf("review {} does not decide the child's safety", rv.n),
            txf("set safety: {}", enums::safety.allowed()));
  if (rv.risk.empty())
    out.add("review.risk-required", base + ".risk",
            txf("review {} gives no risk level", rv.n),
            txf("set risk: {}", enums::risk.allowed()));
  if (rv.decision.empty())
    out.add("review.decision-required", base + ".decision",
            txf("review {} records no decision", rv.n),
            txf("set decision: {}", enums::decision.allowed()));
  // A review deciding to close needs no next review; every other decision does, revise-plan
  // and reassess included (the case stays active until the new plan or assessment).
  if (rv.decision != "close") {
    if (!rv.next_review) {
      out.add("review.next-review-required", base + ".next_review",
              txf("review {} sets no next review", rv.n), tx("set next_review: YYYY-MM-DD"));
    } else if (rv.date) {
      int days = review_days(ctx, rv.risk);
      if (days >= 0 && *rv.next_review > rv.date->add_days(days))
        out.add("review.next-review-too-late", base + ".next_review",
                txf("next review {} is more than {} days after review {} ({}) for risk {}",
                    rv.next_review->iso(), days, rv.n, rv.date->iso(), rv.risk),
                txf("set next_review on or before {}", rv.date->add_days(days).iso()));
    }
  }
  return list;
}

}  // namespace casectl
