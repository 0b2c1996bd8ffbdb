// What `casectl due` lists: the outstanding deadlines of the case index's summaries that are
// overdue or fall due soon, most urgent first (SPEC section 4, "Deadlines"). Data only; the CLI
// words and prints it.
#pragma once
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/summary.hpp"
#include "core/table.hpp"

namespace casectl {

// One deadline of one case.
struct DueItem {
  std::string case_id;
  std::string worker;  // the worker in charge
  OpenDeadline deadline;
};

// Minutes from due to now: positive when the deadline has passed (overdue at now, as
// core/deadlines.hpp past_due() says), 0 at its minute, negative before it.
long minutes_late(const DateTime& due, const DateTime& now);

// True when a deadline due at `due` is listed at now: overdue, or due by the end of the day
// `within_days` days after now's day (0: today's).
bool due_within(const DateTime& due, const DateTime& now, int within_days);

// Appends the outstanding deadlines of case s that due_within() lists (none for an unreadable
// summary), in the summary's order.
void collect_due(const CaseSummary& s, const DateTime& now, int within_days, std::vector<DueItem>& out);

// Most urgent first: urgent ones, then by due time; ties keep their order (case ID, as the
// index gives them).
void sort_due(std::vector<DueItem>& items);

// The items as a table. For people (table, md): the kind's label (with the urgent mark), what it
// is about and how late or how soon, in locale. For scripts (csv, json): the keys case, worker,
// kind (code), ref, due, urgent, overdue and minutes_late, the same in every locale.
Table due_table(const std::vector<DueItem>& items, const DateTime& now, std::string_view locale, bool people);
// That table's columns, and the row of one item (to write rows as they come: TableStream).
std::vector<Column> due_columns(std::string_view locale, bool people);
std::vector<std::string> due_row(const DueItem& i, const DateTime& now, std::string_view locale, bool people);

}  // namespace casectl
