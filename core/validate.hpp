// `validate`: every rule of SPEC section 4 on every record as it stands on disk (hand edits
// included), each problem placed in its file.
#pragma once
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace casectl {

// The problems of one case's record file (none when it keeps every rule).
struct CaseCheck {
  CaseId id;
  std::string path;  // the record file, relative to the root
  std::vector<Problem> problems;
};

// What validate found: the problem of casectl.yaml when it does not load (then no case is
// checked), else every case checked, sorted by ID.
struct Validation {
  std::vector<Problem> settings;
  std::vector<CaseCheck> cases;
  // Changes not signed by their worker while policy.require_signed is on (core/signed_policy),
  // newest first.
  std::vector<Problem> signatures;
};

// Checks the cases named by ids (every case of the directory when empty; duplicates once) of
// the case directory at root, on every core, as of today(). A record that does not load is one
// problem, rule "malformed", at the loader's place. Error(usage) for an ID that is not one,
// Error(not_found) for a case that does not exist.
Validation validate(const std::string& root, const std::vector<std::string>& ids);

}  // namespace casectl
