#include <doctest/doctest.h>
#include <git2.h>

#include <sys/stat.h>
#include <unistd.h>

#include "core/error.hpp"
#include "core/git.hpp"
#include "core/history.hpp"
#include "history_fixture.hpp"

using namespace casectl;
using casectl::test::case_message;
using casectl::test::case_path;
using casectl::test::HistoryRepo;

namespace {

// The actions of the changes of a case (or all), newest first.
std::vector<std::string> actions(History& h, const std::string& id) {
  std::vector<std::string> out;
  for (const Change& c : h.changes(id)) out.push_back(c.action);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("the history index lists a case's changes newest first, with casectl's and git's apart") {
  HistoryRepo h;
  h.commit({{case_path(1), "a\n"}}, case_message("new", 1));
  h.commit({{case_path(2), "b\n"}}, case_message("new", 2));
  h.commit({{case_path(1), "a2\n"}}, "fix by hand\n");
  // A plain commit claiming to be casectl's change of case 2, but changing case 1.
  h.commit({{case_path(1), "a3\n"}}, case_message("assess", 2, "tanaka"));
  History history(h.root);
  HistoryStats st = history.refresh();
  CHECK(st.added == 5);
  std::vector<Change> one = history.changes("C-2026-0001");
  REQUIRE(one.size() == 3);
  CHECK(one[0].action == "git");  // the trees decide which case, so the trailers are not trusted
  CHECK_FALSE(one[0].casectl);
  CHECK(one[0].summary == "assess C-2026-0002: x");
  CHECK(one[1].action == "git");
  CHECK(one[1].summary == "fix by hand");
  CHECK(one[1].author_email == "sato@example.org");
  CHECK(one[2].action == "new");
  CHECK(one[2].casectl);
  CHECK(one[2].worker == "sato");
  CHECK(one[2].summary == "x");
  CHECK(one[2].cases == V{"C-2026-0001"});
  CHECK(actions(history, "C-2026-0002") == V{"new"});
  CHECK(actions(history, "") == V{"git", "git", "new", "new", "init"});
  CHECK(history.changes("C-2026-0003").empty());
}

TEST_CASE("the index grows by the new commits only, and a second object reads it as it is") {
  HistoryRepo h;
  h.commit({{case_path(1), "a\n"}}, case_message("new", 1));
  {
    History history(h.root);
    CHECK(history.refresh().added == 2);
    CHECK(history.refresh().added == 0);
  }
  h.commit({{case_path(1), "b\n"}}, case_message("note", 1));
  History again(h.root);
  HistoryStats st = again.refresh();
  CHECK(st.added == 1);
  CHECK_FALSE(st.rebuilt);
  CHECK(actions(again, "C-2026-0001") == V{"note", "new"});
}

TEST_CASE("a rewritten history: the commits no longer on HEAD are dropped, the new ones added") {
  HistoryRepo h;
  std::string base = h.commit({{case_path(1), "a\n"}}, case_message("new", 1));
  h.commit({{case_path(1), "b\n"}}, case_message("note", 1));
  h.commit({{case_path(2), "c\n"}}, case_message("new", 2));
  {
    History history(h.root);
    history.refresh();
  }
  h.reset_to(base);  // like git reset --hard HEAD~2
  h.commit({{case_path(1), "z\n"}}, case_message("assess", 1));
  History history(h.root);
  HistoryStats st = history.refresh();
  CHECK(st.removed == 2);
  CHECK(st.added == 1);
  CHECK(actions(history, "C-2026-0001") == V{"assess", "new"});
  CHECK(history.changes("C-2026-0002").empty());
  CHECK(actions(history, "") == V{"assess", "new", "init"});
}

TEST_CASE("deleting the index loses nothing; a symbolic link in its place is refused") {
  HistoryRepo h;
  h.commit({{case_path(1), "a\n"}}, case_message("new", 1));
  {
    History history(h.root);
    CHECK(actions(history, "C-2026-0001") == V{"new"});
  }
  std::string file = History::file_path(h.root);
  CHECK(::access(file.c_str(), F_OK) == 0);
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((file + suffix).c_str());
  {
    History history(h.root);
    CHECK(actions(history, "C-2026-0001") == V{"new"});
  }
  for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((file + suffix).c_str());
  REQUIRE(::symlink("/tmp/elsewhere.sqlite", file.c_str()) == 0);
  try {
    History history(h.root);
    history.refresh();
    FAIL("a symbolic link was followed");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::conflict);
  }
  CHECK(::access("/tmp/elsewhere.sqlite", F_OK) != 0);
}

TEST_CASE("a merge is listed for the cases it changes against its first parent, as git's") {
  HistoryRepo h;
  std::string base = h.commit({{case_path(1), "a\n"}, {case_path(2), "b\n"}}, "two\n");
  std::string side = h.commit({{case_path(2), "b2\n"}}, case_message("note", 2));
  h.reset_to(base);
  std::string main_tip = h.commit({{case_path(1), "a2\n"}}, case_message("note", 1));
  // The merge: main's first parent, the side branch second; its tree takes case 2 from the side.
  Repo repo(h.root);
  git_repository* r = repo.handle();
  git::Commit m = git::resolve_commit(r, main_tip), s = git::resolve_commit(r, side);
  git::Tree mt = git::commit_tree(m.get()), stree = git::commit_tree(s.get());
  git_tree_entry* e2 = nullptr;
  REQUIRE(git_tree_entry_bypath(&e2, stree.get(), case_path(2).c_str()) == 0);
  std::string path2 = case_path(2);
  git_tree_update up{GIT_TREE_UPDATE_UPSERT, *git_tree_entry_id(e2), GIT_FILEMODE_BLOB, path2.c_str()};
  git_tree_entry_free(e2);
  git_oid tree_id, merge_id;
  REQUIRE(git_tree_create_updated(&tree_id, r, mt.get(), 1, &up) == 0);
  git_tree* merged = nullptr;
  REQUIRE(git_tree_lookup(&merged, r, &tree_id) == 0);
  git::Tree merged_tree(merged);
  git::Signature sig = git::make_signature("Sato Yuki", "sato@example.org", 1793000000);
  const git_commit* parents[] = {m.get(), s.get()};
  REQUIRE(git_commit_create(&merge_id, r, "HEAD", sig.get(), sig.get(), "UTF-8", "Merge branch 'side'\n",
                            merged_tree.get(), 2, parents) == 0);
  History history(h.root);
  std::vector<Change> two = history.changes("C-2026-0002");
  REQUIRE(two.size() == 3);
  CHECK(two[0].merge);
  CHECK(two[0].action == "git");
  CHECK(two[0].summary == "Merge branch 'side'");
  CHECK(two[1].action == "note");
  CHECK(actions(history, "C-2026-0001") == V{"note", "git"});  // not the merge: case 1 is main's
}

TEST_CASE("each change carries the casectl.yaml in force: its first parent's (a first commit: its own)") {
  HistoryRepo h;
  h.commit({{case_path(1), "a\n"}}, case_message("new", 1));
  h.commit({{"casectl.yaml", "casectl: 1\nagency: B\n"}}, "worker set\n");
  h.commit({{case_path(1), "a2\n"}}, case_message("note", 1));
  git_oid first, second;
  git_odb_hash(&first, "casectl: 1\n", 11, GIT_OBJECT_BLOB);
  git_odb_hash(&second, "casectl: 1\nagency: B\n", 21, GIT_OBJECT_BLOB);
  History history(h.root);
  std::vector<std::string> settings;
  for (const Change& c : history.changes("")) settings.push_back(c.settings);
  // newest first: note, worker set (judged by the settings it replaced), new, init (its own)
  CHECK(settings == V{git::to_hex(second), git::to_hex(first), git::to_hex(first), git::to_hex(first)});
}

TEST_CASE("a late entry: the event dated more than a day before the entry") {
  Change c;
  c.entered = 1793000000;  // 2026-10-26
  c.event = c.entered - 86400;
  CHECK_FALSE(late_entry(c));
  c.event = c.entered - 3 * 86400;
  CHECK(late_entry(c));
  c.event = c.entered + 86400;  // dated after its entry (a date typed ahead) is not late
  CHECK_FALSE(late_entry(c));
}
