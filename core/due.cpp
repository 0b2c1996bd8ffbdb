// The deadlines `casectl due` lists, from the case index's summaries.
#include "core/due.hpp"

#include <algorithm>
#include <tuple>

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

const SummaryFields& DueList::fields() {
  static const SummaryFields f = SummaryFields::of({"worker", "deadlines"});
  return f;
}

void DueList::add(const CaseSummary& s, std::size_t seq, const DateTime& now, int within_days, bool overdue_only) {
  found_.clear();
  collect_due(s, now, within_days, found_);
  for (DueItem& i : found_) {
    if (overdue_only && !past_due(i.deadline.due, now)) continue;
    places_.push_back(Place{urgency_key(i.deadline.urgent, i.deadline.due), seq, items_.size()});
    items_.push_back(std::move(i));
  }
}

void DueList::append(DueList&& other) {
  std::size_t shift = items_.size();
  for (DueItem& i : other.items_) items_.push_back(std::move(i));
  for (Place p : other.places_) {
    p.item += shift;
    places_.push_back(p);
  }
}

bool DueList::Place::operator<(const Place& o) const {
  // more_urgent()'s order, then the case's place and the order gathered.
  return std::tie(urgency, seq, item) < std::tie(o.urgency, o.seq, o.item);
}

std::vector<const DueItem*> DueList::sorted() const {
  std::vector<Place> order = places_;
  std::sort(order.begin(), order.end());
  std::vector<const DueItem*> out;
  out.reserve(order.size());
  for (const Place& p : order) out.push_back(&items_[p.item]);
  return out;
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

}  // namespace casectl
