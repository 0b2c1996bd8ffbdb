// The human summary of a case that `casectl show` prints.
#pragma once
#include <string>

#include "cli/summary_practice.hpp"
#include "core/config.hpp"
#include "core/record.hpp"

namespace casectl::cli {

// A readable multi-line summary of r in the config's locale at `now`: who, the worker in charge
// and the handovers, referral (received, category), safety checks, latest assessment with its
// immediate actions, custody, the latest conference, plan in force, latest review, the last
// contacts (every one with all_notes), consents numbered as `consent --withdraw` takes them,
// disclosures, approvals, related cases (their status from lookup), amendments, every closure
// and reopening, the deadlines, and what the case waits for.
std::string summary_text(const Record& r, const Config& config, const DateTime& now, bool all_notes,
                         const OtherCaseLookup& lookup = {});

}  // namespace casectl::cli
