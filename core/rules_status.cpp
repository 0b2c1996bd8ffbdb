// The status table of SPEC section 4 and the record-level rules: schema, id, status consistent
// with the content, case worker, intake fields.
#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// One row of the status table: a command, the statuses it is allowed in, the status after.
struct Transition {
  const char* command;
  std::vector<std::string> allowed;  // empty: any existing case
  const char* after;                 // nullptr: unchanged
};

const std::vector<Transition>& table() {
  static const std::vector<Transition> t{
      {"new", {""}, "intake"},
      {"assess", {"intake", "active"}, "assessed"},
      {"plan", {"assessed", "active"}, "active"},
      {"review", {"active"}, "active"},
      {"close", {"intake", "assessed", "active"}, "closed"},
      {"reopen", {"closed"}, "intake"},
      {"note", {}, nullptr},
      {"consent", {}, nullptr},
      {"edit", {}, nullptr},
  };
  return t;
}

const Transition& find(const std::string& command) {
  for (const auto& t : table())
    if (command == t.command) return t;
  fail(ErrorKind::internal, fmt::format("rules: unknown command '{}'", command));
}

// What must happen first for `command` on a case of `status` (the fix of a refusal).
std::string first_step(const std::string& status, const std::string& command) {
  if (status.empty()) return "open the case first (casectl new)";
  if (command == "new") return "use the existing case, or let casectl choose a new ID";
  if (status == "closed") {
    if (command == "close") return "nothing to close; reopen it first if problems recur";
    return "reopen it first (casectl reopen)";
  }
  if (command == "reopen")
    return "only a closed case can be reopened; for new problems on an open case record an "
           "assessment (casectl assess)";
  if (status == "intake") return "record an assessment first (casectl assess)";
  if (status == "assessed")
    return "record a plan answering the latest assessment first (casectl plan)";
  return "check the status field (casectl validate)";
}

}  // namespace

std::vector<Problem> check_transition(const std::string& case_id, const std::string& status,
                                      const std::string& command) {
  const Transition& t = find(command);
  bool ok = t.allowed.empty() ? !status.empty() : false;
  for (const auto& s : t.allowed)
    if (s == status) ok = true;
  if (ok) return {};
  std::string message =
      status.empty() ? fmt::format("`{}` needs an existing case", command)
                     : fmt::format("`{}` is not allowed while the case is {}", command, status);
  return {Problem{case_id, "status.transition", "status", message, first_step(status, command),
                  {}}};
}

std::vector<Problem> check_transition(const Record* before, const std::string& command) {
  if (!before) return check_transition("", "", command);
  return check_transition(before->id, before->status, command);
}

std::string status_after(const std::string& status, const std::string& command) {
  const Transition& t = find(command);
  return t.after ? t.after : status;
}

// The status must agree with what the record holds (a hand edit can break it).
static void check_status(Out& out, const Record& r) {
  const char* fix_closed = "set status as the record shows, or correct the closure/reopenings";
  bool in_force = closure_in_force(r);
  if (r.status.empty()) {
    out.add("status.inconsistent", "status", "the record has no status",
            "set status: intake, assessed, active or closed as the record shows");
    return;
  }
  if (r.status == "closed" && !in_force) {
    out.add("status.inconsistent", "status",
            r.closure ? "status is closed but the case was reopened after its closure"
                      : "status is closed but the record has no closure",
            fix_closed);
    return;
  }
  if (r.status != "closed" && in_force) {
    out.add("status.inconsistent", "status",
            fmt::format("status is {} but the record has a closure not followed by a reopening",
                        r.status),
            fix_closed);
    return;
  }
  const Assessment* a = latest_assessment(r);
  const Plan* p = plan_in_force(r);
  if (r.status == "assessed") {
    if (!a)
      out.add("status.inconsistent", "status",
              "status is assessed but the record has no assessment",
              "record an assessment, or set status: intake");
    else if (p && p->assessment >= a->n)
      out.add("status.inconsistent", "status",
              fmt::format("status is assessed but plan {} answers the latest assessment ({})",
                          p->n, a->n),
              "set status: active");
  } else if (r.status == "active") {
    if (!p)
      out.add("status.inconsistent", "status", "status is active but the record has no plan",
              a ? "record a plan (casectl plan), or set status: assessed"
                : "set status: intake");
  } else if (r.status == "intake" && a) {
    // After a reopening the case is intake again: only an assessment dated after the last
    // reopening contradicts it (one on the same day may have come before the closure).
    const Reopening* re = r.reopenings.empty() ? nullptr : &r.reopenings.back();
    if (!re || (re->date && a->date && *a->date > *re->date))
      out.add("status.inconsistent", "status",
              fmt::format("status is intake but assessment {} was recorded{}", a->n,
                          re ? " after the last reopening" : ""),
              "set status: assessed (or active if a plan answers it)");
  }
}

std::vector<Problem> check_header(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  if (r.schema != 1)
    out.add("record.schema", "schema", fmt::format("schema {} is not supported", r.schema),
            "set schema: 1");
  if (!parse_case_id(r.id))
    out.add("record.id", "id", "the id is not of the form PREFIX-YYYY-NNNN",
            "set the id the case's folder is named after");
  check_status(out, r);
  check_worker(out, ctx, r.worker, "worker", "the case worker");
  // Intake: the deadline for the first assessment runs from urgency, reports count sources and
  // concerns, so a referral without them cannot be followed up.
  if (r.referral.source.empty())
    out.add("intake.source-required", "referral.source", "the referral has no source",
            fmt::format("set referral.source: {}", enums::source.allowed()));
  if (r.referral.urgency.empty())
    out.add("intake.urgency-required", "referral.urgency", "the referral has no urgency",
            fmt::format("set referral.urgency: {}", enums::urgency.allowed()));
  if (r.referral.concerns.empty())
    out.add("intake.concern-required", "referral.concerns", "the referral names no concern",
            fmt::format("list at least one of: {}", enums::concern.allowed()));
  return list;
}

}  // namespace casectl
