// Rules of the safety confirmation (安全確認, casectl confirm) and of temporary protective
// custody (一時保護, casectl custody), SPEC sections 3 and 4. Like every rule, they are checked by
// the commands before writing and by `validate` on records as they stand (check_record).
#pragma once
#include <vector>

#include "core/config.hpp"
#include "core/record.hpp"
#include "core/rules.hpp"

namespace casectl {

// safety_checks: numbered in order, `at` given, not before referral.received and not after now,
// by a registered worker, method and outcome given, a child not seen never confirmed safe
// (method not-seen goes with outcome not-seen and only with it). (core/rules_safety.cpp)
std::vector<Problem> check_safety_checks(const Record& r, const RuleContext& ctx);

// custody: numbered in order, a start date and a basis, one custody open at a time, each
// extension approved by someone of the list and extending the limit in force, the end on or
// after the start and every extension, with an outcome; no date after today or before the
// case's start (the referral, else the opening).
// (core/rules_custody.cpp)
std::vector<Problem> check_custody(const Record& r, const RuleContext& ctx);

// Both of the above: the one entry check_record calls.
std::vector<Problem> check_safety_and_custody(const Record& r, const RuleContext& ctx);

// The custody in progress (the last one, when it has not ended), or nullptr.
const Custody* open_custody(const Record& r);

}  // namespace casectl
