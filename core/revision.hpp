// Versions of a case in the history: what a REV argument (show --at, diff) names, and the last
// change made to a case.
//
// History is read along first parents from HEAD (as `git log --first-parent`): a merge counts as
// one change, entered when the merge was committed, since that is when its changes became part of
// this case directory's record. A renumbered case is followed (core/case_rename): walking back
// from HEAD, at the commit where the case's folder appears renumbered from OLD, the older commits
// are read in OLD's folder (and so on, for a chain A -> B -> C). A version is therefore a commit
// AND the ID the case had in it, and readers read case_dir(version.id) of version.commit. The
// walk is made only when the commit a REV reaches does not hold the record under the case's ID
// now (a revision before a renumbering, or before the case began): a commit that holds it is read
// there, as `git show REV:PATH` would.
#pragma once
#include <ctime>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"

struct git_repository;

namespace casectl {

// The end of a local day: the first second of the next day (seconds since the epoch).
std::time_t end_of_day(const Date& d);

// A version of a case: a commit, and the ID the case had there (its ID now, or one it had before
// a renumbering).
struct CaseVersion {
  std::string commit;  // 40 hex digits; "" for nothing (before a first commit)
  CaseId id;
};

// The version that REV names for case `id` (its ID now):
//   - a date YYYY-MM-DD: the version of the case entered on or before the end of that day (local
//     time), i.e. from the newest commit on the first-parent line from HEAD whose COMMITTER time
//     (the entry time, SPEC section 6) is before end_of_day(), the first back that holds the
//     case's record under the ID it had there (`id` if that commit holds `id`'s record);
//     Error(not_found) naming the case and the date when there is none (the case did not exist);
//   - anything else as git reads it: a commit id (full or short), HEAD~N, a tag or a branch;
//     Error(not_found) naming REV when it names no commit. Its ID: `id` when the commit holds
//     that record, else the one the case had there on the first-parent line from HEAD (`id`
//     when the commit is not on that line).
// A date is always read as a date (a branch named like one is reached as refs/heads/NAME).
CaseVersion resolve_revision(git_repository* repo, const CaseId& id, const std::string& rev);

// The last change to case `id`: the newest commit on the first-parent line from HEAD that changed
// anything in its folder (record or documents), or that renumbered it to `id` (before.id is
// then the former ID).
struct LastChange {
  CaseVersion before;  // its first parent (commit "" for a root commit): the version before the change
  CaseVersion after;   // the commit itself
};
// Error(not_found) when HEAD does not hold the case.
LastChange last_change(git_repository* repo, const CaseId& id);

}  // namespace casectl
