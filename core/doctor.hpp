// `doctor`: what is wrong with a case directory beyond its records' rules (SPEC section 8): modes,
// stale git locks, an interrupted change, leftovers, untracked or empty case folders, symbolic
// links, a damaged index, an unfinished git operation; then every problem `validate` finds. With
// repair, fixes under the lock what can be fixed without losing anything, and says what it did.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/said.hpp"

namespace casectl {

// One thing found. Paths and case IDs only: no finding quotes a record. Its texts are kept in
// English and translated where they are shown (core/said.hpp): `doctor --format json` is the same
// in every language.
struct Finding {
  std::string path;  // where, relative to the root ("." the root itself); FILE:LINE:COL for validate
  std::string check;  // the check that found it (stable, for scripts): see doctor_checks.hpp
  Said problem;       // what is wrong
  Said advice;        // what the user should do, when doctor cannot repair it safely
  // Repairs it (under the lock) and says what it did; empty when no repair is safe.
  std::function<Said()> fix;
  Said repaired;  // what fix did; empty when it was not repaired
};

// Every finding of the case directory at root, changing nothing (no recovery, no lock file
// written): while a change is in progress nothing is examined (the lock is held shared; busy:
// Error(conflict) after waiting like other commands). Findings are ordered by check, then path.
std::vector<Finding> diagnose(const std::string& root);

// Under the case directory's lock (busy: Error(conflict)): finishes or rolls back an interrupted
// change first, then examines the rest and repairs every finding that has a fix; a fix that
// fails keeps its finding unrepaired with the failure as advice. Returns every finding.
std::vector<Finding> diagnose_and_repair(const std::string& root);

}  // namespace casectl
