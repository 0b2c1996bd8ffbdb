// The deadlines `casectl due` lists, from the case index's summaries.
#include "core/due.hpp"

#include <algorithm>
#include <tuple>

#include "core/deadlines.hpp"
#include "core/locale_text.hpp"
#include "core/parallel.hpp"
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
    own_.items.push_back(std::move(i));
    own_.seqs.push_back(seq);
  }
}

std::size_t DueList::size() const {
  std::size_t n = own_.items.size();
  for (const Gathered& g : kept_) n += g.items.size();
  return n;
}

void DueList::append(DueList&& other) {
  // Its lists are kept as they are, after this one's (numbered in that order by sorted()).
  kept_.push_back(std::move(other.own_));
  for (Gathered& g : other.kept_) kept_.push_back(std::move(g));
  other.own_ = Gathered();
  other.kept_.clear();
}

std::vector<DueList::Place> DueList::sorted_places(const Gathered& g, std::uint32_t list) {
  std::vector<Place> places;
  places.reserve(g.items.size());
  for (std::size_t n = 0; n < g.items.size(); ++n) {
    const DueItem& at = g.items[n];
    places.push_back(Place{urgency_key(at.deadline.urgent, at.deadline.due), g.seqs[n], list,
                           static_cast<std::uint32_t>(n), &at});
  }
  std::sort(places.begin(), places.end());
  return places;
}

bool DueList::Place::operator<(const Place& o) const {
  // more_urgent()'s order, then the case's place and the order gathered.
  return std::tie(urgency, seq, list, item) < std::tie(o.urgency, o.seq, o.list, o.item);
}

std::vector<const DueItem*> DueList::sorted() {
  // Each list sorted on its own (on every core), then merged; this list's own items are
  // number 0, the lists appended 1, 2, ... in the order appended.
  std::vector<const Gathered*> gathered{&own_};
  for (const Gathered& g : kept_) gathered.push_back(&g);
  std::vector<std::vector<Place>> lists(gathered.size());
  parallel_for(lists.size(), [&](std::size_t i) {
    lists[i] = sorted_places(*gathered[i], static_cast<std::uint32_t>(i));
  });
  std::vector<const DueItem*> out;
  out.reserve(size());
  // The lists' fronts in a heap, the least on top.
  using Front = std::pair<const Place*, const Place*>;  // next, end
  auto later = [](const Front& a, const Front& b) { return *b.first < *a.first; };
  std::vector<Front> heap;
  for (const auto& l : lists)
    if (!l.empty()) heap.emplace_back(l.data(), l.data() + l.size());
  std::make_heap(heap.begin(), heap.end(), later);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    Front& f = heap.back();
    out.push_back(f.first->at);
    if (++f.first == f.second)
      heap.pop_back();
    else
      std::push_heap(heap.begin(), heap.end(), later);
  }
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

void due_row_into(std::vector<std::string>& row, const DueItem& i, const DateTime& now, std::string_view locale,
                  bool people) {
  const OpenDeadline& d = i.deadline;
  long late = minutes_late(d.due, now);
  row.resize(people ? 6 : 8);
  row[0].assign(i.case_id);
  row[1].assign(i.worker);
  row[4] = d.due.str();
  if (!people) {
    row[2].assign(code(d.kind));
    row[3].assign(d.ref);
    row[5].assign(d.urgent ? "true" : "false");
    row[6].assign(late > 0 ? "true" : "false");
    row[7] = std::to_string(late);
    return;
  }
  row[2] = deadline_kind_text(d.kind, locale);
  if (d.urgent) row[2] += in_locale(locale, ", ", "、") + deadline_urgent_text(locale);
  row[3] = deadline_ref_text(d.ref, locale);
  row[5] = deadline_when_text(late, locale);
}

std::vector<std::string> due_row(const DueItem& i, const DateTime& now, std::string_view locale, bool people) {
  std::vector<std::string> row;
  due_row_into(row, i, now, locale, people);
  return row;
}

}  // namespace casectl
