// core/due: which outstanding deadlines `casectl due` lists and in what order.
#include <doctest/doctest.h>

#include <cstdio>

#include "core/deadlines.hpp"
#include "core/due.hpp"

using namespace casectl;

namespace {

DateTime T(const char* text) { return *DateTime::parse(text); }

OpenDeadline deadline(DeadlineKind k, const char* due, std::string ref = "", bool urgent = false) {
  return OpenDeadline{k, T(due), std::move(ref), urgent};
}

CaseSummary with(const char* id, const char* worker, std::vector<OpenDeadline> deadlines) {
  CaseSummary s;
  s.id = id;
  s.worker = worker;
  s.status = "active";
  s.deadlines = std::move(deadlines);
  return s;
}

}  // namespace

TEST_CASE("minutes late: positive once the minute has passed, negative before") {
  DateTime due = T("2026-11-08 17:00");
  CHECK(minutes_late(due, T("2026-11-08 17:00")) == 0);
  CHECK(minutes_late(due, T("2026-11-08 17:01")) == 1);
  CHECK(minutes_late(due, T("2026-11-08 12:00")) == -300);
  CHECK(minutes_late(due, T("2026-11-11 17:00")) == 3 * 1440);
  CHECK((minutes_late(due, T("2026-11-08 17:01")) > 0) == past_due(due, T("2026-11-08 17:01")));
  CHECK((minutes_late(due, T("2026-11-08 17:00")) > 0) == past_due(due, T("2026-11-08 17:00")));
}

TEST_CASE("due within DAYS: overdue, or due by the end of the day DAYS days from today") {
  DateTime now = T("2026-11-10 09:00");
  CHECK(due_within(T("2026-11-01 23:59"), now, 7));   // overdue
  CHECK(due_within(T("2026-11-10 08:59"), now, 0));   // overdue this morning
  CHECK(due_within(T("2026-11-10 23:59"), now, 0));   // today
  CHECK_FALSE(due_within(T("2026-11-11 00:00"), now, 0));
  CHECK(due_within(T("2026-11-17 23:59"), now, 7));   // the seventh day, whole
  CHECK_FALSE(due_within(T("2026-11-18 00:00"), now, 7));
  CHECK_FALSE(due_within(T("2026-11-20 23:59"), now, 7));  // in 10 days
  CHECK(due_within(T("2026-11-20 23:59"), now, 14));
}

TEST_CASE("collect_due keeps the listed deadlines of a case, an unreadable summary has none") {
  DateTime now = T("2026-11-10 09:00");
  CaseSummary s = with("C-2026-0001", "sato",
                       {deadline(DeadlineKind::assessment, "2026-11-04 23:59"),
                        deadline(DeadlineKind::review, "2026-11-15 23:59", "plan 1"),
                        deadline(DeadlineKind::service_end, "2026-11-30 23:59", "service S2")});
  std::vector<DueItem> items;
  collect_due(s, now, 7, items);
  REQUIRE(items.size() == 2);
  CHECK(items[0].case_id == "C-2026-0001");
  CHECK(items[0].worker == "sato");
  CHECK(items[0].deadline.kind == DeadlineKind::assessment);
  CHECK(items[1].deadline.ref == "plan 1");
  collect_due(s, now, 30, items);
  CHECK(items.size() == 5);

  std::vector<DueItem> none;
  collect_due(unreadable_summary("C-2026-0009", "cases/2026/00/C-2026-0009/case.yaml", "bad YAML"), now, 30, none);
  CHECK(none.empty());
}

TEST_CASE("DueList: urgent first, then by due across cases, ties in case order") {
  DateTime now = T("2026-11-10 09:00");
  DueList due;
  // Given out of case order (as `--as-of` gives the cases read again last): seq decides ties.
  due.add(with("C-2026-0003", "sato", {deadline(DeadlineKind::safety_check, "2026-11-08 17:00")}), 2, now, 7);
  due.add(with("C-2026-0001", "sato", {deadline(DeadlineKind::review, "2026-11-12 23:59", "plan 1")}), 0, now, 7);
  due.add(with("C-2026-0002", "tanaka",
               {deadline(DeadlineKind::assessment, "2026-11-09 10:00", "", true),
                deadline(DeadlineKind::plan, "2026-11-12 23:59", "assessment 1"),
                deadline(DeadlineKind::review, "2026-11-30 23:59", "plan 9")}),
          1, now, 7);
  std::vector<const DueItem*> items = due.sorted();
  REQUIRE(items.size() == 4);  // plan 9's review is not within 7 days
  CHECK(items[0]->case_id == "C-2026-0002");  // urgent, though not the earliest
  CHECK(items[0]->deadline.urgent);
  CHECK(items[1]->case_id == "C-2026-0003");  // the earliest of the others
  CHECK(items[2]->case_id == "C-2026-0001");  // same due as the next: case order
  CHECK(items[3]->case_id == "C-2026-0002");
  CHECK(items[3]->deadline.kind == DeadlineKind::plan);
}

TEST_CASE("DueList: lists gathered apart and appended sort as one list, their items where they were") {
  DateTime now = T("2026-11-10 09:00");
  // Many cases, each with deadlines of several kinds and equal due times across cases.
  auto case_at = [&](std::size_t seq) {
    char id[16];
    std::snprintf(id, sizeof id, "C-2026-%04zu", seq + 1);
    std::vector<OpenDeadline> d = {deadline(DeadlineKind::review, seq % 3 ? "2026-11-12 23:59" : "2026-11-09 23:59", "plan 1"),
                                   deadline(DeadlineKind::plan, "2026-11-12 23:59", "assessment 1", seq % 7 == 0)};
    return with(id, seq % 2 ? "sato" : "tanaka", d);
  };
  const std::size_t cases = 3000;
  DueList one;
  for (std::size_t seq = 0; seq < cases; ++seq) one.add(case_at(seq), seq, now, 7);
  std::vector<const DueItem*> want = one.sorted();
  REQUIRE(want.size() == 2 * cases);
  // The same cases gathered in five lists (one of them empty), appended in order, then two
  // lists of lists.
  std::vector<DueList> parts(5);
  for (std::size_t seq = 0; seq < cases; ++seq) parts[seq < 1000 ? 0 : seq < 1001 ? 1 : seq < 2500 ? 3 : 4].add(case_at(seq), seq, now, 7);
  DueList front, back;
  front.append(std::move(parts[0]));
  front.append(std::move(parts[1]));
  back.append(std::move(parts[2]));
  back.append(std::move(parts[3]));
  back.append(std::move(parts[4]));
  DueList all;
  all.append(std::move(front));
  all.append(std::move(back));
  CHECK(all.size() == want.size());
  std::vector<const DueItem*> got = all.sorted();
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    CHECK(got[k]->case_id == want[k]->case_id);
    CHECK(got[k]->deadline == want[k]->deadline);
  }
}

TEST_CASE("DueList: overdue only leaves out what is due later today") {
  DateTime now = T("2026-11-10 09:00");
  DueList due;
  due.add(with("C-2026-0001", "sato",
               {deadline(DeadlineKind::safety_check, "2026-11-10 08:59"), deadline(DeadlineKind::review, "2026-11-10 23:59")}),
          0, now, 0, true);
  std::vector<const DueItem*> items = due.sorted();
  REQUIRE(items.size() == 1);
  CHECK(items[0]->deadline.kind == DeadlineKind::safety_check);
}

TEST_CASE("urgency_key: urgent before not, then earlier before later") {
  DateTime early = T("2026-11-01 10:00"), late = T("2026-11-01 10:01");
  CHECK(urgency_key(true, late) < urgency_key(false, early));
  CHECK(urgency_key(false, early) < urgency_key(false, late));
  CHECK(urgency_key(true, early) < urgency_key(true, late));
  CHECK_FALSE(urgency_key(false, late) < urgency_key(false, late));
}
