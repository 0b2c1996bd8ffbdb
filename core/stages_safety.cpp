#include "core/stages_safety.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"

#include "core/deadlines.hpp"
#include "core/stage_skeleton.hpp"

namespace casectl {

using namespace stage_detail;

ChangeSummary stage_confirm(Record& r, SafetyCheck c, const StageContext& ctx) {
  run_stage(r, Command::confirm, ctx, [&] {
    if (c.n == 0) c.n = static_cast<int>(r.safety_checks.size()) + 1;
    if (!c.at) c.at = ctx.now ? *ctx.now : DateTime{ctx.today, 0, 0};
    require_acting(c.by, ctx, r.id);
    r.safety_checks.push_back(c);
  });
  return ChangeSummary{"confirm", fmt::format("safety check {} ({}, {})", c.n, c.method, c.outcome), {}}
      .on(c.at->date)
      .saying(txf("confirm {}: safety check {} ({}, {})", r.id, c.n, c.method, c.outcome));
}

std::string safety_check_timing(const Record& r, const SafetyCheck& c, const Policy& policy) {
  std::optional<CheckTiming> timing = check_timing(r, c, policy);
  if (!timing || !timing->received)
    return txf("safety check {}: the time the report was received is not recorded, so the {} h limit cannot be "
               "checked",
               c.n, policy.safety_check_hours);
  const DateTime due = add_hours(*timing->received, policy.safety_check_hours);
  const long minutes = timing->minutes;
  std::string after = minutes % 60 == 0 ? txf("{} h", minutes / 60) : txf("{} h {} min", minutes / 60, minutes % 60);
  const bool late = timing->late;
  std::string verdict = late ? tx("late") : tx("in time");
  if (c.outcome == "not-seen")
    verdict = late ? tx("late, and the child was not seen: safety is not confirmed")
                   : txf("the child was not seen: safety is not confirmed (due {})", due.str());
  return txf("safety check {}: {} after the report was received (the limit is {} h): {}", c.n, after,
             policy.safety_check_hours, verdict);
}

}  // namespace casectl
