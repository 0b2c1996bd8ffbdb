// What changed in one case between two commits: its record in the case's terms
// (core/record_diff.hpp), its documents by file name, and the record's unified diff.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/record_diff.hpp"
#include "core/revision.hpp"

struct git_repository;

namespace casectl {

// Every change to a case from version `before` to version `after` (each read in the folder of
// the ID it had there; before.commit "" for nothing): the record's changes (diff_records; across
// a renumbering its `id`, detail "renumbered"), or one change for the whole record (path "",
// label "case ID", detail its status) when only one of them holds it; then each document of its
// folder (plan-1.md, ...) added, removed or changed, by file name. A version that cannot be read
// as a record is Error(malformed) naming COMMIT:FILE.
// Labels in locale's terms (diff_records).
std::vector<RecordChange> diff_case(git_repository* repo, const CaseVersion& before, const CaseVersion& after,
                                    std::string_view locale = "en");

// The unified diff of the case's case.yaml from `before` to `after`, as
// `git diff BEFORE AFTER -- PATH` prints it ("" when it did not change); across a renumbering, as
// `git diff -M BEFORE AFTER -- OLDPATH NEWPATH` prints it (a rename, with the id's line; its
// "similarity index" is libgit2's estimate, which may differ from git's).
std::string record_patch(git_repository* repo, const CaseVersion& before, const CaseVersion& after);

}  // namespace casectl
