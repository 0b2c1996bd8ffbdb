// The child-guidance practice sections of `casectl show` (issue 11): the worker in charge and
// the handovers, the report's time and category, safety checks against the 48-hour rule,
// protective custody, the latest conference, related cases, disclosures and the deadlines.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "cli/summary_writer.hpp"
#include "core/config.hpp"
#include "core/date.hpp"
#include "core/record.hpp"

namespace casectl::cli {

// What `show` may learn of another case (a related one): its status code, or that it is not
// there or cannot be read. Nothing else of another child's record is ever shown.
struct OtherCase {
  enum class State { found, not_found, unreadable } state = State::not_found;
  std::string status;  // enums::status, when found
};
using OtherCaseLookup = std::function<OtherCase(const std::string& case_id)>;

// "In charge" (the worker and their name) and each handover: date, from -> to, reason.
void write_in_charge(SummaryWriter& w, const Record& r, const Config& config);
// The time the report was received and its category (相談種別), when recorded.
void write_received(SummaryWriter& w, const Record& r);
// Every safety check: n, time, method, outcome, by, and its timing against the report it answers.
void write_safety_checks(SummaryWriter& w, const Record& r, const Policy& policy);
// Every custody: start, basis, end and outcome or "in progress, limit" (overdue at `now` by the
// deadline model's overdue()), each extension, the place.
void write_custody(SummaryWriter& w, const Record& r, const Policy& policy, const DateTime& now);
// The latest conference: date, kind, decision, and how many came before it.
void write_conference(SummaryWriter& w, const Record& r);
// Each related case: its ID, the relation and that case's status (lookup), never more of it.
void write_links(SummaryWriter& w, const Record& r, const OtherCaseLookup& lookup);
// Each disclosure: n, date, party, what, and its ground (consent N or legal basis).
void write_disclosures(SummaryWriter& w, const Record& r);
// The deadline model's outstanding deadlines (urgent first, overdue at `now` flagged; none for a
// closed case) and the safety checks met late.
void write_deadlines(SummaryWriter& w, const Record& r, const Policy& policy, const DateTime& now);

}  // namespace casectl::cli
