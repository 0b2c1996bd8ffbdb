// casectl custody start|extend|end as pure changes of a record: temporary protective custody
// (一時保護), two months (policy.custody_days) unless extended with an approval.
#pragma once
#include <string>

#include "core/stages.hpp"

namespace casectl {

// Appends custody k (n numbered, start today when not given); refused while one is open
// (custody.start-while-open). Commit dated by the start.
ChangeSummary stage_custody_start(Record& r, Custody k, const StageContext& ctx);
// Adds extension e (date today when not given) to the custody in progress; refused when none
// is open (custody.none-open). Commit dated by the extension's date.
ChangeSummary stage_custody_extend(Record& r, CustodyExtension e, const StageContext& ctx);
// Ends the custody in progress on `ended` (today when nullopt) with `outcome`; refused when none
// is open (custody.none-open). Commit dated by the end.
ChangeSummary stage_custody_end(Record& r, OptDate ended, const std::string& outcome, const StageContext& ctx);

}  // namespace casectl
