#include <doctest/doctest.h>

#include "core/git.hpp"
#include "core/repo.hpp"
#include "core/tree_changes.hpp"
#include "history_fixture.hpp"

using namespace casectl;
using casectl::test::case_path;
using casectl::test::HistoryRepo;

namespace {

// The comparison of commit `id` with its first parent (none for a first commit).
TreeChanges changes_of(const HistoryRepo& h, const std::string& id) {
  Repo repo(h.root);
  git::Commit c = git::resolve_commit(repo.handle(), id);
  git::Tree after = git::commit_tree(c.get());
  git::Tree before;
  if (git_commit_parentcount(c.get()) > 0) {
    git::Commit p = git::lookup_commit(repo.handle(), *git_commit_parent_id(c.get(), 0));
    before = git::commit_tree(p.get());
  }
  return compare_trees(repo.handle(), before.get(), after.get());
}

}  // namespace

TEST_CASE("a first commit's cases and files are all changes") {
  HistoryRepo h;
  TreeChanges first = changes_of(h, h.head);
  CHECK(first.cases.empty());
  CHECK(first.outside);  // casectl.yaml
  std::string id = h.commit({{case_path(1), "a\n"}, {case_path(250), "b\n"}}, "two cases\n");
  TreeChanges two = changes_of(h, id);
  CHECK(two.cases == std::vector<std::string>{"C-2026-0001", "C-2026-0250"});
  CHECK_FALSE(two.outside);
}

TEST_CASE("only the folders on the changed path are read, however many cases there are") {
  HistoryRepo h;
  std::vector<FileChange> many;
  for (int n = 1; n <= 300; ++n) many.push_back({case_path(n), "v1\n"});
  h.commit(many, "300 cases\n");
  std::string id = h.commit({{case_path(142), "v2\n"}}, "one case\n");
  TreeChanges one = changes_of(h, id);
  CHECK(one.cases == std::vector<std::string>{"C-2026-0142"});
  CHECK_FALSE(one.outside);
  CHECK(one.trees_read == 6);  // cases/, 2026/ and 01/ on each side; no case folder is opened

  std::string settings = h.commit({{"casectl.yaml", "casectl: 2\n"}}, "settings\n");
  TreeChanges s = changes_of(h, settings);
  CHECK(s.cases.empty());
  CHECK(s.outside);
  CHECK(s.trees_read == 0);  // cases/ is the same tree on both sides
}

TEST_CASE("a document, a new case and two shards in one commit, stray files are outside") {
  HistoryRepo h;
  h.commit({{case_path(1), "a\n"}, {case_path(101), "b\n"}}, "two\n");
  std::string id = h.commit({{"cases/2026/00/C-2026-0001/plan-1.md", "# plan\n"}, {case_path(102), "c\n"}},
                            "doc and new\n");
  TreeChanges t = changes_of(h, id);
  CHECK(t.cases == std::vector<std::string>{"C-2026-0001", "C-2026-0102"});
  CHECK_FALSE(t.outside);
  std::string stray = h.commit({{"cases/2026/00/README", "x\n"}, {"cases/2026/00/notes/x", "y\n"}}, "stray\n");
  TreeChanges s = changes_of(h, stray);
  CHECK(s.cases.empty());
  CHECK(s.outside);
  std::string top = h.commit({{"cases/README", "x\n"}, {"cases/20261/00/C-2026-0001/case.yaml", "y\n"}}, "top\n");
  CHECK(changes_of(h, top).outside);
  CHECK(changes_of(h, top).cases.empty());
}

TEST_CASE("the case folders that appeared and vanished are told apart from those changed") {
  HistoryRepo h;
  h.commit({{case_path(1), "a\n"}, {case_path(2), "b\n"}, {"cases/2026/00/C-2026-0001/plan-1.md", "p\n"}}, "two\n");
  std::string moved = h.commit_edit({{case_path(150), "a\n"}, {case_path(2), "b2\n"}},
                                    {case_path(1), "cases/2026/00/C-2026-0001/plan-1.md"}, "move\n");
  TreeChanges t = changes_of(h, moved);
  CHECK(t.cases == std::vector<std::string>{"C-2026-0001", "C-2026-0002", "C-2026-0150"});
  CHECK(t.added == std::vector<std::string>{"C-2026-0150"});  // a new shard's folder, too
  CHECK(t.removed == std::vector<std::string>{"C-2026-0001"});
  CHECK_FALSE(t.outside);
  std::string doc = h.commit_edit({{"cases/2026/00/C-2026-0002/plan-1.md", "p\n"}}, {}, "doc\n");
  TreeChanges d = changes_of(h, doc);
  CHECK(d.cases == std::vector<std::string>{"C-2026-0002"});
  CHECK(d.added.empty());
  CHECK(d.removed.empty());
}
