// The intent log of a change in progress (.casectl/journal) and the recovery that finishes or
// rolls back an interrupted change at the next start (SPEC section 8). A change writes the
// journal, fsynced, after every byte it needs is on disk (its files in .casectl/tmp/, its git
// objects) and before it replaces any working file; it removes the journal once HEAD names the
// new commit. A journal found later means the change was interrupted (kill -9, power cut): if
// HEAD names its commit the working files are brought forward to it, else back to HEAD. Either
// way the files, HEAD and git's index agree again and nothing is half-written.
#pragma once
#include <string>
#include <vector>

#include "core/said.hpp"

struct git_repository;

namespace casectl {

struct Journal {
  std::string head_before;         // HEAD the change started from ("" before the first commit)
  std::string commit;              // the commit the change makes
  std::string branch;              // the branch HEAD is on ("refs/heads/main")
  std::vector<std::string> paths;  // the files it writes, relative to the root
};

// The folder of temporary files (root/.casectl/tmp, 0700), made if missing.
std::string tmp_dir(const std::string& root);

// Writes root/.casectl/journal atomically and durably.
void write_journal(const std::string& root, const Journal& j);
// Removes it (the change is complete); durable.
void clear_journal(const std::string& root);
// True when root/.casectl/journal exists (an interrupted change waits for recovery).
bool journal_pending(const std::string& root);

// Under the case directory's lock: finishes or rolls back the change a journal describes,
// removes the lock files of git that the interrupted run left (the branch's .lock, index.lock),
// empties .casectl/tmp/ (and, when it held leftovers or a journal was found, removes libgit2's
// temporary object files .git/objects/tmp_object_git2_* that a kill leaves), and says in one line
// what it did (in English, translated where it is shown; empty when there was nothing to do).
// Error(conflict) when HEAD is neither the journal's start nor its commit (someone moved it
// meanwhile): nothing is changed and the journal is kept for `casectl doctor`.
Said recover(const std::string& root, git_repository* repo);

}  // namespace casectl
