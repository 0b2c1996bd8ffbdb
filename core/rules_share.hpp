// The rules of information sharing (SPEC section 4, "Share"): each disclosure names a party,
// what was shared, and exactly one ground: a consent that covers the party and holds on the
// disclosure's date, or a legal basis. Part of check_record (validate, every command).
#pragma once
#include <vector>

#include "core/rules.hpp"

namespace casectl {

// Every problem of r.disclosures (rules share.*, and record.n-sequence, worker.*, dates.* for
// their numbers, workers and dates).
std::vector<Problem> check_disclosures(const Record& r, const RuleContext& ctx);

}  // namespace casectl
