// The case directory as a git repository: one commit per change, made safely.
//   lock -> check state and hand edits -> atomic writes -> commit against the HEAD read
//   (compare-and-swap) -> bring git's index in line so `git status` stays clean.
#pragma once
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/change.hpp"

struct git_repository;  // libgit2's repository; core/git.hpp wraps libgit2

namespace casectl {

struct Author {
  std::string name, email;
};

// Error(conflict) when any folder or the file of rel_path under root is a symbolic link (a link
// could lead a read or a write outside the case directory). Parts that do not exist are fine.
void require_no_symlinks(const std::string& root, const std::string& rel_path);

// An unfinished git operation: what it is ("a merge is in progress") and how to finish or abort
// it, English messages (N_()) to show through tx().
struct Unfinished {
  const char* what;
  const char* advice;
};

class Repo {
 public:
  // Opens the git repository at root (the case directory). Error(internal) if it is not one.
  explicit Repo(const std::string& root);
  ~Repo();
  Repo(Repo&&) noexcept;

  // Creates a new repository at root on branch main (not committing anything).
  static void init(const std::string& root);

  const std::string& root() const;

  // The libgit2 repository, for core code that reads history (see core/git.hpp); owned by Repo.
  git_repository* handle() const;

  // The git operation left unfinished (a merge, rebase, cherry-pick, revert, bisect or am) and
  // how to finish or abort it; nullopt when there is none.
  std::optional<Unfinished> unfinished_operation() const;
  // Error(conflict) naming unfinished_operation() when there is one.
  void require_clean_state() const;

  // Error(conflict) when the file at rel_path differs from HEAD's version (a hand edit not
  // committed), or exists but is not in HEAD; the message names the file and says how to proceed
  // (commit it with git, or `git checkout -- FILE` to drop it). A file absent from both is fine.
  void require_unmodified(const std::string& rel_path) const;

  // The content of rel_path at HEAD (or at rev: a commit id, branch, tag, HEAD~N) or nullopt.
  std::optional<std::string> read_at(const std::string& rel_path,
                                     const std::string& rev = "HEAD") const;

  // The current HEAD commit id in hex, or "" when there is no commit yet.
  std::string head() const;

  // Writes every change atomically, then makes ONE commit of them on top of expected_head
  // (the head() read before deciding the change; "" for the first commit) with author `author`
  // at `when` (the event) and committer `author` at entry_time() (the real clock, SPEC section
  // 6), and updates git's index for exactly those paths.
  // If HEAD moved meanwhile: the files are put back as they were and Error(conflict) is thrown.
  // Call under a Lock, after require_clean_state() and require_unmodified() of every path.
  // Returns the new commit id in hex.
  std::string commit(const std::vector<FileChange>& changes, const Author& author,
                     const std::string& message, const std::string& expected_head,
                     std::time_t when);

  // The configured git user.email (repository, then global), or "".
  std::string git_user_email() const;
  // A value from git's global/system configuration (no repository needed), or "".
  static std::string global_git_config(const std::string& key);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace casectl
