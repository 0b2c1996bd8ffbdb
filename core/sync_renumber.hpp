// Two new cases that took the same ID offline (SPEC section 9, issue 14): before sync merges the
// remote's branch, every case folder added both here and there since the common commit, with
// different records, is a collision; the case here (not yet pushed, by construction: the remote
// does not have it) is renumbered to the next ID free on both sides, in one commit of its own
// (`renumber NEW: from OLD`, trailer Renumbered-From, so log, show --at and diff follow it, see
// core/case_rename.hpp): folder moved, `id` and `renumbered_from` set, documents rendered again
// from the record, links to it from the records changed here updated (their documents too).
//
// A kill during a renumbering leaves HEAD as it was (the commit is git's last step); the next
// sync finds the marker file under the git directory and puts the work tree back to HEAD first.
#pragma once
#include <string>
#include <vector>

#include "core/git_program.hpp"
#include "core/repo.hpp"

namespace casectl {

struct Renumbered {
  std::string from, to;
};

// Renumbers the colliding cases of HEAD against theirs (a commit id) as described above, each
// committed by `by` with Worker trailer worker_id. Call under the lock with a clean work tree.
// Returns what was renumbered, in ID order; empty when nothing collides.
std::vector<Renumbered> renumber_collisions(const std::string& root, const GitProgram& git, const std::string& theirs,
                                            const std::string& worker_id);

// What the worker is told of a renumbering (IDs only).
std::string renumbering_said(const Renumbered& r);

// Puts the work tree back to HEAD when a renumbering was interrupted (its marker is there).
// Returns true when it did. Call under the lock.
bool recover_renumbering(const std::string& root, const GitProgram& git);

}  // namespace casectl
