#include <doctest/doctest.h>

#include "core/case_rename.hpp"
#include "core/case_store.hpp"
#include "core/git.hpp"
#include "core/repo.hpp"
#include "history_fixture.hpp"

using namespace casectl;
using casectl::test::case_id;
using casectl::test::case_message;
using casectl::test::case_path;
using casectl::test::HistoryRepo;
using casectl::test::record_of;

namespace {

using Renames = std::vector<CaseRename>;

// The renumberings of commit `id` against its first parent.
Renames renames_of(const HistoryRepo& h, const std::string& id) {
  Repo repo(h.root);
  git::Commit c = git::resolve_commit(repo.handle(), id);
  git::Tree after = git::commit_tree(c.get());
  git::Commit p = git::lookup_commit(repo.handle(), *git_commit_parent_id(c.get(), 0));
  git::Tree before = git::commit_tree(p.get());
  return case_renames(repo.handle(), c.get(), compare_trees(repo.handle(), before.get(), after.get()));
}

// renamed_from() for commit `id` and the case number n.
std::optional<std::string> from_of(const HistoryRepo& h, const std::string& id, int n) {
  Repo repo(h.root);
  git::Commit c = git::resolve_commit(repo.handle(), id);
  return renamed_from(repo.handle(), c.get(), case_id(n));
}

// The folder of case n: "cases/2026/00/C-2026-0005".
std::string folder(int n) { return case_path(n).substr(0, case_path(n).size() - std::string("/case.yaml").size()); }

// The folder of case n moved to case m's (record with its id made m's, and plan-1.md), with
// `message`; `extra` is appended to the moved record (an edit made in the same commit).
std::string move(HistoryRepo& h, int n, int m, const std::string& message, const std::string& extra = "") {
  std::string dir_n = folder(n), dir_m = folder(m);
  return h.commit_edit({{case_path(m), record_of(m) + extra}, {dir_m + "/plan-1.md", "# plan\n"}},
                       {case_path(n), dir_n + "/plan-1.md"}, message);
}

// Case n as casectl made it: its record and a plan document.
void make_case(HistoryRepo& h, int n) {
  std::string dir = folder(n);
  h.commit({{case_path(n), record_of(n)}, {dir + "/plan-1.md", "# plan\n"}}, case_message("new", n));
}

}  // namespace

TEST_CASE("renumbered by hand: the record moved as it was, its id excepted, is a rename") {
  HistoryRepo h;
  make_case(h, 5);
  std::string id = move(h, 5, 107, "renumber by hand\n");  // another shard, a plain message
  CHECK(renames_of(h, id) == Renames{{"C-2026-0005", "C-2026-0107", false}});
  CHECK(from_of(h, id, 107) == "C-2026-0005");
  CHECK_FALSE(from_of(h, id, 5));
  CHECK_FALSE(from_of(h, id, 6));
}

TEST_CASE("a case deleted and an unrelated one added in the same commit are no rename") {
  HistoryRepo h;
  make_case(h, 5);
  // The new record differs in more than its id.
  std::string id = move(h, 5, 7, "delete one, add one\n", "note: other\n");
  CHECK(renames_of(h, id).empty());
  CHECK_FALSE(from_of(h, id, 7));
  // A new case beside one deleted, whose record is not the other's: no rename either.
  make_case(h, 8);
  std::string two = h.commit_edit({{case_path(9), record_of(9, "status: closed\n")}}, {case_path(8)}, "x\n");
  CHECK(renames_of(h, two).empty());
  // A folder that appeared where none vanished (a new case) never reads a blob: no rename.
  std::string fresh = h.commit({{case_path(10), record_of(10)}}, case_message("new", 10));
  CHECK(renames_of(h, fresh).empty());
  CHECK_FALSE(from_of(h, fresh, 10));
}

TEST_CASE("the Renumbered-From trailer tells a renumbering the record alone would not") {
  HistoryRepo h;
  make_case(h, 5);
  make_case(h, 6);
  // casectl's renumbering message (as sync writes it), the record edited further too.
  std::string msg = commit_message("C-2026-0007", renumbering(*parse_case_id("C-2026-0005")), "intake", "sato");
  std::string id = move(h, 5, 7, msg, "links: []\n");
  CHECK(renames_of(h, id) == Renames{{"C-2026-0005", "C-2026-0007", true}});
  CHECK(from_of(h, id, 7) == "C-2026-0005");
  // A plain message with the trailer and no Case: NEW is the only folder that appeared.
  make_case(h, 11);
  std::string plain = move(h, 11, 12, "renumbered\n\nRenumbered-From: C-2026-0011\n", "x: 1\n");
  CHECK(renames_of(h, plain) == Renames{{"C-2026-0011", "C-2026-0012", true}});
  // The trailer naming a case whose folder did not vanish is no rename.
  std::string wrong = move(h, 6, 13, "renumbered\n\nRenumbered-From: C-2026-0012\n", "x: 1\n");
  CHECK(renames_of(h, wrong).empty());
}

TEST_CASE("two renumberings in one commit are paired by their records") {
  HistoryRepo h;
  h.commit({{case_path(1), record_of(1)}, {case_path(2), record_of(2, "status: closed\n")}}, "two\n");
  std::string id = h.commit_edit({{case_path(3), record_of(3, "status: closed\n")}, {case_path(4), record_of(4)}},
                                 {case_path(1), case_path(2)}, "renumber both\n");
  CHECK(renames_of(h, id) == Renames{{"C-2026-0002", "C-2026-0003", false}, {"C-2026-0001", "C-2026-0004", false}});
}

TEST_CASE("the record rule: every byte the same but the top-level id's value") {
  std::string a = "casectl: 1\nid: C-2026-0005\nstatus: intake\nlinks:\n  - id: C-2026-0001\n";
  CHECK(same_record_but_id(a, "C-2026-0005", "casectl: 1\nid: C-2026-0007\nstatus: intake\nlinks:\n  - id: C-2026-0001\n",
                           "C-2026-0007"));
  CHECK(same_record_but_id(a, "C-2026-0005",
                           "casectl: 1\nid: \"C-2026-0007\"\nstatus: intake\nlinks:\n  - id: C-2026-0001\n",
                           "C-2026-0007"));
  // Another byte changed, the id not changed, the id not the folder's, no id at all.
  CHECK_FALSE(same_record_but_id(a, "C-2026-0005",
                                 "casectl: 1\nid: C-2026-0007\nstatus: closed\nlinks:\n  - id: C-2026-0001\n",
                                 "C-2026-0007"));
  CHECK_FALSE(same_record_but_id(a, "C-2026-0005", a, "C-2026-0007"));
  CHECK_FALSE(same_record_but_id(a, "C-2026-0009", a, "C-2026-0005"));
  CHECK_FALSE(same_record_but_id("status: intake\n", "C-2026-0005", "status: intake\n", "C-2026-0007"));
}

TEST_CASE("renumbering(): casectl's message for it carries the trailer after Case, Stage, Worker") {
  std::string msg = commit_message("C-2026-0007", renumbering(*parse_case_id("C-2026-0005")), "active", "sato");
  CHECK(msg ==
        "renumber C-2026-0007: from C-2026-0005\n\nCase: C-2026-0007\nStage: active\nWorker: sato\n"
        "Renumbered-From: C-2026-0005\n");
}
