#include "core/rule_catalog.hpp"

namespace casectl {

const std::vector<RuleInfo>& rule_catalog() {
  static const std::vector<RuleInfo> catalog{
      {"record.schema", "schema is 1"},
      {"record.id", "id is of the form PREFIX-YYYY-NNNN, as the case's folder is named"},
      {"record.n-sequence", "numbered sections count 1, 2, 3, ... in order"},
      {"status.inconsistent", "status agrees with what the record holds"},
      {"status.transition", "the command is allowed in the case's status (SPEC section 4)"},
      {"worker.required", "the worker in charge and every `by` name a worker"},
      {"worker.unknown", "every worker named is registered in casectl.yaml"},
      {"worker.not-acting", "a form leaves `by` empty or names the acting worker: what a worker records is theirs"},
      {"worker.retired", "a retired worker cannot act"},
      {"worker.name-invalid", "a worker's name is on one line, without < or >"},
      {"worker.email-invalid", "a worker's email looks like one (name@example.org)"},
      {"worker.supervisor-only", "changing a role, retiring or bringing back a worker is a supervisor's act"},
      {"worker.last-supervisor", "a directory that has an active supervisor keeps at least one"},
      {"intake.source-required", "the referral has a source"},
      {"intake.urgency-required", "the referral has an urgency"},
      {"intake.concern-required", "the referral names at least one concern"},
      {"assessment.safety-required", "safety is required"},
      {"assessment.risk-required", "risk is required"},
      {"assessment.method-required", "at least one method is required"},
      {"assessment.immediate-actions-required", "safety unsafe needs immediate_actions"},
      {"assessment.needs-required", "needs may be empty only when safety is safe and risk is low"},
      {"assessment.need-id-required", "every need has an id"},
      {"assessment.need-id-duplicate", "need ids are unique"},
      {"assessment.need-text-required", "every need has a text"},
      {"assessment.risk-domain-required", "every risk item has a domain"},
      {"assessment.risk-level-required", "every risk item has a level"},
      {"plan.assessment-unknown", "the plan names an assessment the record has"},
      {"plan.assessment-not-latest", "the plan answers the latest assessment"},
      {"plan.goals-required", "the plan has at least one goal"},
      {"plan.need-without-goal", "every need of the assessment is named by at least one goal"},
      {"plan.goal-id-required", "every goal has an id"},
      {"plan.goal-id-duplicate", "goal ids are unique"},
      {"plan.goal-text-required", "every goal has a text"},
      {"plan.goal-measure-required", "every goal has a measure"},
      {"plan.goal-due-required", "every goal has a due date"},
      {"plan.goal-needs-required", "every goal names the needs it answers"},
      {"plan.goal-need-unknown", "every need a goal names is a need of the assessment"},
      {"plan.goal-without-service", "every goal has at least one service naming it"},
      {"plan.service-id-required", "every service has an id"},
      {"plan.service-id-duplicate", "service ids are unique"},
      {"plan.service-type-required", "every service has a type"},
      {"plan.service-goals-required", "every service names the goals it serves"},
      {"plan.service-goal-unknown", "every goal a service names is a goal of the plan"},
      {"plan.client-views-required",
       "participation.client_views is required unless client_views_absent_reason says why"},
      {"plan.approval-required",
       "while the risk is one of policy.approvals.plan, a supervisor makes the plan or approves it first"},
      {"plan.approval-unknown", "the approval a plan names is an approval of a plan in the record"},
      {"plan.approval-used", "each plan uses an approval of its own"},
      {"plan.approval-stale", "the approval a plan uses was given on or after the assessment it answers"},
      {"plan.next-review-required", "next_review is required"},
      {"plan.next-review-too-late", "next_review is at most policy.review_every[risk] days after the plan"},
      {"review.plan-unknown", "the review names a plan the record has"},
      {"review.plan-not-in-force", "the review reviews the plan in force"},
      {"review.revision-outstanding", "after a review decided revise-plan, the next review waits for a new plan"},
      {"review.reassessment-outstanding",
       "after a review decided reassess, the next review waits for a new assessment and plan"},
      {"review.goal-progress-missing", "every goal of the plan has a progress status"},
      {"review.goal-unknown", "every goal named is a goal of the plan"},
      {"review.goal-duplicate", "each goal is rated once"},
      {"review.progress-status-required", "every progress entry has a status"},
      {"review.service-delivery-missing", "every service of the plan has a delivery status"},
      {"review.service-unknown", "every service named is a service of the plan"},
      {"review.service-duplicate", "each service is rated once"},
      {"review.delivered-required", "every delivery entry says whether it was delivered"},
      {"review.decision-required", "decision is required"},
      {"review.safety-required", "safety is required"},
      {"review.risk-required", "risk is required"},
      {"review.next-review-required", "next_review is required unless the decision is close"},
      {"review.next-review-too-late",
       "next_review is at most policy.review_every[risk] days after the review"},
      {"close.reason-required", "reason is required"},
      {"close.evaluation-required", "evaluation is required: what worked, for later cases"},
      {"close.no-plan", "goals-achieved needs a plan in force"},
      {"close.no-review", "goals-achieved needs a review of the plan in force"},
      {"close.goals-not-achieved",
       "goals-achieved needs every goal of the plan in force achieved in the latest review"},
      {"close.no-further-action",
       "no-further-action is for intake or assessed cases assessed safe and low"},
      {"close.approval-required",
       "while the risk is one of policy.approvals.closure, a supervisor closes the case or approves it first"},
      {"close.approval-stale", "the approval used was given on or after the latest assessment or review"},
      {"close.approval-unknown", "the approval a closure names is an approval of a closure in the record"},
      {"close.approval-used", "each closure uses an approval of its own"},
      {"close.plan-unknown", "the plan a closure names is in the record"},
      {"close.plan-not-in-force", "the closure in force names the plan in force"},
      {"close.not-reopened", "a case closes again only after a reopening"},
      {"close.outcome-goal-unknown", "every outcome names a goal of the plan in force"},
      {"close.outcome-goal-duplicate", "each goal has one outcome"},
      {"reopen.reason-required", "reason is required"},
      {"reopen.no-closure", "only a case with a closure can be reopened"},
      {"reopen.closure-unknown", "the closure a reopening names is in the record"},
      {"reopen.closure-mismatch", "reopening N reopens closure N"},
      {"approve.kind-required", "an approval names its kind: closure or plan"},
      {"approve.not-supervisor", "only a supervisor approves, acting as themselves"},
      {"note.text-required", "text is required"},
      {"consent.party-required", "party is required"},
      {"consent.scope-required", "scope is required"},
      {"consent.given-by-required", "given_by is required"},
      {"consent.unknown", "a consent is named by its number as `casectl show` lists it"},
      {"consent.already-withdrawn", "a consent is withdrawn once"},
      {"edit.id-changed", "a case keeps its id for life"},
      {"edit.closed-needs-supervisor", "a closed case is edited only by a supervisor"},
      {"edit.acts-of-others",
       "an edit records no act in another worker's name, and changes approvals only by a supervisor"},
      {"edit.amendments-changed", "an edit records its amendment and rewrites none of the earlier ones"},
      {"dates.required", "every event has its date"},
      {"dates.future", "no event is dated after today (no report received after now)"},
      {"dates.birth-date", "the birth date is neither after today nor before 1900"},
      {"dates.order",
       "each event comes on or after the one it follows (referral <= opened <= assessment <= "
       "plan <= review <= closure)"},
  };
  return catalog;
}

const RuleInfo* find_rule(std::string_view name) {
  for (const auto& r : rule_catalog())
    if (name == r.name) return &r;
  return nullptr;
}

std::vector<const RuleInfo*> rules_of(std::string_view area) {
  std::vector<const RuleInfo*> out;
  for (const auto& r : rule_catalog()) {
    std::string_view n = r.name;
    if (n.size() > area.size() && n.substr(0, area.size()) == area && n[area.size()] == '.')
      out.push_back(&r);
  }
  return out;
}

}  // namespace casectl
