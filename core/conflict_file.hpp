// The conflict file (issue 14): what a record or casectl.yaml holds while a merge of it is
// unfinished, written by `casectl merge-driver` and rewritten by `casectl resolve`. It loses
// nothing:
//
//   # casectl: merge conflict in C-2026-0001: ... (comment lines naming each conflict)
//   <<<<<<< merged (ours where they conflict)
//   the merge as far as it went: both sides' notes, ..., ours' value at each conflict
//   =======
//   theirs, as it was
//   >>>>>>> theirs
//
// or, when a version does not load or there is no base, the three versions as they were
// (`<<<<<<< ours`, `||||||| base`, `=======`, `>>>>>>> theirs`). Marker lines start in column 1,
// where a record's or casectl.yaml's own lines never hold them.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/record_merge.hpp"

namespace casectl {

// The conflict file: "# " + each comment line, then each {marker, text} part (text ending in a
// newline), then ">>>>>>> theirs".
std::string conflict_file(const std::vector<std::string>& comments,
                          const std::vector<std::pair<std::string, std::string>>& parts);

// How to finish the merge of what (a case ID or casectl.yaml): the last comment line.
std::string conflict_how(const std::string& what);

// The conflict file of a merge by meaning that left conflicts: a comment line naming what, one
// per conflict (str(): codes only), one per choice already made (resolve), the how; then the
// merged text (ours at each conflict) and theirs.
std::string merge_conflict_file(const std::string& what, const std::vector<MergeConflict>& conflicts,
                                const MergeChoices& choices, const std::string& merged,
                                const std::string& theirs);

// The 1-based number of the first conflict marker line of text (a line starting "<<<<<<< ",
// "||||||| ", ">>>>>>> " or that is "======="), 0 when there is none.
int conflict_marker_line(const std::string& text);

}  // namespace casectl
