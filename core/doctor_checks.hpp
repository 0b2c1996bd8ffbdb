// The checks of `doctor` (core/doctor.hpp), each adding its findings to `out`. Every check reads
// only (no link is followed); a finding's fix does the repair when doctor --repair runs it.
//
// The checks, in the order their findings are listed and repaired:
//   private    .casectl/ is not a folder of this user
//   journal    an interrupted change waits in .casectl/journal
//   git        a detached HEAD, or a merge, rebase, ... in progress
//   lock       a stale lock file of git
//   leftover   temporary files of an interrupted run: .casectl/tmp/, .NAME.tmp-PID-X beside a
//              file, git's temporary objects, editor copies in $TMPDIR
//   symlink    a symbolic link in the tree (removed only inside .casectl/)
//   filetype   a FIFO, socket or device in the tree
//   untracked  a file or folder git neither tracks nor ignores (never removed: it may hold data)
//   empty      a folder under cases/ holding no file (left by an interrupted `new`)
//   mode       a file or folder that group or others may access (0600 and 0700 wanted)
//   index      .casectl/index.sqlite damaged or of another schema (a cache: removed)
//   validate   a problem `casectl validate` reports
#pragma once
#include <ctime>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "core/doctor.hpp"

namespace casectl {
class Repo;
}

namespace casectl::doctor {

// The position of a check in the list above.
int rank(const std::string& check);

// A lock or temporary file of git, or an editor copy, is stale once older than this: git holds
// its files for seconds (but `git commit` holds index.lock while its editor is open).
inline constexpr std::time_t kStaleSeconds = 600;

// The names in the folder open at fd (not closed), sorted, without "." and "..".
std::vector<std::string> names_in(int fd);

// Removes the file (or link) at full, never what a link points at; says "removed" (also when
// it is gone already). Error(internal) naming the failure.
Said remove_file(const std::string& full);

// "12 min", "3 h", "5 days": how old a file of mtime `then` is at `now`.
Said age_text(std::time_t then, std::time_t now);

// The mode finding of a file or folder (st from lstat) at rel under root that group or others
// may access; false when there is none.
bool mode_finding(const std::string& root, const std::string& rel, const struct stat& st,
                  std::vector<Finding>& out);
// The finding of a symbolic link at rel; `ours` (inside .casectl/) gives it a fix removing it.
void symlink_finding(const std::string& root, const std::string& rel, bool ours,
                     std::vector<Finding>& out);
// The finding of a file at rel (an absolute path when outside the root) that can simply be
// removed; `what` says what it is.
void removable_finding(const std::string& full, const std::string& rel, const std::string& check,
                       Said what, std::vector<Finding>& out);

// The findings of .casectl/ itself (st from lstat): a link, not a folder, another user's, a
// mode. True when it is a folder of this user, to look into.
bool private_dir_findings(const std::string& root, const struct stat& st, std::vector<Finding>& out);
// .casectl/ itself and its lock: what keeps anyone from taking the lock (a link, a mode).
void check_private_dir(const std::string& root, std::vector<Finding>& out);
// An interrupted change in .casectl/journal; its fix finishes or rolls it back (recover()).
void check_journal(const std::string& root, Repo& repo, std::vector<Finding>& out);
// Every file and folder of the working tree and of .casectl/ (.git only for its own mode).
void check_tree(const std::string& root, Repo& repo, std::vector<Finding>& out);
// HEAD and the state of the repository, stale lock files and temporary objects of git.
void check_git(Repo& repo, std::time_t now, std::vector<Finding>& out);
// .casectl/index.sqlite, opened read-only.
void check_index(const std::string& root, std::vector<Finding>& out);
// Editor copies (casectl-XXXXXX-*.yaml) of this user left in $TMPDIR or /tmp.
void check_editor_copies(std::time_t now, std::vector<Finding>& out);
// Every problem of `casectl validate`.
void check_validate(const std::string& root, std::vector<Finding>& out);

}  // namespace casectl::doctor
