// The documents of a case rendered again from its record, for a change made outside the stage
// commands (a renumbering by sync, a merge resolved by `casectl resolve`): a document is never
// merged or moved as text (SPEC section 9) — it is what its record renders.
#pragma once
#include <string>
#include <vector>

#include "core/change.hpp"
#include "core/config.hpp"
#include "core/record.hpp"

namespace casectl {

// Every document of r (plan-N, review-N, closure-N; a plan's family version; each as Markdown and
// as HTML) whose file exists in the folder `present_in` (relative to root), rendered from r with
// root's templates, each named in r's own folder (case_dir(r.id)). Documents r no longer has
// (a section gone) are not returned.
std::vector<FileChange> documents_rendered_again(const Record& r, const Config& config, const std::string& root,
                                                 const std::string& present_in);

}  // namespace casectl
