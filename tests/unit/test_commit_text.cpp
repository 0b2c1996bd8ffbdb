#include <doctest/doctest.h>

#include "core/case_store.hpp"
#include "core/commit_text.hpp"

using namespace casectl;

TEST_CASE("a case's commit message reads back as its action, case, summary and trailers") {
  std::string msg = commit_message("C-2026-0001", ChangeSummary{"assess", "risk high, safety unsafe"},
                                   "assessed", "sato");
  CommitText t = parse_commit_text(msg);
  CHECK(t.casectl);
  CHECK(t.subject == "assess C-2026-0001: risk high, safety unsafe");
  CHECK(t.action == "assess");
  CHECK(t.case_id == "C-2026-0001");
  CHECK(t.summary == "risk high, safety unsafe");
  CHECK(t.worker == "sato");
  CHECK(t.stage == "assessed");
}

TEST_CASE("an amendment's trailer and a subject without summary are read") {
  ChangeSummary edit{"edit", "client", {}, {{"Amendment", "typo"}}};
  CommitText t = parse_commit_text(commit_message("C-2026-0012", edit, "active", "tanaka"));
  CHECK(t.casectl);
  CHECK(t.amendment == "typo");
  CHECK(t.worker == "tanaka");
  CommitText bare = parse_commit_text(commit_message("C-2026-0012", ChangeSummary{"doc", ""}, "active", "sato"));
  CHECK(bare.casectl);
  CHECK(bare.action == "doc");
  CHECK(bare.summary.empty());
}

TEST_CASE("changes of the directory itself read back with their action and the rest as summary") {
  CommitText init = parse_commit_text(commit_message(ChangeSummary{"init", "case directory"}, "sato"));
  CHECK(init.casectl);
  CHECK(init.action == "init");
  CHECK(init.case_id.empty());
  CHECK(init.summary == "case directory");
  CommitText add = parse_commit_text(commit_message(ChangeSummary{"worker add tanaka", "supervisor"}, "sato"));
  CHECK(add.casectl);
  CHECK(add.action == "worker");
  CHECK(add.summary == "add tanaka: supervisor");
  CommitText retire = parse_commit_text(commit_message(ChangeSummary{"worker retire ito", ""}, "tanaka"));
  CHECK(retire.casectl);
  CHECK(retire.summary == "retire ito");
}

TEST_CASE("plain git messages, and ones that only look like casectl's, are not casectl's") {
  const char* plain[] = {
      "fix a typo in the address\n",
      "",
      "assess C-2026-0001: risk high\n",                                             // no trailers
      "assess C-2026-0001: risk high\nCase: C-2026-0001\nStage: assessed\nWorker: sato\n",  // no blank line
      "assess C-2026-0001: x\n\nCase: C-2026-0002\nStage: assessed\nWorker: sato\n",  // Case differs
      "assess C-2026-0001: x\n\nCase: C-2026-0001\nWorker: sato\n",                   // no Stage
      "assess C-2026-0001: x\n\nCase: C-2026-0001\nStage: assessed\n",                // no Worker
      "assess C-2026-0001: x\n\nCase: C-2026-0001\nStage: a\nWorker: Sato Yuki\n",    // not a worker ID
      "assess C-2026-0001: x\n\nCase: C-2026-0001\nStage: a\nWorker: sato\nSigned-off-by: x\n",
      "assess C-2026-0001: x\n\nCase: C-2026-0001\nStage: a\nWorker: sato\nWorker: ito\n",
      "assess C-2026-0001: x\n\nsome words\n\nCase: C-2026-0001\nStage: a\nWorker: sato\n",  // a body
      "Assess C-2026-0001: x\n\nCase: C-2026-0001\nStage: a\nWorker: sato\n",         // not an action word
      "assess C-2026-0001x: x\n\nCase: C-2026-0001\nStage: a\nWorker: sato\n",
      "init: x\n\nStage: a\nWorker: sato\n",                                          // Stage without Case
      "Merge branch 'x'\n\nWorker: sato\n",
  };
  for (const char* m : plain) {
    CAPTURE(m);
    CommitText t = parse_commit_text(m);
    CHECK_FALSE(t.casectl);
    CHECK(t.action.empty());
    CHECK(t.worker.empty());
  }
  CHECK(parse_commit_text("fix a typo\n\nmore words\n").subject == "fix a typo");
}

TEST_CASE("the Renumbered-From trailer is read from casectl's renumbering and from plain messages") {
  ChangeSummary renumber{"renumber", "from C-2026-0005", {}, {{kRenumberedFrom, "C-2026-0005"}}};
  CommitText t = parse_commit_text(commit_message("C-2026-0007", renumber, "active", "sato"));
  CHECK(t.casectl);
  CHECK(t.action == "renumber");
  CHECK(t.case_id == "C-2026-0007");
  CHECK(t.renumbered_from == "C-2026-0005");
  CHECK(parse_commit_text("assess C-2026-0001: x\n\nCase: C-2026-0001\nStage: a\nWorker: sato\n").renumbered_from.empty());
  // A plain git message whose last paragraph is all trailers.
  CommitText plain = parse_commit_text("Renumber by hand\n\nSigned-off-by: x <x@example.org>\nRenumbered-From: C-2026-0005\n");
  CHECK_FALSE(plain.casectl);
  CHECK(plain.renumbered_from == "C-2026-0005");
  const char* none[] = {
      "Renumber\n\nRenumbered-From: C-2026-5\n",                                     // not a case ID
      "Renumber\n\nRenumbered-From: C-2026-0005\nRenumbered-From: C-2026-0006\n",   // twice
      "Renumber\n\nRenumbered-From: C-2026-0005\nwords here\n",                      // not all trailers
      "Renumbered-From: C-2026-0005\n",                                              // the subject
      "Renumber\n\nRenumbered-From: C-2026-0005\n\nthen words\n",                    // not the last paragraph
  };
  for (const char* m : none) {
    CAPTURE(m);
    CHECK(parse_commit_text(m).renumbered_from.empty());
  }
  // In casectl's form the trailer goes with a Case that is another ID.
  const char* not_casectl[] = {
      "renumber: x\n\nWorker: sato\nRenumbered-From: C-2026-0005\n",
      "renumber C-2026-0005: x\n\nCase: C-2026-0005\nStage: a\nWorker: sato\nRenumbered-From: C-2026-0005\n",
      "renumber C-2026-0007: x\n\nCase: C-2026-0007\nStage: a\nWorker: sato\nRenumbered-From: 5\n",
  };
  for (const char* m : not_casectl) {
    CAPTURE(m);
    CHECK_FALSE(parse_commit_text(m).casectl);
  }
}
