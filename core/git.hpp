// Thin RAII wrappers over libgit2 and a check() that turns its errors into casectl::Error.
#pragma once
#include <git2.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>

namespace casectl::git {

// Initialises libgit2 once for the process; every function here calls it, so callers need not.
void init();
// Shuts libgit2 down at the end of the process, if init() started it.
void shutdown();

// The message of libgit2's last error, or "unknown error".
std::string last_error();

// Returns rc when it is >= 0; else throws Error(internal, "WHAT: <libgit2 message>").
int check(int rc, const std::string& what);

// Frees a libgit2 object with its own free function.
template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const {
    if (p) Free(p);
  }
};

template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Handle<git_repository, git_repository_free>;
using Index = Handle<git_index, git_index_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Object = Handle<git_object, git_object_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Signature = Handle<git_signature, git_signature_free>;
using Config = Handle<git_config, git_config_free>;
using Revwalk = Handle<git_revwalk, git_revwalk_free>;
using Diff = Handle<git_diff, git_diff_free>;
using StatusList = Handle<git_status_list, git_status_list_free>;
using Remote = Handle<git_remote, git_remote_free>;
using AnnotatedCommit = Handle<git_annotated_commit, git_annotated_commit_free>;

// A git_buf disposed of at the end of its scope.
struct Buf {
  git_buf buf = GIT_BUF_INIT;
  Buf() = default;
  Buf(const Buf&) = delete;
  Buf& operator=(const Buf&) = delete;
  ~Buf() { git_buf_dispose(&buf); }
  std::string str() const { return buf.ptr ? std::string(buf.ptr, buf.size) : std::string(); }
};

// Object ids as 40 hex digits and back (Error(internal) if not an id).
std::string to_hex(const git_oid& id);

// Opens the repository whose working folder is root (no search upwards). Error(refused) naming
// safe.directory when git's ownership check refuses it (another user's repository).
Repository open(const std::string& root);

// HEAD's commit id, or nullopt when HEAD's branch has no commit yet.
std::optional<git_oid> head_id(git_repository* repo);

// The commit with this id; Error(internal) if missing.
Commit lookup_commit(git_repository* repo, const git_oid& id);
// The tree of a commit.
Tree commit_tree(const git_commit* commit);
// The commit rev (id, branch, tag, HEAD~N) names, or nullptr when there is no such revision.
Commit resolve_commit(git_repository* repo, const std::string& rev);
// The content of the blob at path in tree, or nullopt when there is none (or it is not a file).
std::optional<std::string> read_blob(git_repository* repo, const git_tree* tree,
                                     const std::string& path);

// A signature at `when` (seconds since the epoch) with the local UTC offset of that moment.
Signature make_signature(const std::string& name, const std::string& email, std::time_t when);

// A string value from a configuration, or "" when it is not set.
std::string config_string(git_config* config, const std::string& key);

// git's own line-by-line three-way merge of three texts (git merge-file), or nullopt when the
// lines conflict or libgit2 fails.
std::optional<std::string> merge_lines(const std::string& base, const std::string& ours, const std::string& theirs);

}  // namespace casectl::git
