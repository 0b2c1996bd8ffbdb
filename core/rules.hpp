// Every rule of SPEC section 4 (stages, status table, dates) and the record-level rules, as pure
// functions returning ALL the problems they find. This is the one copy of the rules: the stage
// commands call check_change() before writing, `casectl validate` and `casectl edit` call
// check_record() on records as they stand.
//
// Problem.field is the record path of the field at fault, as the record is after the change
// (e.g. "plans[1].goals[0].due"). When something is missing from a list (a need named by no
// goal, a goal with no service, a goal with no progress status) the path is the list where the
// fix goes ("plans[1].goals", "plans[1].services", "reviews[0].progress"); the message names the
// id. Messages name ids, values and dates only, never free text or names.
//
// Rule names are stable (scripts and tests use them); each is listed with what it asks in
// core/rule_catalog.cpp.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/record.hpp"
#include "core/status.hpp"

namespace casectl {

// What the rules need besides the record.
struct RuleContext {
  const Config& config;
  Date today;
  // The command whose change is being checked, or nullopt for a record as it stands
  // (validate). With plan the last plan must answer the latest assessment, with review the last
  // review must review the latest plan: a new element always answers the latest one.
  // check_change() sets it.
  std::optional<Command> command;
  // The worker making the change (stage commands), nullptr for a record as it stands: a closed
  // case may be edited only by a supervisor.
  const Worker* actor = nullptr;
  // Now, to the minute, for times such as referral.received (nullopt: compare dates only).
  std::optional<DateTime> now;
};

// ---- Entry points ----

// Every rule below over the whole record as it stands (validate, edit): header, intake, each
// assessment, plan and review, closure, reopenings, notes, consents, dates.
std::vector<Problem> check_record(const Record& r, const RuleContext& ctx);

// What a changing command calls before writing: the status table for `command` on `before`
// (nullptr for `new`), then every problem of check_record(after) that check_record(before) did
// not already have (a hand-edit problem or a worker since removed from casectl.yaml does not
// block unrelated work; `validate` still reports it). ctx.command is taken from `command`.
// Problems of the status table come first; all are returned, the command refuses if any.
std::vector<Problem> check_change(const Record* before, const Record& after, Command command,
                                  const RuleContext& ctx);

// ---- Status table (SPEC section 4) ----

// Problems (rule status.transition, field "status") if `command` is not allowed on a case whose
// status is `status` (nullopt: no case yet). Names the status and what must happen first.
// note, consent and edit are allowed in every status, closed included.
std::vector<Problem> check_transition(const std::string& case_id, std::optional<Status> status,
                                      Command command);
// Same, with the record before the change (nullptr for `new`); a record without a valid status
// is refused for every command, naming the status field.
std::vector<Problem> check_transition(const Record* before, Command command);
// The status after `command` on a case of status `status`: new -> intake, assess -> assessed,
// plan/review -> active, close -> closed, reopen -> intake, others leave it unchanged.
// Error(internal) for a command that keeps the status of a case that has none.
Status status_after(std::optional<Status> status, Command command);

// ---- Stage rules: each checks one element as it stands in r ----

// Record-level: schema, id form, status consistent with content, `worker` and every `by` known,
// n fields sequential, intake fields (source, urgency, at least one concern).
std::vector<Problem> check_header(const Record& r, const RuleContext& ctx);
std::vector<Problem> check_assessment(const Record& r, std::size_t index, const RuleContext& ctx);
std::vector<Problem> check_plan(const Record& r, std::size_t index, const RuleContext& ctx);
std::vector<Problem> check_review(const Record& r, std::size_t index, const RuleContext& ctx);
// Every closure (reason, evaluation, the plan and approval it names, each approval used once).
// Rules that depend on the case as it stands (goals achieved, no further action, approval at a
// risk of policy.approvals.closure, outcomes) apply only to the closure in force.
std::vector<Problem> check_closures(const Record& r, const RuleContext& ctx);
// Approvals: a kind, a date, by a supervisor.
std::vector<Problem> check_approvals(const Record& r, const RuleContext& ctx);
// Reopenings, notes and consents (reason, text, party/scope/given_by).
std::vector<Problem> check_log(const Record& r, const RuleContext& ctx);
// Required dates, no event after today, each event on or after the one it follows.
std::vector<Problem> check_dates(const Record& r, const RuleContext& ctx);

// ---- Helpers the rest of the code needs, defined once here ----

// The latest plan (nullptr if none).
const Plan* plan_in_force(const Record& r);
// The latest assessment (nullptr if none).
const Assessment* latest_assessment(const Record& r);
// The latest review (nullptr if none).
const Review* latest_review(const Record& r);
// The current risk: the latest review's risk if that review came after the latest assessment
// (it reviews a plan answering it), else the latest assessment's; "" when neither exists.
std::string current_risk(const Record& r);
// The current safety, chosen the same way as current_risk.
std::string current_safety(const Record& r);
// The risk known on plan plans[index]'s date: the latest review of an earlier plan answering the
// same assessment, else that assessment's risk ("" if it does not resolve). Bounds its
// next_review.
std::string risk_for_plan(const Record& r, std::size_t index);
// The closure in force: the last closure when no reopening follows it (closures and reopenings
// alternate: closure 1, reopening 1, closure 2, ...), else nullptr.
const Closure* closure_in_force(const Record& r);
// The date of the latest assessment, review or reopening: a supervisor's approval counts only
// when given on or after it (it approves the case as it stands).
OptDate latest_finding_date(const Record& r);
// The approval of kind ("closure", "plan") a change made now may use: given on or after the
// latest finding and not used by an earlier closure or plan; nullptr when there is none.
const Approval* usable_approval(const Record& r, const std::string& kind);

// What the case waits for, from the record alone.
enum class Outstanding {
  none,        // closed
  assessment,  // intake, or active after a review decided `reassess` with no later assessment
  plan,        // assessed, or active after a review decided `revise-plan` with no later plan
  review,      // active: the next review of the plan in force
  closure,     // active after a review decided `close`, not closed yet
};
Outstanding outstanding(const Record& r);
// What a review's decision left outstanding and nothing has answered yet: assessment after
// reassess, plan after revise-plan, closure after close; none otherwise (routine reviews, intake).
Outstanding outstanding_decision(const Record& r);
// "none", "assessment", "plan", "review", "closure".
const char* outstanding_name(Outstanding o);

}  // namespace casectl
