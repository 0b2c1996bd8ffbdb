// A commit message read back: the subject and trailers that commit_message() (core/case_store)
// writes, and whether a message has that form at all. Pure text work: which cases a commit
// touched is decided by its trees (core/tree_changes), never by what its message claims.
#pragma once
#include <string>
#include <string_view>

namespace casectl {

struct CommitText {
  std::string subject;    // the first line, as written
  bool casectl = false;   // the subject and the trailers have casectl's form (below)
  std::string action;     // casectl's: the subject's first word ("assess", "worker", "init")
  std::string case_id;    // casectl's change of a case: the ID after the action; else ""
  std::string summary;    // casectl's: the subject after "ACTION ID: " (a case) or "ACTION: " /
                          // "ACTION " (the directory: "add tanaka: supervisor")
  std::string worker;     // trailer Worker
  std::string stage;      // trailer Stage
  std::string amendment;  // trailer Amendment
  // Trailer Renumbered-From: the ID a case had before this commit renumbered it (SPEC section 9;
  // core/case_rename decides whether the trees agree). Read from casectl's messages and from any
  // other whose last paragraph is all trailers ("Key: value" lines), e.g. one made with plain
  // git; "" when absent, repeated or not a case ID.
  std::string renumbered_from;
};

// The trailer's key, as casectl writes it after Case, Stage and Worker.
inline constexpr const char* kRenumberedFrom = "Renumbered-From";

// Parses a commit message. casectl's form: a subject "ACTION ID[: SUMMARY]" with trailers Case
// (the same ID), Stage and Worker, or "ACTION[ REST][: SUMMARY]" with the trailer Worker and no
// Case (a change of the directory itself); ACTION is a lower-case word; the trailers are the
// last paragraph, one "Key: value" a line, each of Case, Stage, Worker, Amendment and (with a
// Case) Renumbered-From at most once and nothing else. Any other message is a plain git one
// (casectl false, subject and renumbered_from only).
CommitText parse_commit_text(std::string_view message);

}  // namespace casectl
