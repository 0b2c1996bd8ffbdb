// casectl resolve (SPEC section 9, issue 14): finishing a merge that `casectl sync` or a plain
// `git pull` left unfinished on a conflict in a case record or casectl.yaml.
//
// The three versions are read from git's index (stages 1 base, 2 ours, 3 theirs), never from
// the conflict file, and merged again by meaning (core/record_merge.hpp) with the choices made
// so far: `--take SIDE [FIELD...]` settles the conflicts at FIELD or under it (every one without
// FIELD) by SIDE. The choices of earlier resolves of the same file in the same merge are kept in
// .git/casectl-resolve/NAME (with the MERGE_HEAD they belong to, and the conflict file they
// wrote, so that a hand edit made since is never overwritten; the file as the merge driver
// writes it, again after `git checkout --merge`, starts afresh); that folder goes when the merge
// is committed. A later choice of a FIELD replaces the earlier ones at or under it; one without
// FIELD never replaces an earlier one.
//
// While conflicts remain the conflict file is written again (both versions kept, the remaining
// conflicts and the choices named). When none remain and the merged record keeps the rules,
// the record is written in the stable form, its documents in the case folder rendered again from
// it, and all of them `git add`ed; when no file of the merge is left unmerged, the merge is
// committed by the acting worker. `--done` does the same for a file settled by hand.
// A case whose record merged but whose documents git found in conflict as text (a plain `git
// pull` where both sides rendered a document again): either form renders the documents again
// from the record as it stands and stages them.
// Everything runs under the case directory's lock.
#pragma once
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/record_merge.hpp"

namespace casectl {

struct ResolveOutcome {
  std::string name;                      // the case ID, or casectl.yaml
  std::vector<MergeConflict> remaining;  // conflicts left (the conflict file written again)
  std::vector<std::string> staged;       // the files `git add`ed (none while conflicts remain)
  std::vector<std::string> unmerged;     // files of the merge still unmerged (case IDs or paths)
  std::string commit;                    // the merge commit, when this finished the merge
};

// The settings to act with while a merge is unfinished: casectl.yaml as it stands, or while it
// is itself in conflict, ours' version (git's stage 2). Error(malformed) when neither loads.
Config settings_during_merge(const std::string& root);

// Drops the choices kept for a merge (before sync begins another: an aborted merge's choices
// are not the next one's).
void forget_resolve_choices(const std::string& root);

// `casectl resolve NAME --take SIDE [FIELD...]` (NAME: a case ID or casectl.yaml), as `by`,
// under the lock. Errors: no merge in progress (not_found), NAME not in conflict (not_found),
// a FIELD with no conflict at or under it (usage, naming the conflicts there are), a file with
// no base or a version that does not load (conflict: settle it by hand, then --done), a conflict
// file edited by hand since it was written (conflict: --done).
ResolveOutcome resolve_take(const std::string& root, const std::string& name, Side side,
                            const std::vector<std::string>& fields, const Worker& by, const Config& config);

// `casectl resolve NAME --done`: the file as edited by hand must hold no conflict marker line
// (Error(malformed) at its line), load through the safe loader (malformed) and keep the rules
// (Error(refused) with every problem the merge brought); then it is written in the stable form,
// its documents rendered again and staged, and the merge committed when nothing is left.
ResolveOutcome resolve_done(const std::string& root, const std::string& name, const Worker& by,
                            const Config& config);

}  // namespace casectl
