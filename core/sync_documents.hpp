// Documents after sync's merge (SPEC section 9): a document is never merged as text. For every
// case changed on both sides whose record merged (no conflict left in it), each of its documents
// in the case folder is rendered again from the merged record and staged, which also settles a
// document git found in conflict as text. While casectl.yaml or a template is in conflict nothing
// is rendered (`casectl resolve` renders the documents of what it settles).
#pragma once
#include <string>
#include <vector>

#include "core/git_program.hpp"

namespace casectl {

// During an unfinished merge of theirs into HEAD (merge base `base`) in the case directory at
// root: renders and `git add`s the documents described above. Returns the IDs of the cases whose
// documents it wrote.
std::vector<std::string> render_merged_documents(const std::string& root, const GitProgram& git,
                                                 const std::string& base, const std::string& theirs);

}  // namespace casectl
