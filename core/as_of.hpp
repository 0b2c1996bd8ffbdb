// A record as it stood at the end of a past day, from its own event dates: what `report --as-of`
// and `due --as-of` read (SPEC section 7), so that last month's figures come out the same today.
// Corrections made since (amendments) are kept, with their entries: the picture is of the facts
// as now known, not of what the record said then (that is `show --at`).
#pragma once
#include <optional>

#include "core/date.hpp"
#include "core/record.hpp"

namespace casectl {

// True when d is a day after `day` (false when absent): an entry record_as_of() leaves out.
inline bool after_day(const OptDate& d, const Date& day) { return d && *d > day; }

// The latest event date the record holds (any section's date, a safety check's day, a custody's
// start, extensions and end, a consent's withdrawal, an amendment); none for a record without
// dates. A record
// whose last event is on or before a day is, at the end of that day, what it is now.
OptDate last_event(const Record& r);

// The record at the end of `day`: every dated entry after it left out (a custody or consent
// ended, extended or withdrawn after it is still running), the worker in charge then (the one an
// assignment after `day` handed over), and, when a stage was left out, the status the remaining
// stages give (an assessment on a reopening's day belongs to the new episode when the closure it
// reopened was on an earlier day). nullopt when
// the case had not started by then (its referral, else its opening, after `day`: a case opened
// the day after its referral is there on the referral's day, its safety check running). Entries
// without a date are kept.
// (What it keeps of a record is kept in the as-of cache: a change to it bumps kAsOfRules in
// core/as_of_cache.cpp.)
std::optional<Record> record_as_of(const Record& r, const Date& day);

}  // namespace casectl
