// Earlier cases of the same person (issue 11): when a new referral comes in, the cases whose
// client has the same name (compared by normalise_name, core/name_match.hpp) and the same birth
// date. Answered from the case index without refreshing it: the index finds the person by key,
// and only the cases committed since its last refresh (the trees of its HEAD and today's
// compared, core/tree_changes.hpp) are read again, so `new` does no work that grows with the
// number of cases (SPEC section 10). With no usable index (none yet, history rewritten, too many
// changes) the index is refreshed in full and searched.
#pragma once
#include <git2.h>

#include <string>
#include <vector>

#include "core/index.hpp"

namespace casectl {

struct EarlierCase {
  std::string id;      // case ID
  std::string status;  // enums::status
};

// The cases of index whose client has this name and birth date, in case ID order; none when
// either is missing. Unreadable records are left out. Refreshes the index (every record
// stat'ed) when it has not been.
std::vector<EarlierCase> earlier_cases(const CaseIndex& index, const std::string& name, const OptDate& birth_date);

// The same answer for the case directory of index, whose repository is repo, as described
// above: the stored look-up plus the cases that differ between the index's HEAD and repo's HEAD
// (read again and stored, moving the index's HEAD on). A case edited by hand and not committed
// since the index's last refresh is seen as it was then.
std::vector<EarlierCase> find_earlier_cases(CaseIndex& index, git_repository* repo,
                                            const std::string& name, const OptDate& birth_date);

}  // namespace casectl
