// The one error type core/ throws, and the Problem a rule reports.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace casectl {

// What went wrong, in the terms of SPEC section 5; cli/main.cpp maps each to its exit code.
enum class ErrorKind {
  usage,       // 2: bad arguments, an ID or path argument not of the ID form
  refused,     // 3: a rule refused the change; nothing written
  not_found,   // 4: no such case, worker, revision
  conflict,    // 5: lock held, uncommitted hand edit, merge in progress, HEAD moved, sync conflict
  malformed,   // 6: YAML syntax, wrong type, value outside an enumeration; nothing written
  internal,    // 70: I/O or library failure
};

// Where a problem is: a file and, when known, a 1-based line and column.
struct Place {
  std::string file;
  int line = 0;
  int col = 0;
  bool empty() const { return file.empty(); }
  // "FILE:LINE:COL", "FILE" or "".
  std::string str() const;
};

// One broken rule: which case, which rule, which field (a path such as "plans[0].goals[1].due"),
// what is wrong and what would satisfy it.
struct Problem {
  std::string case_id;
  std::string rule;     // short rule name, e.g. "plan.goals-required"
  std::string field;    // record path of the field at fault
  std::string message;  // what is wrong
  std::string fix;      // what would satisfy the rule
  Place place;          // filled in by whoever knows the file (validate, commands)
  // "C-2026-0001: RULE: message; fix" (no place); "RULE: message; fix" when no case.
  std::string str() const;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, Place place = {})
      : std::runtime_error(std::move(message)), kind_(kind), place_(std::move(place)) {}
  Error(ErrorKind kind, std::string message, std::vector<Problem> problems)
      : std::runtime_error(std::move(message)), kind_(kind), problems_(std::move(problems)) {}

  ErrorKind kind() const { return kind_; }
  const Place& place() const { return place_; }
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  ErrorKind kind_;
  Place place_;
  std::vector<Problem> problems_;
};

// Shorthands: throw an Error of a kind.
[[noreturn]] void fail(ErrorKind kind, const std::string& message, Place place = {});

}  // namespace casectl
