// The cases that `report` and `due --as-of` read at a past day (SPEC section 7): the case index's
// summaries for records that hold nothing after that day, the others read again and cut at it.
#pragma once
#include <cstddef>
#include <functional>
#include <string>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/index.hpp"
#include "core/summary.hpp"

namespace casectl {

// Calls fn(summary, seq) for every case as it stood at the end of `day`, seq being its place in
// the index's case-ID order: a case not yet started then (its referral, else its opening, after
// `day`) is left out; one whose last event is on or before `day` is passed as the index has it;
// the others are read from their files afterwards (on every core), cut by record_as_of() and
// summarized again under policy, then passed. Unreadable cases are passed as they are (the
// caller warns). What was read of the others is kept in the as-of cache (core/as_of_cache.hpp)
// and not read again while their records stay as they are. Returns how many records were read.
// `read` names the fields fn uses of the index's summaries (CaseIndex::for_each); those read
// again, or kept, have every field.
std::size_t for_each_as_of(const std::string& root, const CaseIndex& index, const Date& day, const Policy& policy,
                           const std::function<void(const CaseSummary&, std::size_t)>& fn,
                           const SummaryFields& read = SummaryFields::all());

// When deadlines are judged for a picture of `day`: the clock now when `day` is today, else the
// end of that day (23:59).
DateTime judged_at(const Date& day);

}  // namespace casectl
