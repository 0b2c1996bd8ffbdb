// The deadlines `casectl due` lists, from the case index's summaries.
#include "core/due.hpp"

#include <algorithm>

#include "core/deadlines.hpp"
#include "core/locale_text.hpp"
#include "core/practice_text.hpp"

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

std::vector<Column> due_columns(std::string_view locale, bool people) {
  // For people: the kind's label as `show` prints it (with the urgent mark), what it is about,
  // when, and how late or how soon.
  if (people)
    return {{"case", in_locale(locale, "CASE", "ケース")}, {"worker", in_locale(locale, "WORKER", "担当")},
            {"kind", in_locale(locale, "DEADLINE", "期限")}, {"ref", in_locale(locale, "ABOUT", "対象")},
            {"due", in_locale(locale, "DUE", "期日")},       {"when", in_locale(locale, "WHEN", "状況")}};
  // For scripts (csv, json): canonical codes and numbers, the same keys in every language.
  return {{"case", "CASE"},
          {"worker", "WORKER"},
          {"kind", "DEADLINE"},
          {"ref", "ABOUT"},
          {"due", "DUE"},
          {"urgent", "URGENT", false, false, true},
          {"overdue", "OVERDUE", false, false, true},
          {"minutes_late", "MINUTES LATE", true}};
}

std::vector<std::string> due_row(const DueItem& i, const DateTime& now, std::string_view locale, bool people) {
  const OpenDeadline& d = i.deadline;
  long late = minutes_late(d.due, now);
  if (!people)
    return {i.case_id, i.worker, code(d.kind), d.ref, d.due.str(), d.urgent ? "true" : "false",
            late > 0 ? "true" : "false", std::to_string(late)};
  std::string kind = deadline_kind_text(d.kind, locale);
  if (d.urgent) kind += in_locale(locale, ", ", "、") + deadline_urgent_text(locale);
  return {i.case_id, i.worker, kind, deadline_ref_text(d.ref, locale), d.due.str(), deadline_when_text(late, locale)};
}

Table due_table(const std::vector<DueItem>& items, const DateTime& now, std::string_view locale, bool people) {
  Table t;
  t.columns = due_columns(locale, people);
  for (const DueItem& i : items) t.rows.push_back(due_row(i, now, locale, people));
  return t;
}

}  // namespace casectl
