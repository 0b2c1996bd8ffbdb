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

TEST_CASE("deleting the index loses nothing, a symbolic link in its place is refused") {
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

namespace {

// The IDs each change of a case was made under, newest first.
std::vector<std::string> ids_of(History& h, const std::string& id) {
  std::vector<std::string> out;
  for (const Change& c : h.changes(id)) out.push_back(c.case_id);
  return out;
}

// Moves case n's record to case m's folder as `git mv` and an edit of its id would, by hand.
std::string renumber_by_hand(HistoryRepo& h, int n, int m, const std::string& rest) {
  return h.commit_edit({{case_path(m), casectl::test::record_of(m, rest)}}, {case_path(n)}, "renumber\n");
}

}  // namespace

TEST_CASE("a renumbered case's changes are followed back under its former ID, renumbered again too") {
  using casectl::test::record_of;
  HistoryRepo h;
  h.commit({{case_path(5), record_of(5, "v: 1\n")}}, case_message("new", 5));
  h.commit({{case_path(5), record_of(5, "v: 2\n")}}, case_message("note", 5));
  h.commit({{case_path(6), record_of(6)}}, case_message("new", 6));
  std::string moved = renumber_by_hand(h, 5, 107, "v: 2\n");
  h.commit({{case_path(107), record_of(107, "v: 3\n")}}, case_message("assess", 107));
  History history(h.root);
  CHECK(actions(history, "C-2026-0107") == V{"assess", "git", "note", "new"});
  CHECK(ids_of(history, "C-2026-0107") == V{"C-2026-0107", "C-2026-0107", "C-2026-0005", "C-2026-0005"});
  std::vector<Change> all = history.changes("C-2026-0107");
  CHECK(all[1].commit == moved);
  CHECK(all[1].renames == std::vector<CaseRename>{{"C-2026-0005", "C-2026-0107", false}});
  CHECK(all[0].renames.empty());
  // The former ID names no case now: nothing listed, the renumbering found.
  CHECK(history.changes("C-2026-0005").empty());
  REQUIRE(history.renumbered_away("C-2026-0005"));
  CHECK(history.renumbered_away("C-2026-0005")->commit == moved);
  CHECK_FALSE(history.renumbered_away("C-2026-0107"));
  CHECK(actions(history, "C-2026-0006") == V{"new"});
  // Renumbered again, then back to its first ID: the whole chain, each change once.
  renumber_by_hand(h, 107, 108, "v: 3\n");
  renumber_by_hand(h, 108, 5, "v: 3\n");
  History again(h.root);
  CHECK(actions(again, "C-2026-0005") == V{"git", "git", "assess", "git", "note", "new"});
  CHECK(ids_of(again, "C-2026-0005") ==
        V{"C-2026-0005", "C-2026-0108", "C-2026-0107", "C-2026-0107", "C-2026-0005", "C-2026-0005"});
  CHECK(again.changes("C-2026-0107").empty());
  CHECK(again.changes("C-2026-0108").empty());
  CHECK_FALSE(again.renumbered_away("C-2026-0005"));
}

TEST_CASE("an ID given to a new case after its case was renumbered lists the new case's changes only") {
  using casectl::test::record_of;
  HistoryRepo h;
  h.commit({{case_path(5), record_of(5)}}, case_message("new", 5));
  renumber_by_hand(h, 5, 7, "status: intake\nworker: sato\n");
  h.commit({{case_path(5), record_of(5, "other: case\n")}}, case_message("new", 5, "tanaka"));
  History history(h.root);
  std::vector<Change> five = history.changes("C-2026-0005");
  REQUIRE(five.size() == 1);
  CHECK(five[0].worker == "tanaka");
  CHECK(actions(history, "C-2026-0007") == V{"git", "new"});
  CHECK(ids_of(history, "C-2026-0007") == V{"C-2026-0007", "C-2026-0005"});
  CHECK_FALSE(history.renumbered_away("C-2026-0005"));
}

TEST_CASE("a case deleted and another added in one commit are not followed, the index made anew agrees") {
  using casectl::test::record_of;
  HistoryRepo h;
  h.commit({{case_path(5), record_of(5)}}, case_message("new", 5));
  h.commit_edit({{case_path(7), record_of(7, "status: closed\n")}}, {case_path(5)}, "swap\n");
  renumber_by_hand(h, 7, 9, "status: closed\n");
  std::vector<Change> before;
  {
    History history(h.root);
    CHECK(actions(history, "C-2026-0009") == V{"git", "git"});
    CHECK(ids_of(history, "C-2026-0009") == V{"C-2026-0009", "C-2026-0007"});
    CHECK(history.changes("C-2026-0005").size() == 2);  // its new and its deletion
    before = history.changes("C-2026-0009");
  }
  std::string file = History::file_path(h.root);
  for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((file + suffix).c_str());
  History rebuilt(h.root);
  std::vector<Change> after = rebuilt.changes("C-2026-0009");
  REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    CHECK(after[i].commit == before[i].commit);
    CHECK(after[i].case_id == before[i].case_id);
    CHECK(after[i].renames == before[i].renames);
  }
}

TEST_CASE("a rewritten history drops the renumberings of the commits dropped") {
  using casectl::test::record_of;
  HistoryRepo h;
  std::string base = h.commit({{case_path(5), record_of(5)}}, case_message("new", 5));
  renumber_by_hand(h, 5, 7, "status: intake\nworker: sato\n");
  {
    History history(h.root);
    CHECK(actions(history, "C-2026-0007") == V{"git", "new"});
  }
  h.reset_to(base);
  h.commit({{case_path(7), record_of(7)}}, case_message("new", 7));  // C-2026-0007 made anew
  History history(h.root);
  CHECK(actions(history, "C-2026-0007") == V{"new"});
  CHECK(actions(history, "C-2026-0005") == V{"new"});
}
