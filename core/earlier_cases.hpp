// Earlier cases of the same person (issue 11): when a new referral comes in, the cases whose
// client has the same name (compared by normalise_name, core/name_match.hpp) and the same birth
// date. Read from the case index (core/index.hpp), which keeps each case's name and birth date,
// so the look-up stays fast at 100,000 cases.
#pragma once
#include <string>
#include <vector>

#include "core/index.hpp"

namespace casectl {

struct EarlierCase {
  std::string id;      // case ID
  std::string status;  // enums::status
};

// The cases of index whose client has this name and birth date, by ID; none when either is
// missing. Unreadable records are left out.
std::vector<EarlierCase> earlier_cases(const CaseIndex& index, const std::string& name, const OptDate& birth_date);

}  // namespace casectl
