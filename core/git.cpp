// libgit2 helpers: error conversion, ids, lookups, signatures, configuration values.
#include "core/git.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <ctime>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace casectl::git {

// libgit2 with the git directory fsynced (objects, refs, index), as git does with
// core.fsync: a commit reported as made survives a power cut.
namespace {
std::atomic<bool> started{false};
}

void init() {
  static const int once = [] {
    int rc = git_libgit2_init();
    git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
    started = true;
    return rc;
  }();
  (void)once;
}

void shutdown() {
  if (started.exchange(false)) git_libgit2_shutdown();
}

std::string last_error() {
  const git_error* e = git_error_last();
  return (e && e->message) ? std::string(e->message) : std::string("unknown error");
}

int check(int rc, const std::string& what) {
  if (rc < 0) fail(ErrorKind::internal, fmt::format("{}: {}", what, last_error()));
  return rc;
}

std::string to_hex(const git_oid& id) {
  char out[GIT_OID_HEXSZ + 1];
  git_oid_tostr(out, sizeof out, &id);
  return out;
}

Repository open(const std::string& root) {
  init();
  git_repository* repo = nullptr;
  int rc = git_repository_open_ext(&repo, root.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  // git's ownership check: libgit2 1.5 says GIT_EOWNER, or, when no safe.directory is set at
  // all, GIT_ENOTFOUND with the message of that failed look-up.
  struct stat st {};
  if (rc == GIT_EOWNER ||
      (rc == GIT_ENOTFOUND && ::stat((root + "/.git").c_str(), &st) == 0 && st.st_uid != ::geteuid()))
    fail(ErrorKind::refused,
         txf("{} belongs to another user, and git opens such a repository only when it is named "
                     "safe: git config --global --add safe.directory {} (casectl reads ~/.gitconfig, not "
                     "GIT_CONFIG_GLOBAL)",
                     root, root));
  if (rc < 0)
    fail(ErrorKind::internal,
         txf("{} is not a case directory (no git repository): {}", root, last_error()));
  return Repository(repo);
}

std::optional<git_oid> head_id(git_repository* repo) {
  git_oid id;
  int rc = git_reference_name_to_id(&id, repo, "HEAD");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return std::nullopt;
  check(rc, tx("cannot read HEAD"));
  return id;
}

Commit lookup_commit(git_repository* repo, const git_oid& id) {
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo, &id), txf("cannot read commit {}", to_hex(id)));
  return Commit(c);
}

Tree commit_tree(const git_commit* commit) {
  git_tree* t = nullptr;
  check(git_commit_tree(&t, commit),
        txf("cannot read the tree of commit {}", to_hex(*git_commit_id(commit))));
  return Tree(t);
}

Commit resolve_commit(git_repository* repo, const std::string& rev) {
  git_object* obj = nullptr;
  int rc = git_revparse_single(&obj, repo, rev.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC ||
      rc == GIT_EUNBORNBRANCH)
    return nullptr;
  check(rc, txf("cannot resolve revision '{}'", rev));
  Object holder(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) return nullptr;
  return Commit(reinterpret_cast<git_commit*>(peeled));
}

std::optional<std::string> read_blob(git_repository* repo, const git_tree* tree,
                                     const std::string& path) {
  git_tree_entry* e = nullptr;
  int rc = git_tree_entry_bypath(&e, tree, path.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, txf("cannot look up {}", path));
  TreeEntry entry(e);
  if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return std::nullopt;
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo, git_tree_entry_id(e)), txf("cannot read {}", path));
  Blob blob(b);
  auto* data = static_cast<const char*>(git_blob_rawcontent(b));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(b)));
}

Signature make_signature(const std::string& name, const std::string& email, std::time_t when) {
  std::tm local{};
  localtime_r(&when, &local);
  int offset_minutes = static_cast<int>(local.tm_gmtoff / 60);
  git_signature* sig = nullptr;
  check(git_signature_new(&sig, name.c_str(), email.c_str(), static_cast<git_time_t>(when),
                          offset_minutes),
        tx("cannot make the commit author (check the worker's name and email)"));
  return Signature(sig);
}

std::string config_string(git_config* config, const std::string& key) {
  Buf value;
  int rc = git_config_get_string_buf(&value.buf, config, key.c_str());
  if (rc == GIT_ENOTFOUND) return "";
  check(rc, txf("cannot read git configuration {}", key));
  return value.str();
}

std::optional<std::string> merge_lines(const std::string& base, const std::string& ours, const std::string& theirs) {
  init();
  auto input = [](const std::string& text) {
    git_merge_file_input in;
    git_merge_file_input_init(&in, GIT_MERGE_FILE_INPUT_VERSION);
    in.ptr = text.data();
    in.size = text.size();
    return in;
  };
  git_merge_file_input b = input(base), o = input(ours), t = input(theirs);
  git_merge_file_result result{};
  if (git_merge_file(&result, &b, &o, &t, nullptr) != 0) return std::nullopt;
  std::optional<std::string> out;
  if (result.automergeable && result.ptr) out = std::string(result.ptr, result.len);
  git_merge_file_result_free(&result);
  return out;
}

}  // namespace casectl::git
