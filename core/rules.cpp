// The entry points of the rules (check_record, check_change) and the helpers others share:
// plan in force, current risk, closure in force, what the case waits for.
#include "core/rules.hpp"

#include <tuple>

#include "core/i18n.hpp"
#include "core/rules_detail.hpp"
#include "core/rules_safety.hpp"
#include "core/rules_people.hpp"
#include "core/rules_share.hpp"

namespace casectl {

using namespace rules_detail;

std::vector<Problem> check_record(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> all;
  auto append = [&all](std::vector<Problem> v) {
    for (auto& p : v) all.push_back(std::move(p));
  };
  append(check_header(r, ctx));
  for (std::size_t i = 0; i < r.assessments.size(); ++i) append(check_assessment(r, i, ctx));
  for (std::size_t i = 0; i < r.plans.size(); ++i) append(check_plan(r, i, ctx));
  for (std::size_t i = 0; i < r.reviews.size(); ++i) append(check_review(r, i, ctx));
  append(check_approvals(r, ctx));
  append(check_closures(r, ctx));
  append(check_log(r, ctx));
  append(check_safety_and_custody(r, ctx));
  append(check_disclosures(r, ctx));  // core/rules_share.cpp
  append(check_dates(r, ctx));
  append(check_people(r, ctx));  // conferences, assignments, links (core/rules_people.cpp)
  return all;
}

std::vector<Problem> check_change(const Record* before, const Record& after, Command command,
                                  const RuleContext& ctx) {
  std::vector<Problem> out = check_transition(before, command);
  // A closed case is an official record: only a supervisor corrects it.
  if (command == Command::edit && before && status_of(*before) == Status::closed &&
      !(ctx.actor && ctx.actor->supervisor()))
    out.push_back(Problem{before->id, "edit.closed-needs-supervisor", "status",
                          tx("a closed case may be edited only by a supervisor"),
                          tx("ask a supervisor to make the correction (casectl edit as them)"), {}});
  RuleContext changed = ctx;
  changed.command = command;
  std::vector<Problem> now = check_record(after, changed);
  std::vector<Problem> old;
  if (before) old = check_record(*before, RuleContext{ctx.config, ctx.today, std::nullopt, nullptr, ctx.now});
  auto key = [](const Problem& p) { return std::tie(p.rule, p.field, p.message); };
  for (auto& p : now) {
    bool known = false;
    for (const auto& o : old)
      if (key(o) == key(p)) known = true;
    if (!known) out.push_back(std::move(p));
  }
  return out;
}

const Plan* plan_in_force(const Record& r) { return r.plans.empty() ? nullptr : &r.plans.back(); }

const Assessment* latest_assessment(const Record& r) {
  return r.assessments.empty() ? nullptr : &r.assessments.back();
}

const Review* latest_review(const Record& r) {
  return r.reviews.empty() ? nullptr : &r.reviews.back();
}

// True when review rv came after assessment a. The record's structure decides: a review is made
// while a plan is in force, and a plan answers the latest assessment, so a review came after a
// exactly when the plan it reviews answers a or a later assessment (a re-assessment makes the
// case `assessed`, and no review is allowed until a plan answers it). Dates decide only when the
// plan does not resolve.
static bool review_after(const Record& r, const Review& rv, const Assessment& a) {
  if (const Plan* p = find_n(r.plans, rv.plan)) return p->assessment >= a.n;
  return rv.date && a.date && *rv.date > *a.date;
}

std::string current_risk(const Record& r) {
  const Assessment* a = latest_assessment(r);
  const Review* rv = latest_review(r);
  if (rv && (!a || review_after(r, *rv, *a))) return rv->risk;
  return a ? a->risk : "";
}

std::string current_safety(const Record& r) {
  const Assessment* a = latest_assessment(r);
  const Review* rv = latest_review(r);
  if (rv && (!a || review_after(r, *rv, *a))) return rv->safety;
  return a ? a->safety : "";
}

std::string risk_for_plan(const Record& r, std::size_t index) {
  if (index >= r.plans.size()) return "";
  const Plan& plan = r.plans[index];
  const Assessment* a = find_n(r.assessments, plan.assessment);
  if (!a) return "";
  // Reviews of earlier plans answering the same assessment came after it and before this plan.
  std::string risk = a->risk;
  for (const auto& rv : r.reviews) {
    const Plan* p = find_n(r.plans, rv.plan);
    if (p && p->n < plan.n && p->assessment == plan.assessment && !rv.risk.empty()) risk = rv.risk;
  }
  return risk;
}

const Closure* closure_in_force(const Record& r) {
  if (r.closures.empty() || r.closures.size() <= r.reopenings.size()) return nullptr;
  return &r.closures.back();
}

OptDate latest_finding_date(const Record& r) {
  OptDate latest;
  auto take = [&](const OptDate& d) {
    if (d && (!latest || *d > *latest)) latest = d;
  };
  if (const Assessment* a = latest_assessment(r)) take(a->date);
  if (const Review* v = latest_review(r)) take(v->date);
  if (!r.reopenings.empty()) take(r.reopenings.back().date);  // problems recurred since
  return latest;
}

const Approval* usable_approval(const Record& r, const std::string& kind) {
  OptDate since = latest_finding_date(r);
  const Approval* found = nullptr;
  for (const auto& a : r.approvals) {
    if (a.kind != kind || (since && a.date && *a.date < *since)) continue;
    bool used = false;
    if (kind == "closure")
      for (const auto& c : r.closures) used = used || c.approval == a.n;
    if (kind == "plan")
      for (const auto& p : r.plans) used = used || p.approval == a.n;
    if (!used) found = &a;
  }
  return found;
}

Outstanding outstanding(const Record& r) {
  std::optional<Status> status = status_of(r);
  if (status == Status::intake) return Outstanding::assessment;
  if (status == Status::assessed) return Outstanding::plan;
  if (status != Status::active) return Outstanding::none;
  Outstanding decided = outstanding_decision(r);
  return decided == Outstanding::none ? Outstanding::review : decided;
}

Outstanding outstanding_decision(const Record& r) {
  if (status_of(r) != Status::active) return Outstanding::none;
  const Review* rv = latest_review(r);
  const Plan* last = plan_in_force(r);
  if (!rv || !last) return Outstanding::none;
  // A decision is answered by any later stage: a plan after the plan it reviewed, or an
  // assessment after the one that plan answered.
  const Plan* reviewed = find_n(r.plans, rv->plan);
  const Assessment* a = latest_assessment(r);
  bool later_plan = last->n > rv->plan;
  bool later_assessment = reviewed && a && a->n > reviewed->assessment;
  if (later_plan || later_assessment) return Outstanding::none;
  if (rv->decision == "reassess") return Outstanding::assessment;
  if (rv->decision == "revise-plan") return Outstanding::plan;
  if (rv->decision == "close") return Outstanding::closure;
  return Outstanding::none;
}

const char* outstanding_name(Outstanding o) {
  switch (o) {
    case Outstanding::none: return "none";
    case Outstanding::assessment: return "assessment";
    case Outstanding::plan: return "plan";
    case Outstanding::review: return "review";
    case Outstanding::closure: return "closure";
  }
  return "none";
}

}  // namespace casectl
