// The shared record fixtures of the unit tests: the test Config (agency, two workers and a
// supervisor) and a valid urgent physical-abuse case from intake to closure, one function a
// stage (each call a fresh copy: a test changes what it needs from there); and the guards of
// an environment variable and of the current folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/record.hpp"

namespace casectl::test {

// The Date of an ISO text the test knows to be valid.
Date D(const char* iso);

// The test Config: workers sato and suzuki, supervisor tanaka.
Config config();
// The test Config, built once.
const Config& cfg();

// Referral and opening of an urgent physical-abuse case: status intake.
Record intake();
// The first assessment: unsafe, high risk, three needs.
Assessment assessment1();
// The case after assessment 1: status assessed.
Record assessed();
// Plan 1 answering assessment 1: a goal per need, services for every goal.
Plan plan1();
// Plan 1 again as plan n (a revision), dated `date`, with its next review on `next_review`.
Plan revised_plan(int n, const char* date, const char* next_review);
// The case with plan 1 in force and a consent: status active.
Record planned();
// Review 1 of plan 1: progress, risk down to medium, continue.
Review review1();
// Review 2 of plan 1: every goal achieved, risk low, close.
Review review2();
// The planned case with reviews 1 and 2.
Record reviewed();
// Closure 1 of plan 1: goals achieved.
Closure closure1();
// The whole case, closed with goals achieved.
Record closed();

// ---- The process around a test ----

// Sets (or with nullopt unsets) an environment variable for the life of the object.
struct EnvVar {
  std::string key;
  std::optional<std::string> saved;
  EnvVar(std::string k, const std::optional<std::string>& v);
  ~EnvVar();
};

// Changes the current folder for the life of the object.
struct Cwd {
  std::filesystem::path saved = std::filesystem::current_path();
  explicit Cwd(const std::filesystem::path& dir);
  ~Cwd();
};

// For a test case that must run in a process of its own (timed, or watching the heap): true in
// that process (environment variable `marker` set); else runs this binary again for the test
// cases whose names match `pattern` with `marker` set, and returns false after checking that it
// succeeded.
bool in_own_process(const char* marker, const char* pattern);

// A fresh folder under the temp folder, removed with everything in it at the end of the scope.
struct TempDir {
  std::string path;
  TempDir();
  ~TempDir();
};

}  // namespace casectl::test
