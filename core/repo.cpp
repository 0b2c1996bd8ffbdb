// The case directory as a git repository: state checks, reads at a revision, one commit per change.
#include "core/repo.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/i18n.hpp"
#include "core/journal.hpp"
#include "core/signing.hpp"

namespace casectl {

struct Repo::Impl {
  std::string root;
  git::Repository repo;
};

namespace {

// Refuses a path that is not a plain relative path inside the case directory's working tree.
void check_rel_path(const std::string& path) {
  bool ok = !path.empty() && path.front() != '/' && path.back() != '/';
  size_t start = 0;
  while (ok && start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    std::string lower;
    for (char c : part) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (part.empty() || part == "." || part == ".." || lower == ".git") ok = false;
    start = end + 1;
  }
  if (!ok) fail(ErrorKind::internal, txf("refusing the path '{}': not inside the case directory", path));
}

}  // namespace

void require_no_symlinks(const std::string& root, const std::string& rel_path) {
  size_t end = 0;
  while (end != std::string::npos) {
    end = rel_path.find('/', end + 1);
    std::string part = rel_path.substr(0, end);
    struct stat st {};
    if (::lstat((root + "/" + part).c_str(), &st) != 0) return;  // what does not exist links nowhere
    if (S_ISLNK(st.st_mode))
      fail(ErrorKind::conflict,
           txf("{} is a symbolic link; casectl reads and writes only real files inside the case "
                       "directory (replace the link with the folder or file itself)", part));
  }
}

namespace {

// The folders between root and the folder of rel_path that do not exist yet, deepest first.
std::vector<std::string> missing_folders(const std::string& root, const std::string& rel_path) {
  std::vector<std::string> missing;
  std::string rel = rel_path;
  for (size_t slash = rel.find_last_of('/'); slash != std::string::npos;
       slash = rel.find_last_of('/')) {
    rel.resize(slash);
    std::string full = root + "/" + rel;
    struct stat st {};
    if (::stat(full.c_str(), &st) == 0) break;
    missing.push_back(full);
  }
  return missing;
}

// The error for a HEAD that is no longer the one the command read.
[[noreturn]] void fail_moved() {
  fail(ErrorKind::conflict,
       tx("the case directory changed while this command ran (another commit was made); nothing "
       "was changed; run the command again"));
}

// Writes the blobs, the tree and the commit object of changes on top of base and parent
// (nullptr for the first commit), without moving any reference. Returns the commit's id.
git_oid write_commit(git_repository* repo, const std::vector<FileChange>& changes, const git_tree* base,
                     const git_commit* parent, const git_signature* author, const git_signature* committer,
                     const std::string& message) {
  std::vector<git_tree_update> updates(changes.size());
  for (size_t i = 0; i < changes.size(); ++i) {
    auto& c = changes[i];
    git::check(git_blob_create_from_buffer(&updates[i].id, repo, c.content.data(), c.content.size()),
               txf("cannot store {}", c.path));
    updates[i].action = GIT_TREE_UPDATE_UPSERT;
    updates[i].filemode = GIT_FILEMODE_BLOB;
    updates[i].path = c.path.c_str();
  }
  git_oid tree_id;
  git::check(git_tree_create_updated(&tree_id, repo, const_cast<git_tree*>(base), updates.size(), updates.data()),
             tx("cannot build the commit's tree"));
  git_tree* t = nullptr;
  git::check(git_tree_lookup(&t, repo, &tree_id), tx("cannot read the commit's tree"));
  git::Tree tree(t);
  git_oid id = create_commit(repo, author, committer, message, tree.get(), parent);  // signed when git says so
  // libgit2 1.5 can return 0 when writing the object failed (a full disk): trust only an object
  // that can be read back.
  git_commit* written = nullptr;
  if (git_commit_lookup(&written, repo, &id) < 0)
    fail(ErrorKind::internal, tx("git could not record the commit (is the disk full?); nothing was changed"));
  git_commit_free(written);
  return id;
}

// The branch HEAD is on ("refs/heads/main"). A detached HEAD is refused (a commit there would be
// lost on the next checkout).
std::string head_branch(git_repository* repo) {
  git_reference* raw = nullptr;
  git::check(git_reference_lookup(&raw, repo, "HEAD"), tx("cannot read HEAD"));
  const char* target = git_reference_symbolic_target(raw);
  std::string branch = target ? target : "";
  git_reference_free(raw);
  if (branch.empty())
    fail(ErrorKind::conflict, tx("HEAD is detached (not on a branch); nothing was changed; check out the "
                                 "branch (git checkout main), then run the command again"));
  return branch;
}

// Moves branch from `from` (nullopt: no commit yet) to `to`, refusing if it moved meanwhile
// (compare-and-swap), then reads it back: only a branch that names the new commit is a commit
// made.
void move_head(git_repository* repo, const std::string& branch, const std::optional<git_oid>& from,
               const git_oid& to, const std::string& message) {
  std::string log = "commit: " + message.substr(0, message.find('\n'));
  git_reference* out = nullptr;
  int rc = from ? git_reference_create_matching(&out, repo, branch.c_str(), &to, 1, &*from, log.c_str())
                : git_reference_create(&out, repo, branch.c_str(), &to, 0, log.c_str());
  if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) fail_moved();
  git::check(rc, tx("cannot move the branch to the new commit"));
  git_reference_free(out);
  auto now = git::head_id(repo);
  if (!now || git_oid_cmp(&*now, &to) != 0)
    fail(ErrorKind::internal, tx("git could not record the commit (is the disk full?); nothing was changed"));
}

// An unfinished git operation: its name and how to finish or abort it.
Unfinished state_advice(int state) {
  switch (state) {
    case GIT_REPOSITORY_STATE_MERGE:
      return {N_("a merge is in progress"),
              N_("resolve and finish it with 'git commit', or abort it with 'git merge --abort'")};
    case GIT_REPOSITORY_STATE_REVERT:
    case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
      return {N_("a revert is in progress"),
              N_("finish it with 'git revert --continue', or abort it with 'git revert --abort'")};
    case GIT_REPOSITORY_STATE_CHERRYPICK:
    case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
      return {N_("a cherry-pick is in progress"),
              N_("finish it with 'git cherry-pick --continue', or abort it with 'git cherry-pick --abort'")};
    case GIT_REPOSITORY_STATE_BISECT:
      return {N_("a bisect is in progress"), N_("end it with 'git bisect reset'")};
    case GIT_REPOSITORY_STATE_REBASE:
    case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
    case GIT_REPOSITORY_STATE_REBASE_MERGE:
      return {N_("a rebase is in progress"),
              N_("finish it with 'git rebase --continue', or abort it with 'git rebase --abort'")};
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
      return {N_("'git am' is in progress"), N_("finish it with 'git am --continue', or abort it with 'git am --abort'")};
    default:
      return {N_("a git operation is in progress"), N_("finish or abort it with git")};
  }
}

// Brings git's index in line with the working files at paths, reading and writing it once.
// False on failure (a full disk): the commit is made, and the journal is kept so that the next
// start brings the index in line (a stale index would make a plain `git commit` revert it).
bool update_index(git_repository* repo, const std::vector<FileChange>& changes) {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repo) < 0) return false;
  git::Index index(raw);
  if (git_index_read(raw, 0) < 0) return false;
  for (auto& c : changes)
    if (git_index_add_bypath(raw, c.path.c_str()) < 0) return false;
  if (git_index_write(raw) < 0) return false;
  // libgit2 rewrites the index 0644; it lists every case's path, so keep it private like them.
  if (const char* path = git_index_path(raw)) ::chmod(path, 0600);
  return true;
}

}  // namespace

Repo::Repo(const std::string& root) : impl_(std::make_unique<Impl>()) {
  impl_->root = root;
  impl_->repo = git::open(root);
}

Repo::~Repo() = default;
Repo::Repo(Repo&&) noexcept = default;

void Repo::init(const std::string& root) {
  git::init();
  make_dirs(root);
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
  opts.initial_head = "main";
  git_repository* repo = nullptr;
  int rc = git_repository_init_ext(&repo, root.c_str(), &opts);
  if (rc == GIT_EEXISTS)
    fail(ErrorKind::conflict, txf("{} is already a git repository", root));
  git::check(rc, txf("cannot create a git repository in {}", root));
  git::Repository holder(repo);
  // The object store holds every record: keep it private like the records themselves.
  std::string gitdir = root + "/.git";
  if (::chmod(gitdir.c_str(), 0700) < 0)
    fail(ErrorKind::internal, txf("cannot set the mode of {}: {}", gitdir, std::strerror(errno)));
}

const std::string& Repo::root() const { return impl_->root; }

git_repository* Repo::handle() const { return impl_->repo.get(); }

std::optional<Unfinished> Repo::unfinished_operation() const {
  int state = git::check(git_repository_state(impl_->repo.get()), tx("cannot read the repository state"));
  if (state == GIT_REPOSITORY_STATE_NONE) return std::nullopt;
  return state_advice(state);
}

void Repo::require_clean_state() const {
  auto unfinished = unfinished_operation();
  if (!unfinished) return;
  fail(ErrorKind::conflict, txf("{0}; {1} in {2}; then run the command again", tx(unfinished->what),
                                tx(unfinished->advice), impl_->root));
}

void Repo::require_unmodified(const std::string& rel_path) const {
  check_rel_path(rel_path);
  require_no_symlinks(impl_->root, rel_path);
  git_repository* repo = impl_->repo.get();
  std::string full = impl_->root + "/" + rel_path;
  struct stat st {};
  bool on_disk = ::lstat(full.c_str(), &st) == 0;
  if (!on_disk && errno != ENOENT && errno != ENOTDIR)
    fail(ErrorKind::internal, txf("cannot read {}: {}", rel_path, std::strerror(errno)));

  std::optional<git_oid> committed;
  if (auto head = git::head_id(repo)) {
    git::Commit commit = git::lookup_commit(repo, *head);
    git::Tree tree = git::commit_tree(commit.get());
    git_tree_entry* e = nullptr;
    int rc = git_tree_entry_bypath(&e, tree.get(), rel_path.c_str());
    if (rc != GIT_ENOTFOUND) {
      git::check(rc, txf("cannot look up {}", rel_path));
      git::TreeEntry entry(e);
      if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) committed = *git_tree_entry_id(e);
    }
  }
  if (!on_disk && !committed) return;
  if (on_disk && !committed)
    fail(ErrorKind::conflict,
         txf("{} exists but is not committed (added by hand?); commit it with git, or move it away, then "
             "run the command again",
             rel_path));
  if (!on_disk)
    fail(ErrorKind::conflict,
         txf("{0} was deleted and the deletion is not committed; commit it with git, or restore the file "
             "with 'git checkout -- {0}', then run the command again",
             rel_path));
  if (!S_ISREG(st.st_mode))
    fail(ErrorKind::conflict,
         txf("{0} is not a regular file; put the committed file back with 'git checkout -- {0}', then "
             "run the command again",
             rel_path));
  git_oid actual;
  git::check(git_odb_hashfile(&actual, full.c_str(), GIT_OBJECT_BLOB),
             txf("cannot read {}", rel_path));
  if (git_oid_equal(&actual, &*committed)) return;
  fail(ErrorKind::conflict,
       txf("{0} has changes not committed (a hand edit?); commit them with git, or discard them with "
           "'git checkout -- {0}', then run the command again",
           rel_path));
}

std::optional<std::string> Repo::read_at(const std::string& rel_path, const std::string& rev) const {
  check_rel_path(rel_path);
  git_repository* repo = impl_->repo.get();
  git::Commit commit;
  if (rev == "HEAD") {
    auto head = git::head_id(repo);
    if (!head) return std::nullopt;
    commit = git::lookup_commit(repo, *head);
  } else {
    commit = git::resolve_commit(repo, rev);
    if (!commit) fail(ErrorKind::not_found, txf("no revision '{}' in the case directory", rev));
  }
  git::Tree tree = git::commit_tree(commit.get());
  return git::read_blob(repo, tree.get(), rel_path);
}

std::string Repo::head() const {
  auto id = git::head_id(impl_->repo.get());
  return id ? git::to_hex(*id) : std::string();
}

std::string Repo::commit(const std::vector<FileChange>& changes, const Author& author,
                         const std::string& message, const std::string& expected_head,
                         std::time_t when) {
  git_repository* repo = impl_->repo.get();
  auto head = git::head_id(repo);
  if ((head ? git::to_hex(*head) : std::string()) != expected_head) fail_moved();
  std::set<std::string> seen;
  for (auto& c : changes) {
    check_rel_path(c.path);
    require_no_symlinks(impl_->root, c.path);
    if (!seen.insert(c.path).second)
      fail(ErrorKind::internal, txf("{} is written twice in one commit", c.path));
  }
  git::Commit parent;
  git::Tree base;
  if (head) {
    parent = git::lookup_commit(repo, *head);
    base = git::commit_tree(parent.get());
  }
  // The event (author) time is `when`; the entry (committer) time is the real clock, always.
  git::Signature sig = git::make_signature(author.name, author.email, when);
  git::Signature entered = git::make_signature(author.name, author.email, entry_time());

  // Every byte on disk before anything changes: the new files in .casectl/tmp/, then the git
  // objects. A failure here (a full disk) leaves the files and HEAD as they were.
  std::string branch = head_branch(repo);
  std::string tmp = tmp_dir(impl_->root);
  std::vector<PendingFile> files;
  Journal journal{expected_head, "", branch, {}};
  for (auto& c : changes) {
    files.emplace_back(impl_->root + "/" + c.path, c.content, tmp);
    journal.paths.push_back(c.path);
  }
  git_oid commit_id =
      write_commit(repo, changes, base.get(), parent.get(), sig.get(), entered.get(), message);
  journal.commit = git::to_hex(commit_id);
  write_journal(impl_->root, journal);  // from here a kill is finished or rolled back by recover()

  // Then the files into place (renames) and HEAD moved by compare-and-swap; if HEAD cannot be
  // moved, the old files come back (hard links: no space needed). A new case's folder is made
  // only here, after the journal: a kill before leaves no empty folder (which would use up its
  // ID), a kill after is rolled back by recover(), which removes the folders it leaves empty.
  std::vector<std::string> new_folders;  // in the order made
  try {
    for (size_t i = 0; i < files.size(); ++i) {
      auto missing = missing_folders(impl_->root, changes[i].path);  // deepest first
      new_folders.insert(new_folders.end(), missing.rbegin(), missing.rend());
      std::string full = impl_->root + "/" + changes[i].path;
      make_dirs(full.substr(0, full.find_last_of('/')));
      files[i].place();
    }
    move_head(repo, branch, head, commit_id, message);
  } catch (...) {
    bool undone = true;
    for (auto& f : files) undone = f.undo() && undone;  // a file not placed is left alone
    if (undone) {
      files.clear();
      for (auto dir = new_folders.rbegin(); dir != new_folders.rend(); ++dir) ::rmdir(dir->c_str());
      try {
        clear_journal(impl_->root);
      } catch (const std::exception&) {  // recover() rolls it back at the next start
      }
    }  // else the journal stays: the next start rolls the files back from git
    throw;
  }
  files.clear();  // removes the backups
  // After the index: a kill (or a failure) before leaves it to recover() at the next start.
  if (update_index(repo, changes)) clear_journal(impl_->root);
  return git::to_hex(commit_id);
}

std::string Repo::git_user_email() const {
  git_config* raw = nullptr;
  git::check(git_repository_config_snapshot(&raw, impl_->repo.get()), tx("cannot read git configuration"));
  git::Config config(raw);
  return git::config_string(raw, "user.email");
}

std::string Repo::global_git_config(const std::string& key) {
  git::init();
  git_config* raw = nullptr;
  if (git_config_open_default(&raw) < 0) return "";
  git::Config config(raw);
  git_config* snap = nullptr;
  if (git_config_snapshot(&snap, raw) < 0) return "";
  git::Config snapshot(snap);
  return git::config_string(snap, key);
}

}  // namespace casectl
