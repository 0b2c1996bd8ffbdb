// Renumbered cases (SPEC section 9): when a commit renames case OLD to NEW, so that log, diff and
// show --at follow a case across a renumbering, as `git log --follow` follows a file. The ONE
// rule; the history index (core/history), the revisions (core/revision) and any walk along a
// case's path ask it here.
//
// A commit renumbers OLD to NEW when, compared with its first parent, OLD's folder vanished and
// NEW's appeared (TreeChanges::removed and ::added), and either
//   (a) its message carries the trailer `Renumbered-From: OLD` (core/commit_text), as the
//       renumbering commit of renumbering() below does; NEW is the message's case (trailer
//       `Case: NEW`), or, in a message without one, the only case folder that appeared; or
//   (b) NEW's case.yaml is OLD's, byte for byte, once the value of its top-level `id:` is
//       replaced: a folder moved with `git mv` and its id edited, committed with plain git.
// Nothing else is one: a case deleted and another added in the same commit are two changes, and
// a move committed together with other edits of the record needs the trailer. A merge is
// compared with its first parent, like every commit of the history, so a renumbering should be
// a commit of its own (sync: before it merges). Blobs are read only for commits where a case
// folder vanished and another appeared, which are rare; other commits cost nothing here.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <git2.h>

#include "core/change.hpp"
#include "core/ids.hpp"
#include "core/tree_changes.hpp"

namespace casectl {

// One renumbering made by a commit.
struct CaseRename {
  std::string from;         // OLD: the ID before the commit
  std::string to;           // NEW: the ID after it
  bool by_trailer = false;  // told by the message's trailer (a), else by the record (b)
  bool operator==(const CaseRename& o) const { return from == o.from && to == o.to && by_trailer == o.by_trailer; }
};

// Every renumbering `commit` made, sorted by `to`; `touched` is the comparison of its first
// parent's tree with its own (compare_trees). Empty at once unless a case folder vanished and
// another appeared (and for a first commit). Error(internal) when a record cannot be read.
std::vector<CaseRename> case_renames(git_repository* repo, const git_commit* commit, const TreeChanges& touched);

// The ID case `new_id` had before `commit` renumbered it to new_id; nullopt when the commit did
// not (new_id's folder did not appear there, or appeared as a new case). Compares the commit with
// its first parent itself (pruned, as compare_trees does): for a walk along one case's history
// that reaches the commit where its folder appears and goes on under the former ID.
std::optional<std::string> renamed_from(git_repository* repo, const git_commit* commit, const std::string& new_id);

// Rule (b) on two texts: true when new_text is old_text with the value of its top-level `id:` line
// (old_id, plain or quoted) made new_id, every other byte the same.
bool same_record_but_id(std::string_view old_text, std::string_view old_id, std::string_view new_text,
                        std::string_view new_id);

// What a renumbering commits (for `sync`): action "renumber", summary "from OLD", and the trailer
// Renumbered-From: OLD after Case (the new ID), Stage and Worker of commit_message().
ChangeSummary renumbering(const CaseId& from);

}  // namespace casectl
