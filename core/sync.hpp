// Sharing a case directory through any git server (SPEC section 9): clone, sync and what status
// reports. The git program carries the data (core/git_program.hpp); records and casectl.yaml
// merge by meaning through casectl's merge driver (core/merge_setup.hpp), which sync makes sure
// is installed. Every sync runs under the case directory's lock, so no change of casectl comes
// between its merge and its push.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/repo.hpp"
#include "core/sync_renumber.hpp"

namespace casectl {

class GitProgram;

// A commit as status lists it: short id and subject (subjects hold no personal data, SPEC 6).
struct CommitLine {
  std::string id, subject;
};

struct SyncOutcome {
  std::string remote, branch;
  std::size_t came_in = 0;   // commits received that were not here
  std::size_t pushed = 0;    // commits sent
  bool merged = false;       // a merge commit was made
  bool fast_forward = false; // the remote's commits were taken as they are
  int attempts = 1;          // fetch-merge-push rounds (more when the remote moved meanwhile)
  std::vector<std::string> changed_cases;  // IDs of the cases what came in changed
  std::vector<Renumbered> renumbered;      // cases opened here that took an ID the remote's took
  std::string taken_over;  // what a sync killed earlier left and this one cleared ("" if none)
};

// Fetches from `remote`, merges its branch of the current branch's name (a merge commit by
// `by` when both sides have commits; records merged by meaning), pushes, and when the push is
// refused because the remote moved, does it again (at most `attempts` rounds). A sync killed
// earlier (kill -9, power cut) is taken over first: its git lock files removed, a merge it left
// half done undone (the remote's commits are fetched again). Before it merges, a case opened
// here that took the ID of one opened there is renumbered (core/sync_renumber.hpp; its commit's
// Worker trailer worker_id). Files the merge
// brought get mode 0600, folders 0700. Error(conflict) (exit 5) when a change is in progress,
// a tracked file is changed and not committed, HEAD is on no branch, the remote kept moving,
// or the merge found conflicts: then the merge is left in progress (git's MERGE_HEAD; records
// in conflict hold both versions, every other case is usable), the message names each case and
// field, and nothing is pushed. Error(not_found) for a remote that does not exist;
// Error(internal) (exit 70) when it cannot be reached, naming it, never its URL's credentials:
// then nothing here has changed.
SyncOutcome sync_directory(const std::string& root, const std::string& remote, const Author& by,
                           const std::string& worker_id, const std::string& merge_program, int attempts = 5);

struct SyncStatus {
  std::string remote, branch;
  bool remote_known = false;          // the remote's branch has been fetched at least once
  std::vector<CommitLine> unpushed;   // here and not on the remote (as last fetched), newest first
  std::vector<CommitLine> came_in;    // what the last sync brought, newest first
  std::string last_sync;              // when the last sync ended ("YYYY-MM-DD HH:MM"), "" if never
  std::vector<std::string> conflicts; // IDs (or casectl.yaml) of records in an unfinished merge
  std::vector<std::string> changed;   // tracked files changed and not committed
};

// What is not yet pushed, what the last sync brought and what is in conflict, without
// contacting the remote.
SyncStatus sync_status(const std::string& root, const std::string& remote);

// The files of an unfinished merge that are in conflict (paths from the root).
std::vector<std::string> unmerged_files(const GitProgram& git);

// What a path is called in a message: its case ID for a record, else the path itself
// (casectl.yaml).
std::string shown_path(const std::string& rel);

// The subject of sync's merge commit: "sync: merge origin/main".
std::string sync_merge_subject(const std::string& remote, const std::string& branch);

// Clones the case directory at url into dir (which must not exist), sets its files to 0600 and
// folders to 0700 and installs the merge driver. With worker_id, that worker of its
// casectl.yaml becomes the clone's git identity (user.name, user.email), so that commands there
// act as them. Error(internal) (exit 70) when the URL cannot be reached (nothing left behind),
// Error(not_found) when it holds no casectl.yaml or the worker is unknown (nothing left behind).
// Returns the number of case records.
std::size_t clone_directory(const std::string& url, const std::string& dir,
                            const std::optional<std::string>& worker_id, const std::string& merge_program);

}  // namespace casectl
