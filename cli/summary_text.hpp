// The human summary of a case that `casectl show` prints.
#pragma once
#include <string>

#include "core/config.hpp"
#include "core/record.hpp"

namespace casectl::cli {

// A readable multi-line summary of r in the config's locale: who, referral, latest assessment,
// plan in force, latest review, contacts, consents, closure.
std::string summary_text(const Record& r, const Config& config, const Date& today);

}  // namespace casectl::cli
