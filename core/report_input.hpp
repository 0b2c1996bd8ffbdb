// The summaries that `report` and `due --as-of` read at a past day (SPEC section 7): the case
// index's for records that hold nothing after that day, the others read again and cut at it.
#pragma once
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/summary.hpp"

namespace casectl {

// The cases as they stood at the end of `day`, from `current` (the index's summaries, in their
// order): a case not yet started then is left out; one whose last event is on or before `day` is
// kept as it is; the others are read from their files (root + path, on every core), cut by
// record_as_of() and summarized again under policy. Unreadable summaries are kept as they are
// (the caller warns). Returns how many records were read in `read` when given.
std::vector<CaseSummary> summaries_as_of(const std::string& root, std::vector<CaseSummary> current,
                                         const Date& day, const Policy& policy, std::size_t* read = nullptr);

// When deadlines are judged for a picture of `day`: the clock now when `day` is today, else the
// end of that day (23:59).
DateTime judged_at(const Date& day);

}  // namespace casectl
