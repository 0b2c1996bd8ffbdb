// A walk of the history limited to one case's folder: how `log ID` answers while the history
// index is far behind HEAD (a fresh clone, a deleted index), at about the cost of
// `git log -- PATH`, instead of describing every commit first (see bench/README.md).
#pragma once
#include <git2.h>

#include <optional>
#include <optional>
#include <string>
#include <vector>

#include "core/history.hpp"

namespace casectl {

// The commits of `ids` (as History walks them: newest first, topological) whose tree differs from
// their first parent's at folder `path` (e.g. "cases/2026/50/C-2026-5000"), each described as the
// index describes it (describe()), with its index in `ids`, in their order: the index's rows for
// that folder.
// `candidates` (hex ids), when given, holds every such commit and perhaps others (git's
// --full-history answer, core/git_program_log): only those are looked at; otherwise every commit
// of ids is, oldest first.
struct PathHit {
  std::size_t index = 0;  // in ids
  Change change;
};
std::vector<PathHit> path_changes(git_repository* repo, const std::vector<git_oid>& ids, const std::string& path,
                                 const std::optional<std::vector<std::string>>& candidates);

}  // namespace casectl
