// The status table of SPEC section 4 and the record-level rules: schema, id, status consistent
// with the content, case worker, intake fields.
#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// One row of the status table: the statuses a command is allowed in and the status after it.
struct Transition {
  bool needs_case = true;        // false only for `new`, which needs there to be no case
  std::vector<Status> allowed;   // empty: any status
  std::optional<Status> after;   // nullopt: unchanged
};

// The status table of SPEC section 4, one row per command. The switch has no default, so a
// command added to the enum without a row here does not compile (-Werror=switch).
Transition transition(Command c) {
  using S = Status;
  switch (c) {
    case Command::new_case: return {false, {}, S::intake};
    case Command::assess: return {true, {S::intake, S::active}, S::assessed};
    case Command::plan: return {true, {S::assessed, S::active}, S::active};
    case Command::review: return {true, {S::active}, S::active};
    case Command::close: return {true, {S::intake, S::assessed, S::active}, S::closed};
    case Command::reopen: return {true, {S::closed}, S::intake};
    case Command::approve: return {true, {S::intake, S::assessed, S::active}, std::nullopt};
    case Command::consent:
    case Command::confirm:
    case Command::custody:
    case Command::conference:
    case Command::assign: return {true, {S::intake, S::assessed, S::active}, std::nullopt};
    // A note records what happened, a withdrawal is the family's right at any time, an
    // amendment corrects the record, what was shared stays a fact, and a relation between
    // cases holds after one closes: none needs the case open.
    case Command::note:
    case Command::withdraw_consent:
    case Command::share:
    case Command::link:
    case Command::edit: return {true, {}, std::nullopt};
  }
  fail(ErrorKind::internal, "rules: a command without a row in the status table");
}

// What must happen first for command c on a case of status s (nullopt: no case yet).
std::string first_step(std::optional<Status> s, Command c) {
  if (!s) return tx("open the case first (casectl new)");
  if (c == Command::new_case) return tx("use the existing case, or let casectl choose a new ID");
  if (*s == Status::closed) {
    if (c == Command::close) return tx("nothing to close; reopen it first if problems recur");
    return tx("reopen it first (casectl reopen)");
  }
  if (c == Command::reopen)
    return tx("only a closed case can be reopened; for new problems on an open case record an "
              "assessment (casectl assess)");
  if (*s == Status::intake) return tx("record an assessment first (casectl assess)");
  if (*s == Status::assessed)
    return tx("record a plan answering the latest assessment first (casectl plan)");
  return tx("check the status field (casectl validate)");
}

}  // namespace

std::vector<Problem> check_transition(const std::string& case_id, std::optional<Status> status,
                                      Command command) {
  Transition t = transition(command);
  bool ok = !t.needs_case ? !status
                          : status && (t.allowed.empty() ||
                                       std::find(t.allowed.begin(), t.allowed.end(), *status) !=
                                           t.allowed.end());
  if (ok) return {};
  std::string message =
      !status ? txf("`{}` needs an existing case", name(command))
              : txf("`{}` is not allowed while the case is {}", name(command), name(*status));
  return {Problem{case_id, "status.transition", "status", message, first_step(status, command),
                  {}}};
}

std::vector<Problem> check_transition(const Record* before, Command command) {
  if (!before) return check_transition("", std::nullopt, command);
  if (auto s = status_of(*before)) return check_transition(before->id, s, command);
  return {Problem{before->id, "status.transition", "status",
                  txf("`{}` needs a valid status, and the record has none", name(command)),
                  tx("set status: intake, assessed, active or closed as the record shows"), {}}};
}

Status status_after(std::optional<Status> status, Command command) {
  Transition t = transition(command);
  if (t.after) return *t.after;
  if (status) return *status;
  fail(ErrorKind::internal, fmt::format("rules: `{}` on a case without a status", name(command)));
}

// The status must agree with what the record holds (a hand edit can break it).
static void check_status(Out& out, const Record& r) {
  const char* fix_closed = tx("set status as the record shows, or correct the closure/reopenings");
  bool in_force = closure_in_force(r) != nullptr;
  std::optional<Status> status = status_of(r);
  if (!status) {
    out.add("status.inconsistent", "status", tx("the record has no status"),
            tx("set status: intake, assessed, active or closed as the record shows"));
    return;
  }
  if (*status == Status::closed && !in_force) {
    out.add("status.inconsistent", "status",
            !r.closures.empty() ? tx("status is closed but the case was reopened after its closure")
                      : tx("status is closed but the record has no closure"),
            fix_closed);
    return;
  }
  if (*status != Status::closed && in_force) {
    out.add("status.inconsistent", "status",
            txf("status is {} but the record has a closure not followed by a reopening",
                r.status),
            fix_closed);
    return;
  }
  const Assessment* a = latest_assessment(r);
  const Plan* p = plan_in_force(r);
  if (*status == Status::assessed) {
    if (!a)
      out.add("status.inconsistent", "status",
              tx("status is assessed but the record has no assessment"),
              tx("record an assessment, or set status: intake"));
    else if (p && p->assessment >= a->n)
      out.add("status.inconsistent", "status",
              txf("status is assessed but plan {} answers the latest assessment ({})",
                  p->n, a->n),
              tx("set status: active"));
  } else if (*status == Status::active) {
    if (!p)
      out.add("status.inconsistent", "status", tx("status is active but the record has no plan"),
              a ? tx("record a plan (casectl plan), or set status: assessed")
                : tx("set status: intake"));
  } else if (*status == Status::intake && a) {
    // After a reopening the case is intake again: only an assessment dated after the last
    // reopening contradicts it (one on the same day may have come before the closure).
    const Reopening* re = r.reopenings.empty() ? nullptr : &r.reopenings.back();
    if (!re || (re->date && a->date && *a->date > *re->date))
      out.add("status.inconsistent", "status",
              re ? txf("status is intake but assessment {} was recorded after the last reopening", a->n)
                 : txf("status is intake but assessment {} was recorded", a->n),
              tx("set status: assessed (or active if a plan answers it)"));
  }
}

std::vector<Problem> check_header(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  if (r.schema != 1)
    out.add("record.schema", "schema", txf("schema {} is not supported", r.schema),
            tx("set schema: 1"));
  if (!parse_case_id(r.id))
    out.add("record.id", "id", tx("the id is not of the form PREFIX-YYYY-NNNN"),
            tx("set the id the case's folder is named after"));
  if (!r.renumbered_from.empty() && (!parse_case_id(r.renumbered_from) || r.renumbered_from == r.id))
    out.add("record.renumbered-from", "renumbered_from",
            tx("renumbered_from is not another case ID of the form PREFIX-YYYY-NNNN"),
            tx("set the ID the case had before it was renumbered, or remove the line"));
  check_status(out, r);
  check_worker(out, ctx, r.worker, "worker", tx("the case worker"));
  // Intake: the deadline for the first assessment runs from urgency, reports count sources and
  // concerns, so a referral without them cannot be followed up.
  if (r.referral.source.empty())
    out.add("intake.source-required", "referral.source", tx("the referral has no source"),
            txf("set referral.source: {}", enums::source.allowed()));
  if (r.referral.urgency.empty())
    out.add("intake.urgency-required", "referral.urgency", tx("the referral has no urgency"),
            txf("set referral.urgency: {}", enums::urgency.allowed()));
  if (r.referral.concerns.empty())
    out.add("intake.concern-required", "referral.concerns", tx("the referral names no concern"),
            txf("list at least one of: {}", enums::concern.allowed()));
  return list;
}

}  // namespace casectl
