// What changed in one case between two commits: its record in the case's terms
// (core/record_diff.hpp), its documents by file name, and the record's unified diff.
#pragma once
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/record_diff.hpp"

struct git_repository;

namespace casectl {

// Every change to case `id` from commit `before` to commit `after` (40 hex digits; before "" for
// nothing): the record's changes (diff_records), or one change for the whole record (path "",
// label "case ID", detail its status) when only one of them holds it; then each document of its
// folder (plan-1.md, ...) added, removed or changed, by file name. A version that cannot be read
// as a record is Error(malformed) naming COMMIT:FILE.
std::vector<RecordChange> diff_case(git_repository* repo, const CaseId& id,
                                    const std::string& before, const std::string& after);

// The unified diff of the case's case.yaml from `before` to `after`, as
// `git diff BEFORE AFTER -- PATH` prints it ("" when it did not change).
std::string record_patch(git_repository* repo, const CaseId& id, const std::string& before,
                         const std::string& after);

}  // namespace casectl
