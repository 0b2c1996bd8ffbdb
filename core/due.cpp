// The deadlines `casectl due` lists, from the case index's summaries.
#include "core/due.hpp"

#include <algorithm>

#include "core/deadlines.hpp"

namespace casectl {

long minutes_late(const DateTime& due, const DateTime& now) { return now.minutes() - due.minutes(); }

bool due_within(const DateTime& due, const DateTime& now, int within_days) {
  return past_due(due, now) || due.date <= now.date.add_days(within_days);
}

void collect_due(const CaseSummary& s, const DateTime& now, int within_days, std::vector<DueItem>& out) {
  if (!s.ok()) return;
  for (const OpenDeadline& d : s.deadlines)
    if (due_within(d.due, now, within_days)) out.push_back(DueItem{s.id, s.worker, d});
}

void sort_due(std::vector<DueItem>& items) {
  std::stable_sort(items.begin(), items.end(), [](const DueItem& a, const DueItem& b) {
    return more_urgent(a.deadline.urgent, a.deadline.due, b.deadline.urgent, b.deadline.due);
  });
}

}  // namespace casectl
