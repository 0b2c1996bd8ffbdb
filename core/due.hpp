// What `casectl due` lists: the outstanding deadlines of the case index's summaries that are
// overdue or fall due soon, most urgent first (SPEC section 4, "Deadlines"). Data only; the CLI
// words and prints it.
#pragma once
#include <cstdint>
#include <deque>
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

// The deadlines listed, gathered case by case, each with its case's place (seq: the case order)
// and given back most urgent first: urgent ones, then by due time; ties in case order, then as
// gathered. Sorted as numbers; the items themselves never move (a list appended keeps its own).
class DueList {
 public:
  DueList() = default;
  DueList(DueList&&) = default;
  DueList& operator=(DueList&&) = default;
  DueList(const DueList&) = delete;  // the pointers sorted() gives point at the items
  DueList& operator=(const DueList&) = delete;
  // Adds the deadlines of case s, at place seq, that due_within() lists (when overdue_only, the
  // ones past due only).
  void add(const CaseSummary& s, std::size_t seq, const DateTime& now, int within_days, bool overdue_only = false);
  // The summary fields add() reads (CaseIndex::for_each_part's `read`).
  static const SummaryFields& fields();
  std::size_t size() const;
  // Puts the items of other (gathered apart, its places after this list's) after these; other's
  // items stay where they are, kept by this list. Call add() before append(): items added after
  // it would come before the appended ones among equals.
  void append(DueList&& other);
  // Every item, most urgent first.
  std::vector<const DueItem*> sorted();

 private:
  struct Place {
    std::pair<int, long> urgency;  // urgency_key()
    std::size_t seq;
    std::uint32_t list, item;      // which list gathered it (0: this one) and its number there
    const DueItem* at;
    bool operator<(const Place& o) const;
  };
  // The items a list gathered and their cases' places (seqs), kept apart until sorted(): a
  // deque grows in blocks and never moves them (one moved with std::allocator keeps its elements
  // where they are), where a vector growing a row at a time would copy them as it doubles.
  struct Gathered {
    Gathered() = default;
    Gathered(Gathered&&) = default;
    Gathered& operator=(Gathered&&) = default;
    Gathered(const Gathered&) = delete;
    Gathered& operator=(const Gathered&) = delete;
    std::deque<DueItem> items;
    std::deque<std::size_t> seqs;
  };
  // The places of list number `list`'s items (which they point at), made at once and sorted.
  static std::vector<Place> sorted_places(const Gathered& g, std::uint32_t list);
  std::vector<DueItem> found_;  // one case's, reused
  Gathered own_;
  std::deque<Gathered> kept_;  // the lists appended, in order (a vector would copy them as it grows)
};

// That table's columns, and the row of one item (to write rows as they come: TableStream).
std::vector<Column> due_columns(std::string_view locale, bool people);
std::vector<std::string> due_row(const DueItem& i, const DateTime& now, std::string_view locale, bool people);
// due_row() into row, its strings' memory used again (a row a thread, reused for thousands).
void due_row_into(std::vector<std::string>& row, const DueItem& i, const DateTime& now, std::string_view locale,
                  bool people);

}  // namespace casectl
