// The human summary of a case that `casectl show` prints.
#pragma once
#include <string>

#include "core/config.hpp"
#include "core/record.hpp"

namespace casectl::cli {

// A readable multi-line summary of r in the config's locale: who, referral, latest assessment
// with its immediate actions, plan in force, latest review, the last contacts (every one with
// all_notes), consents numbered as `consent --withdraw` takes them, approvals, amendments, every
// closure and reopening, and what the case waits for.
std::string summary_text(const Record& r, const Config& config, const Date& today, bool all_notes);

}  // namespace casectl::cli
