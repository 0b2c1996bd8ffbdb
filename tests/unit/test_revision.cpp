#include <doctest/doctest.h>

#include "core/error.hpp"
#include "core/repo.hpp"
#include "core/revision.hpp"
#include "history_fixture.hpp"

using namespace casectl;
using casectl::test::case_message;
using casectl::test::case_path;
using casectl::test::HistoryRepo;
using casectl::test::record_of;

namespace {

CaseId id_of(int n) { return *parse_case_id(casectl::test::case_id(n)); }

// resolve_revision() of case n at rev, as "COMMIT ID".
std::string version(const HistoryRepo& h, int n, const std::string& rev) {
  Repo repo(h.root);
  CaseVersion v = resolve_revision(repo.handle(), id_of(n), rev);
  return v.commit + " " + v.id.str();
}

}  // namespace

TEST_CASE("a revision before a case was renumbered names its version under the former ID") {
  HistoryRepo h;
  std::string made = h.commit({{case_path(5), record_of(5)}}, case_message("new", 5));
  std::string noted = h.commit({{case_path(5), record_of(5, "v: 2\n")}}, case_message("note", 5));
  std::string moved = h.commit_edit({{case_path(7), record_of(7, "v: 2\n")}}, {case_path(5)}, "renumber\n");
  std::string moved_again =
      h.commit_edit({{case_path(120), record_of(120, "v: 2\n")}}, {case_path(7)}, "renumber again\n");
  std::string later = h.commit({{case_path(120), record_of(120, "v: 3\n")}}, case_message("note", 120));
  CHECK(version(h, 120, made) == made + " C-2026-0005");
  CHECK(version(h, 120, noted.substr(0, 12)) == noted + " C-2026-0005");
  CHECK(version(h, 120, "HEAD~2") == moved + " C-2026-0007");
  CHECK(version(h, 120, moved_again) == moved_again + " C-2026-0120");
  CHECK(version(h, 120, "HEAD") == later + " C-2026-0120");
  CHECK(version(h, 120, "2100-01-01") == later + " C-2026-0120");
  CHECK(version(h, 5, made) == made + " C-2026-0005");  // the old ID at an old commit: as it was
  // Before the case began: the first commit holds no version under any of its IDs.
  Repo repo(h.root);
  CHECK_FALSE(repo.read_at(case_file(resolve_revision(repo.handle(), id_of(120), "HEAD~5").id), "HEAD~5"));
}

TEST_CASE("the last change of a case just renumbered is the renumbering, from its former ID") {
  HistoryRepo h;
  std::string made = h.commit({{case_path(5), record_of(5)}}, case_message("new", 5));
  std::string moved = h.commit_edit({{case_path(7), record_of(7)}}, {case_path(5)}, "renumber\n");
  Repo repo(h.root);
  LastChange last = last_change(repo.handle(), id_of(7));
  CHECK(last.before.commit == made);
  CHECK(last.before.id.str() == "C-2026-0005");
  CHECK(last.after.commit == moved);
  CHECK(last.after.id.str() == "C-2026-0007");
  // A case deleted and an unrelated one added: the new case's last change is its making.
  h.commit_edit({{case_path(9), record_of(9, "other: 1\n")}}, {case_path(7)}, "swap\n");
  LastChange swap = last_change(repo.handle(), id_of(9));
  CHECK(swap.before.id.str() == "C-2026-0009");
  CHECK_THROWS_AS(resolve_revision(repo.handle(), id_of(9), "1990-01-01"), Error);
}
