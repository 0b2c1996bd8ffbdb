// Versions of a case in the history: what a REV argument (show --at, diff) names, and the last
// change made to a case.
//
// History is read along first parents from HEAD (as `git log --first-parent`): a merge counts as
// one change, entered when the merge was committed, since that is when its changes became part of
// this case directory's record. Renamed or renumbered cases (a future `sync`) are not followed
// yet: a case is its folder case_dir(id); following would go here, by mapping id to the folder it
// had at each commit before reading that commit's tree.
#pragma once
#include <ctime>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"

struct git_repository;

namespace casectl {

// The end of a local day: the first second of the next day (seconds since the epoch).
std::time_t end_of_day(const Date& d);

// The commit (40 hex digits) that REV names for case `id`:
//   - a date YYYY-MM-DD: the version of the case entered on or before the end of that day (local
//     time), i.e. the newest commit on the first-parent line from HEAD whose COMMITTER time (the
//     entry time, SPEC section 6) is before end_of_day() and whose tree holds the case's record;
//     Error(not_found) naming the case and the date when there is none (the case did not exist);
//   - anything else as git reads it: a commit id (full or short), HEAD~N, a tag or a branch;
//     Error(not_found) naming REV when it names no commit.
// A date is always read as a date (a branch named like one is reached as refs/heads/NAME).
std::string resolve_revision(git_repository* repo, const CaseId& id, const std::string& rev);

// The last change to case `id`: the newest commit on the first-parent line from HEAD that changed
// anything in its folder (record or documents).
struct LastChange {
  std::string before;  // its first parent ("" for a root commit): the version before the change
  std::string after;   // the commit itself
};
// Error(not_found) when HEAD does not hold the case.
LastChange last_change(git_repository* repo, const CaseId& id);

}  // namespace casectl
