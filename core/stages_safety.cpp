#include "core/stages_safety.hpp"

#include <fmt/format.h>

#include "core/deadlines.hpp"
#include "core/stages_safety_common.hpp"

namespace casectl {

using namespace stages_safety_detail;

ChangeSummary stage_confirm(Record& r, SafetyCheck c, const StageContext& ctx) {
  run_stage(r, Command::confirm, ctx, [&] {
    if (c.n == 0) c.n = static_cast<int>(r.safety_checks.size()) + 1;
    if (!c.at) c.at = ctx.now ? *ctx.now : DateTime{ctx.today, 0, 0};
    if (c.by.empty()) c.by = ctx.by;
    if (c.by != ctx.by)
      refuse_if({Problem{r.id, "worker.not-acting", "by",
                         fmt::format("the form names another worker as `by`, but {} is acting", ctx.by),
                         "leave `by` empty: casectl records the acting worker", {}}});
    r.safety_checks.push_back(c);
  });
  return ChangeSummary{"confirm", fmt::format("safety check {} ({}, {})", c.n, c.method, c.outcome), {}}.on(
      c.at->date);
}

std::string safety_check_timing(const Record& r, const SafetyCheck& c, const Policy& policy) {
  const std::string head = fmt::format("safety check {}", c.n);
  std::optional<DateTime> due = safety_check_due(r, policy);
  if (!c.at || !r.referral.received || !due)
    return fmt::format("{}: the time the report was received is not recorded, so the {} h limit cannot be checked",
                       head, policy.safety_check_hours);
  long minutes = c.at->minutes() - r.referral.received->minutes();
  if (minutes < 0) minutes = 0;
  std::string after = minutes % 60 == 0 ? fmt::format("{} h", minutes / 60)
                                        : fmt::format("{} h {} min", minutes / 60, minutes % 60);
  bool late = *c.at > *due;
  std::string verdict = late ? "late" : "in time";
  if (c.outcome == "not-seen")
    verdict = late ? "late, and the child was not seen: safety is not confirmed"
                   : fmt::format("the child was not seen: safety is not confirmed (due {})", due->str());
  return fmt::format("{}: {} after the report was received (the limit is {} h): {}", head, after,
                     policy.safety_check_hours, verdict);
}

}  // namespace casectl
