// Which cases a commit changed, found by comparing its tree with its parent's, pruned: only
// subtrees whose ids differ are read (root -> cases -> YYYY -> NN -> ID), so the cost grows with
// the paths changed, not with the number of cases. The trees decide, never the message.
#pragma once
#include <git2.h>

#include <cstddef>
#include <string>
#include <vector>

namespace casectl {

struct TreeChanges {
  std::vector<std::string> cases;  // IDs of the case folders that differ, sorted, each once
  // Of those, the folders that appeared (none before) and that vanished (none after), sorted:
  // where a renumbered case is looked for (core/case_rename), at no extra cost.
  std::vector<std::string> added, removed;
  bool outside = false;  // something else differs (casectl.yaml, templates/, a stray file)
  std::size_t trees_read = 0;  // trees looked up below the two roots (what the pruning saves)
};

// Compares the trees `before` (nullptr: nothing, a first commit) and `after` of repo.
// A folder cases/YYYY/NN/NAME counts as a case when NAME is a case ID; anything else that
// differs sets `outside`. Error(internal) when a tree cannot be read.
TreeChanges compare_trees(git_repository* repo, const git_tree* before, const git_tree* after);

}  // namespace casectl
