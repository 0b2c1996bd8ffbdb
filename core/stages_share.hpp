// casectl share as a pure change of a record: information shared with another party (a school,
// the regional council 要保護児童対策地域協議会, ...) on a consent or a legal basis (SPEC sections
// 3-4). Like the stages of core/stages.hpp: fills n, by and date, checks every rule, and throws
// Error(refused) with every problem found, leaving the record as it was.
#pragma once
#include "core/stages.hpp"

namespace casectl {

// Adds disclosure d (n, by and date filled when left out) to r.disclosures. Allowed in every
// status, closed included (what was shared stays a fact). Refused without a party, without
// anything shared, without exactly one ground (a consent that covers the party and holds on the
// date, or a legal basis); see core/rules_share.cpp.
ChangeSummary stage_share(Record& r, Disclosure d, const StageContext& ctx);

}  // namespace casectl
