// casectl confirm as a pure change of a record: the child seen and safety confirmed (安全確認).
#pragma once
#include <string>

#include "core/stages.hpp"

namespace casectl {

// Appends safety check c: n numbered, `by` the acting worker (a form naming another is refused),
// `at` now when not given. The commit is dated by the day of `at`; its summary names the number,
// method and outcome only.
ChangeSummary stage_confirm(Record& r, SafetyCheck c, const StageContext& ctx);

// One line on the timing of safety check c against the 48-hour rule (policy.safety_check_hours
// from referral.received): "safety check 1: 65 h after the report was received (the limit is
// 48 h): late". Says so when the time of receipt is not recorded.
std::string safety_check_timing(const Record& r, const SafetyCheck& c, const Policy& policy);

}  // namespace casectl
