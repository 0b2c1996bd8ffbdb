// The conflict file (issue 14): the merge driver's and resolve's form, and the marker lines
// resolve --done refuses.
#include <doctest/doctest.h>

#include <string>

#include "core/conflict_file.hpp"

using namespace casectl;

TEST_CASE("merge_conflict_file: comments naming conflicts and choices, then merged and theirs between markers") {
  MergeConflict c{"C-2026-0001", "referral.urgency", "routine", "immediate", ""};
  std::string f = merge_conflict_file("C-2026-0001", {c}, {{"client.sex", Side::theirs}, {"", Side::ours}},
                                      "id: ours\n", "id: theirs");
  CHECK(f == "# casectl: merge conflict in C-2026-0001: both versions are kept below.\n"
             "# C-2026-0001: referral.urgency: ours routine, theirs immediate\n"
             "# chosen: theirs at client.sex\n"
             "# chosen: ours at every other conflict\n"
             "# " + conflict_how("C-2026-0001") + "\n"
             "<<<<<<< merged (ours where they conflict)\n"
             "id: ours\n"
             "=======\n"
             "id: theirs\n"
             ">>>>>>> theirs\n");
  CHECK(conflict_how("casectl.yaml").find("casectl resolve casectl.yaml --done") != std::string::npos);
}

TEST_CASE("conflict_marker_line: the first marker line, 0 when none, markers only in column 1") {
  CHECK(conflict_marker_line("id: C-2026-0001\nstatus: active\n") == 0);
  CHECK(conflict_marker_line("a: 1\n<<<<<<< merged (ours where they conflict)\nb: 2\n") == 2);
  CHECK(conflict_marker_line("a: 1\n=======\n") == 2);
  CHECK(conflict_marker_line("a: 1\nb: 2\n>>>>>>> theirs\n") == 3);
  CHECK(conflict_marker_line("||||||| base\n") == 1);
  CHECK(conflict_marker_line("a: 1\r\n=======\r\n") == 2);
  CHECK(conflict_marker_line("text: |\n  =======\n  <<<<<<< quoted\n") == 0);
  CHECK(conflict_marker_line("a: ========\n") == 0);
}
