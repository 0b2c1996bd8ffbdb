#include <doctest/doctest.h>
#include <git2.h>

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/git.hpp"
#include "core/journal.hpp"
#include "core/atomic_file.hpp"
#include "core/lock.hpp"
#include "core/repo.hpp"

using namespace casectl;

namespace {

// A fresh folder under /tmp, removed with everything in it at the end of the scope.
struct RepoTempDir {
  std::string path;
  RepoTempDir() {
    char tmpl[] = "/tmp/casectl-repo-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~RepoTempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

const Author kSato{"Sato Yuki", "sato@example.org"};
const std::time_t kWhen = 1793000000;  // 2026-10-26

const std::string kCase1 = "cases/2026/00/C-2026-0001/case.yaml";
const std::string kPlan1 = "cases/2026/00/C-2026-0001/plan-1.md";
const std::string kCase2 = "cases/2026/00/C-2026-0002/case.yaml";

// The whole content of a file ("<absent>" when there is none).
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "<absent>";
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Overwrites a file the way a person with an editor would (no casectl involved).
void hand_write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// The permission bits of a path.
int mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// Number of entries git status reports (untracked files included), through libgit2.
size_t status_count(const Repo& repo) {
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
  git_status_list* list = nullptr;
  REQUIRE(git_status_list_new(&list, repo.handle(), &opts) == 0);
  git::StatusList holder(list);
  return git_status_list_entrycount(list);
}

// A new case directory with one first commit; returns its id.
std::string init_with_first_commit(const std::string& root) {
  Repo::init(root);
  Repo repo(root);
  return repo.commit({{"casectl.yaml", "casectl: 1\n"}, {".gitignore", ".casectl/\n"}}, kSato,
                     "init", "", kWhen);
}

// Expects fn to throw Error of kind whose message contains every one of parts.
template <class Fn>
void expect_error(Fn fn, ErrorKind kind, std::initializer_list<std::string> parts) {
  try {
    fn();
    FAIL("no error thrown");
  } catch (const Error& e) {
    CHECK(e.kind() == kind);
    for (auto& p : parts) CHECK_MESSAGE(std::string(e.what()).find(p) != std::string::npos, e.what());
  }
}

}  // namespace

TEST_CASE("init creates a repository on branch main with nothing committed") {
  RepoTempDir dir;
  std::string root = dir.path + "/office";
  Repo::init(root);
  Repo repo(root);
  CHECK(repo.root() == root);
  CHECK(repo.head() == "");
  git_reference* head = nullptr;
  REQUIRE(git_reference_lookup(&head, repo.handle(), "HEAD") == 0);
  git::Reference holder(head);
  REQUIRE(git_reference_type(head) == GIT_REFERENCE_SYMBOLIC);
  CHECK(std::string(git_reference_symbolic_target(head)) == "refs/heads/main");
  CHECK(mode_of(root + "/.git") == 0700);
  CHECK(repo.read_at("casectl.yaml") == std::nullopt);
  expect_error([&] { Repo::init(root); }, ErrorKind::conflict, {"already a git repository"});
}

TEST_CASE("opening a folder that is not a repository is an internal error") {
  RepoTempDir dir;
  expect_error([&] { Repo r(dir.path); }, ErrorKind::internal, {dir.path});
}

// The object id of a commit id in hex.
git_oid oid(const std::string& hex) {
  git_oid id;
  REQUIRE(git_oid_fromstr(&id, hex.c_str()) == 0);
  return id;
}

TEST_CASE("commits carry the files, author, time and message given") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  CHECK(repo.head() == first);
  CHECK(first.size() == 40);

  git::Commit c1 = git::lookup_commit(repo.handle(), oid(first));
  CHECK(git_commit_parentcount(c1.get()) == 0);
  CHECK(std::string(git_commit_author(c1.get())->name) == "Sato Yuki");
  CHECK(std::string(git_commit_author(c1.get())->email) == "sato@example.org");
  CHECK(std::string(git_commit_committer(c1.get())->email) == "sato@example.org");
  // The author is dated by the event (`when`), the committer by the real clock (SPEC section 6).
  CHECK(git_commit_author(c1.get())->when.time == kWhen);
  std::tm local{};
  localtime_r(&kWhen, &local);
  CHECK(git_commit_author(c1.get())->when.offset == local.tm_gmtoff / 60);
  std::time_t now = std::time(nullptr);
  CHECK(git_commit_time(c1.get()) <= now);
  CHECK(git_commit_time(c1.get()) > now - 60);
  CHECK(std::string(git_commit_message(c1.get())) == "init");

  std::string msg = "new C-2026-0001: referral\n\nCase: C-2026-0001\nStage: referred\nWorker: sato\n";
  std::string second =
      repo.commit({{kCase1, "id: C-2026-0001\n"}, {kPlan1, "# plan\n"}}, {"Tanaka Ken", "t@example.org"},
                  msg, first, kWhen + 60);
  CHECK(repo.head() == second);
  git::Commit c2 = git::lookup_commit(repo.handle(), oid(second));
  REQUIRE(git_commit_parentcount(c2.get()) == 1);
  CHECK(git::to_hex(*git_commit_parent_id(c2.get(), 0)) == first);
  CHECK(std::string(git_commit_author(c2.get())->name) == "Tanaka Ken");
  CHECK(git_commit_author(c2.get())->when.time == kWhen + 60);
  CHECK(git_commit_time(c2.get()) > now - 60);
  CHECK(std::string(git_commit_message(c2.get())) == msg);

  // The tree holds the old files and the new ones; the working files match.
  CHECK(repo.read_at("casectl.yaml") == "casectl: 1\n");
  CHECK(repo.read_at(kCase1) == "id: C-2026-0001\n");
  CHECK(repo.read_at(kPlan1) == "# plan\n");
  CHECK(slurp(dir.path + "/" + kCase1) == "id: C-2026-0001\n");

  // A third commit changing a file written in the same second keeps status clean too.
  std::string third = repo.commit({{kCase1, "id: C-2026-0001\nstage: assessed\n"}, {kCase2, "two\n"}},
                                  kSato, "assess", second, kWhen + 120);
  CHECK(repo.head() == third);
  CHECK(repo.read_at(kCase1) == "id: C-2026-0001\nstage: assessed\n");
}

TEST_CASE("after a commit git's index matches HEAD and the working files") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  CHECK(status_count(repo) == 0);
  std::string second = repo.commit({{kCase1, "a\n"}, {kPlan1, "p\n"}}, kSato, "new", first, kWhen);
  CHECK(status_count(repo) == 0);
  repo.commit({{kCase1, "b\n"}}, kSato, "edit", second, kWhen);
  CHECK(status_count(repo) == 0);
  // The check can see a difference: a hand edit shows up.
  hand_write(dir.path + "/" + kCase1, "c\n");
  CHECK(status_count(repo) == 1);
}

TEST_CASE("a stale expected HEAD is refused and the files are left as they were") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  std::string second = repo.commit({{kCase1, "one\n"}}, kSato, "new", first, kWhen);
  expect_error([&] { repo.commit({{kCase1, "lost\n"}, {kCase2, "new\n"}}, kSato, "x", first, kWhen); },
               ErrorKind::conflict, {"changed while", "run the command again"});
  CHECK(repo.head() == second);
  CHECK(slurp(dir.path + "/" + kCase1) == "one\n");
  CHECK(slurp(dir.path + "/" + kCase2) == "<absent>");
  // "" claims no commit yet: also stale.
  expect_error([&] { repo.commit({{kCase2, "x\n"}}, kSato, "x", "", kWhen); }, ErrorKind::conflict,
               {"changed while"});
  CHECK(status_count(repo) == 0);
}

TEST_CASE("a failure while writing puts back the files already written") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  std::string second = repo.commit({{kCase1, "one\n"}}, kSato, "new", first, kWhen);
  // A file not in git where the last file's new folder must go: it cannot be placed, after the
  // others were (folders are made only when placing, after the journal).
  hand_write(dir.path + "/cases/2026/01", "in the way\n");
  expect_error(
      [&] {
        repo.commit({{kCase1, "changed\n"}, {kCase2, "new\n"}, {"cases/2026/01/C-2026-0100/case.yaml", "y\n"}},
                    kSato, "x", second, kWhen);
      },
      ErrorKind::internal, {"cases/2026/01"});
  ::unlink((dir.path + "/cases/2026/01").c_str());
  CHECK(!journal_pending(dir.path));  // undone: nothing left to recover
  CHECK(repo.head() == second);
  CHECK(slurp(dir.path + "/" + kCase1) == "one\n");
  CHECK(slurp(dir.path + "/" + kCase2) == "<absent>");
  CHECK(::access((dir.path + "/cases/2026/00/C-2026-0002").c_str(), F_OK) != 0);  // new folder gone
  CHECK(status_count(repo) == 0);
}

TEST_CASE("paths outside the working tree are refused before anything is written") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  for (const char* bad : {"../escape", "/etc/passwd", "cases/../../x", ".git/config", "cases//x",
                          "cases/./x", ""}) {
    CHECK_THROWS_AS(repo.commit({{bad, "x\n"}}, kSato, "x", first, kWhen), Error);
    CHECK_THROWS_AS(repo.require_unmodified(bad), Error);
  }
  CHECK(repo.head() == first);
}

TEST_CASE("require_unmodified catches hand edits, untracked and deleted files") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  repo.commit({{kCase1, "one\n"}}, kSato, "new", first, kWhen);
  repo.require_unmodified(kCase1);  // as committed
  repo.require_unmodified(kCase2);  // absent from both

  hand_write(dir.path + "/" + kCase1, "one, edited\n");
  expect_error([&] { repo.require_unmodified(kCase1); }, ErrorKind::conflict,
               {kCase1 + " has changes not committed", "git checkout -- " + kCase1,
                "run the command again"});
  hand_write(dir.path + "/" + kCase1, "one\n");  // edited back: fine again
  repo.require_unmodified(kCase1);

  ::mkdir((dir.path + "/cases/2026/00/C-2026-0002").c_str(), 0700);
  hand_write(dir.path + "/" + kCase2, "untracked\n");
  expect_error([&] { repo.require_unmodified(kCase2); }, ErrorKind::conflict,
               {kCase2, "not committed"});

  ::unlink((dir.path + "/" + kCase1).c_str());
  expect_error([&] { repo.require_unmodified(kCase1); }, ErrorKind::conflict,
               {kCase1, "deleted", "git checkout -- " + kCase1});
}

TEST_CASE("require_unmodified before the first commit") {
  RepoTempDir dir;
  Repo::init(dir.path);
  Repo repo(dir.path);
  repo.require_unmodified("casectl.yaml");
  hand_write(dir.path + "/casectl.yaml", "x\n");
  CHECK_THROWS_AS(repo.require_unmodified("casectl.yaml"), Error);
}

TEST_CASE("require_clean_state refuses while a merge is in progress") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  repo.require_clean_state();
  hand_write(dir.path + "/.git/MERGE_HEAD", first + "\n");
  expect_error([&] { repo.require_clean_state(); }, ErrorKind::conflict,
               {"merge is in progress", "git merge --abort"});
  ::unlink((dir.path + "/.git/MERGE_HEAD").c_str());
  ::mkdir((dir.path + "/.git/rebase-merge").c_str(), 0700);
  expect_error([&] { repo.require_clean_state(); }, ErrorKind::conflict, {"rebase", "git rebase --abort"});
}

TEST_CASE("written files are 0600 and new folders 0700 whatever the umask") {
  RepoTempDir dir;
  mode_t old = ::umask(022);
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  repo.commit({{kCase1, "one\n"}}, kSato, "new", first, kWhen);
  ::umask(old);
  CHECK(mode_of(dir.path + "/" + kCase1) == 0600);
  CHECK(mode_of(dir.path + "/casectl.yaml") == 0600);
  CHECK(mode_of(dir.path + "/cases") == 0700);
  CHECK(mode_of(dir.path + "/cases/2026") == 0700);
  CHECK(mode_of(dir.path + "/cases/2026/00") == 0700);
  CHECK(mode_of(dir.path + "/cases/2026/00/C-2026-0001") == 0700);
}

TEST_CASE("write_file_atomic replaces content and leaves no temp file") {
  RepoTempDir dir;
  mode_t old = ::umask(0);
  std::string path = dir.path + "/a/b/file.txt";
  write_file_atomic(path, "first");
  write_file_atomic(path, std::string(100000, 'x'));
  ::umask(old);
  CHECK(slurp(path) == std::string(100000, 'x'));
  CHECK(mode_of(path) == 0600);
  CHECK(mode_of(dir.path + "/a") == 0700);
  DIR* d = opendir((dir.path + "/a/b").c_str());
  REQUIRE(d);
  int entries = 0;
  while (dirent* e = readdir(d))
    if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++entries;
  closedir(d);
  CHECK(entries == 1);
  // A folder where a file is needed: an internal error naming the path.
  expect_error([&] { write_file_atomic(dir.path + "/a/b", "x"); }, ErrorKind::internal,
               {dir.path + "/a/b"});
  expect_error([&] { write_file_atomic(path + "/under-a-file", "x"); }, ErrorKind::internal, {path});
}

TEST_CASE("read_at reads HEAD or an older revision") {
  RepoTempDir dir;
  std::string first = init_with_first_commit(dir.path);
  Repo repo(dir.path);
  std::string second = repo.commit({{kCase1, "v1\n"}}, kSato, "new", first, kWhen);
  std::string third = repo.commit({{kCase1, "v2\n"}}, kSato, "edit", second, kWhen + 1);
  CHECK(repo.read_at(kCase1) == "v2\n");
  CHECK(repo.read_at(kCase1, third) == "v2\n");
  CHECK(repo.read_at(kCase1, second) == "v1\n");
  CHECK(repo.read_at(kCase1, second.substr(0, 10)) == "v1\n");
  CHECK(repo.read_at(kCase1, "HEAD~1") == "v1\n");
  CHECK(repo.read_at(kCase1, "main~2") == std::nullopt);
  CHECK(repo.read_at(kCase1, first) == std::nullopt);
  CHECK(repo.read_at("cases/2026/00/C-2026-0001") == std::nullopt);  // a folder, not a file
  expect_error([&] { repo.read_at(kCase1, "HEAD~5"); }, ErrorKind::not_found, {"HEAD~5"});
  expect_error([&] { repo.read_at(kCase1, "no-such-branch"); }, ErrorKind::not_found,
               {"no-such-branch"});
}

TEST_CASE("git identity comes from the repository configuration") {
  RepoTempDir dir;
  Repo::init(dir.path);
  Repo repo(dir.path);
  git_config* cfg = nullptr;
  REQUIRE(git_repository_config(&cfg, repo.handle()) == 0);
  git::Config holder(cfg);
  git_config* local = nullptr;
  REQUIRE(git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) == 0);
  git::Config local_holder(local);
  REQUIRE(git_config_set_string(local, "user.email", "kato@example.org") == 0);
  REQUIRE(git_config_set_string(local, "user.name", "Kato Emi") == 0);
  CHECK(repo.git_user_email() == "kato@example.org");
  CHECK(Repo::global_git_config("casectl.no-such-key") == "");
}

TEST_CASE("the lock names its holder and is released with its owner") {
  RepoTempDir dir;
  auto first = std::make_unique<Lock>(dir.path, "worker sato: casectl assess C-2026-0001");
  CHECK(mode_of(dir.path + "/.casectl") == 0700);
  CHECK(mode_of(dir.path + "/.casectl/lock") == 0600);
  std::string text = slurp(dir.path + "/.casectl/lock");
  CHECK(text.find("worker sato: casectl assess C-2026-0001") != std::string::npos);
  CHECK(text.find(fmt::format("pid {}", ::getpid())) != std::string::npos);

  auto start = std::chrono::steady_clock::now();
  expect_error([&] { Lock second(dir.path, "worker tanaka", 0.2); }, ErrorKind::conflict,
               {"busy", "held by worker sato: casectl assess C-2026-0001", "try again"});
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(waited >= 0.19);
  CHECK(waited < 1.5);

  first.reset();
  Lock third(dir.path, "worker tanaka", 0.2);
  CHECK(slurp(dir.path + "/.casectl/lock").find("worker tanaka") != std::string::npos);
}

TEST_CASE("the lock does not create a missing case directory") {
  RepoTempDir dir;
  std::string root = dir.path + "/missing";
  expect_error([&] { Lock lock(root, "worker sato", 0.1); }, ErrorKind::internal, {root});
  CHECK(::access(root.c_str(), F_OK) != 0);
}

TEST_CASE("a lock held by another process is released when that process dies") {
  RepoTempDir dir;
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    try {
      Lock lock(dir.path, "worker kato: casectl plan C-2026-0003", 0);
      char ok = 'y';
      if (::write(ready[1], &ok, 1) != 1) ::_exit(1);
      ::sleep(30);
    } catch (...) {
    }
    ::_exit(1);
  }
  ::close(ready[1]);
  char ok = 0;
  REQUIRE(::read(ready[0], &ok, 1) == 1);
  ::close(ready[0]);
  expect_error([&] { Lock lock(dir.path, "worker sato", 0.2); }, ErrorKind::conflict,
               {"held by worker kato: casectl plan C-2026-0003", fmt::format("pid {}", child)});
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  Lock lock(dir.path, "worker sato", 0.2);
  CHECK(slurp(dir.path + "/.casectl/lock").find("worker sato") != std::string::npos);
}
