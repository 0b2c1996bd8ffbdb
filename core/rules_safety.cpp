// Safety confirmation rules (安全確認, SPEC section 4): each check is numbered, dated to the
// minute, made by a registered worker, with a method and an outcome from their lists; a child
// who was not seen is not confirmed safe; no check before the report was received (an older record
// without referral.received: before the case's start) or after now.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules_detail.hpp"
#include "core/rules_safety.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// The time of one check: present, not before the report was received (when the record does not
// say when, not before the day of the referral, else the opening), not after now.
void check_time(Out& out, const Record& r, const SafetyCheck& c, const std::string& base, const RuleContext& ctx) {
  if (!c.at) {
    out.add("confirm.at-required", base + ".at", txf("safety check {} has no time", c.n),
            tx("set at: YYYY-MM-DD HH:MM (when the child was seen, or the attempt made)"));
    return;
  }
  const OptDateTime& received = r.referral.received;
  const CaseStart start = case_start(r);  // an older record without received: its day at least
  if (received && *c.at < *received)
    out.add("confirm.before-report", base + ".at",
            txf("safety check {} is at {}, before the report was received ({})", c.n, c.at->str(),
                received->str()),
            tx("correct the time: a safety check answers the report, so it comes after it was received"));
  else if (!received && start.date && c.at->date < *start.date)
    out.add("confirm.before-report", base + ".at",
            txf("safety check {} is at {}, before {} ({})", c.n, c.at->str(), start.what,
                start.date->iso()),
            txf("correct the time: a safety check answers the report, so it comes on or after {}",
                start.date->iso()));
  bool future = ctx.now ? *c.at > *ctx.now : c.at->date > ctx.today;
  if (future)
    out.add("confirm.at-future", base + ".at", txf("safety check {} is at {}, after now", c.n, c.at->str()),
            tx("correct the time: a safety check is recorded once it has happened"));
}

// Method and outcome: both given; not-seen on one side only on both.
void check_result(Out& out, const SafetyCheck& c, const std::string& base) {
  if (c.method.empty())
    out.add("confirm.method-required", base + ".method", txf("safety check {} names no method", c.n),
            txf("set method: {}", enums::check_method.allowed()));
  if (c.outcome.empty())
    out.add("confirm.outcome-required", base + ".outcome", txf("safety check {} names no outcome", c.n),
            txf("set outcome: {}", enums::check_outcome.allowed()));
  if (c.method.empty() || c.outcome.empty()) return;
  if (c.method == "not-seen" && c.outcome != "not-seen")
    out.add("confirm.not-seen-mismatch", base + ".outcome",
            txf("safety check {}: the child was not seen, but the outcome is {}", c.n, show(c.outcome)),
            tx("a child who was not seen cannot be confirmed safe or unsafe: set outcome: not-seen"));
  else if (c.method != "not-seen" && c.outcome == "not-seen")
    out.add("confirm.not-seen-mismatch", base + ".outcome",
            txf("safety check {}: the child was seen ({}), but the outcome is not-seen", c.n, show(c.method)),
            tx("give the outcome of what was seen (safe or unsafe), or set method: not-seen"));
}

}  // namespace

std::vector<Problem> check_safety_checks(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  check_sequence(out, r.safety_checks, "safety_checks", N_("safety check"));
  for (std::size_t i = 0; i < r.safety_checks.size(); ++i) {
    const SafetyCheck& c = r.safety_checks[i];
    const std::string base = at("safety_checks", i);
    check_worker(out, ctx, c.by, base + ".by", tx("safety check by"));
    check_time(out, r, c, base, ctx);
    check_result(out, c, base);
  }
  return list;
}

std::vector<Problem> check_safety_and_custody(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> all = check_safety_checks(r, ctx);
  for (auto& p : check_custody(r, ctx)) all.push_back(std::move(p));
  return all;
}

}  // namespace casectl
