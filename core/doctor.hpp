// `doctor`: what is wrong with a case directory beyond its records' rules (SPEC section 8): modes,
// stale git locks, an interrupted change, leftovers, untracked or empty case folders, symbolic
// links, a damaged index, an unfinished git operation; then every problem `validate` finds. With
// repair, fixes under the lock what can be fixed without losing anything, and says what it did.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace casectl {

// One thing found. Paths and case IDs only: no finding quotes a record.
struct Finding {
  std::string path;     // where, relative to the root ("." the root itself); FILE:LINE:COL for validate
  std::string check;    // the check that found it (stable, for scripts): see doctor_checks.hpp
  std::string problem;  // what is wrong
  std::string advice;   // what the user should do, when doctor cannot repair it safely
  // Repairs it (under the lock) and says what it did; empty when no repair is safe.
  std::function<std::string()> fix;
  std::string repaired;  // what fix did; "" when it was not repaired
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
