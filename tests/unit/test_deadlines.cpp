// The deadline model (core/deadlines.hpp) with fixed dates and times: the 48-hour safety check
// (met late, met in time, outstanding, again after a reopening, whose report may come the evening
// before), the urgent assessment after an unsafe check, plans, reviews, custody limits and their
// extensions, services and consents; the fiscal-year numbering at the March/April boundary.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/deadlines.hpp"
#include "core/ids.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

DateTime T(const char* text) { return *DateTime::parse(text); }

// The deadlines of `kind` (every one, in the model's order).
std::vector<Deadline> of(const std::vector<Deadline>& all, DeadlineKind kind) {
  std::vector<Deadline> out;
  for (const auto& d : all)
    if (d.kind == kind) out.push_back(d);
  return out;
}

Policy policy() { return cfg().policy; }

SafetyCheck check(int n, const char* at, const char* method, const char* outcome) {
  return SafetyCheck{n, T(at), "sato", method, outcome, ""};
}

// A report received on Friday 2026-11-06 at 17:00, nothing done yet.
Record friday_report() {
  Record r = intake();
  r.referral.date = D("2026-11-06");
  r.referral.received = T("2026-11-06 17:00");
  r.opened = D("2026-11-06");
  return r;
}

// closed(), its referral answered by check 1, reopened on `date` for a report received at `received`.
Record reopened(const char* date, const char* received) {
  Record r = closed();
  r.safety_checks = {check(1, "2026-11-01 15:00", "home-visit", "safe")};
  Reopening o;
  o.n = 1;
  o.date = D(date);
  o.received = T(received);
  o.by = "sato";
  o.closure = 1;
  o.reason = "new report";
  r.reopenings = {o};
  r.status = "intake";
  return r;
}

}  // namespace

TEST_CASE("add_hours crosses days, months and years on wall time") {
  CHECK(add_hours(T("2026-11-06 17:00"), 48).str() == "2026-11-08 17:00");
  CHECK(add_hours(T("2026-12-31 23:30"), 1).str() == "2027-01-01 00:30");
  CHECK(add_hours(T("2028-02-28 12:00"), 24).str() == "2028-02-29 12:00");  // leap year
  CHECK(add_hours(T("2026-11-06 17:00"), 0).str() == "2026-11-06 17:00");
  CHECK(add_hours(T("2026-11-01 01:00"), -2).str() == "2026-10-31 23:00");
}

TEST_CASE("the safety check is due 48 hours after the report was received") {
  Record r = friday_report();
  auto due = safety_check_due(r, policy());
  REQUIRE(due);
  CHECK(due->str() == "2026-11-08 17:00");
  Policy p = policy();
  p.safety_check_hours = 24;
  CHECK(safety_check_due(r, p)->str() == "2026-11-07 17:00");
  r.referral.received.reset();
  CHECK_FALSE(safety_check_due(r, policy()));
}

TEST_CASE("a safety check outstanding until the child is seen, and overdue after the limit") {
  Record r = friday_report();
  auto sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  REQUIRE(sc.size() == 1);
  CHECK_FALSE(sc[0].met);
  CHECK(sc[0].due.str() == "2026-11-08 17:00");
  CHECK_FALSE(overdue(sc[0], T("2026-11-08 17:00")));
  CHECK(overdue(sc[0], T("2026-11-08 17:01")));
  auto open = outstanding(case_deadlines(r, policy()));
  CHECK(std::any_of(open.begin(), open.end(), [](const Deadline& d) { return d.kind == DeadlineKind::safety_check; }));
}

TEST_CASE("seen on Monday at 10:00 after a Friday 17:00 report: met, 65 hours, late") {
  Record r = friday_report();
  r.safety_checks = {check(1, "2026-11-09 10:00", "seen-at-school", "safe")};
  auto sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  REQUIRE(sc.size() == 1);
  CHECK(sc[0].met);
  REQUIRE(sc[0].met_at);
  CHECK(sc[0].met_at->str() == "2026-11-09 10:00");
  CHECK(*sc[0].met_at > sc[0].due);  // met late
  CHECK((sc[0].met_at->minutes() - r.referral.received->minutes()) / 60 == 65);
  auto open = outstanding(case_deadlines(r, policy()));
  CHECK(std::none_of(open.begin(), open.end(), [](const Deadline& d) { return d.kind == DeadlineKind::safety_check; }));
}

TEST_CASE("a child not seen does not meet the safety check, a later visit does") {
  Record r = friday_report();
  r.safety_checks = {check(1, "2026-11-07 11:00", "not-seen", "not-seen")};
  auto sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  REQUIRE(sc.size() == 1);
  CHECK_FALSE(sc[0].met);
  r.safety_checks.push_back(check(2, "2026-11-08 09:00", "home-visit", "safe"));
  sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  REQUIRE(sc.size() == 1);
  CHECK(sc[0].met);
  CHECK(sc[0].met_at->str() == "2026-11-08 09:00");
  CHECK_FALSE(*sc[0].met_at > sc[0].due);  // in time
}

TEST_CASE("an unsafe check with no assessment makes the assessment the most urgent deadline") {
  Record r = friday_report();
  r.safety_checks = {check(1, "2026-11-07 10:00", "home-visit", "unsafe")};
  auto open = outstanding(case_deadlines(r, policy()));
  REQUIRE_FALSE(open.empty());
  CHECK(open[0].kind == DeadlineKind::assessment);
  CHECK(open[0].urgent);
  CHECK(open[0].due.str() == "2026-11-07 10:00");  // due at once: the moment the child was found unsafe
  // Once assessed, it is met and no longer urgent.
  Assessment a = assessment1();
  a.date = D("2026-11-07");
  r.assessments = {a};
  r.status = "assessed";
  auto as = of(case_deadlines(r, policy()), DeadlineKind::assessment);
  REQUIRE(as.size() == 1);
  CHECK(as[0].met);
}

TEST_CASE("assessment by urgency, plan within plan_due days of it") {
  Record r = intake();  // urgent, referral 2026-11-01
  auto as = of(case_deadlines(r, policy()), DeadlineKind::assessment);
  REQUIRE(as.size() == 1);
  CHECK(as[0].due.str() == "2026-11-03 23:59");  // urgent: 2 days
  CHECK_FALSE(as[0].met);
  r = assessed();  // assessed 2026-11-03
  auto pl = of(case_deadlines(r, policy()), DeadlineKind::plan);
  REQUIRE(pl.size() == 1);
  CHECK(pl[0].due.str() == "2026-12-03 23:59");  // 30 days
  CHECK(pl[0].ref == "assessment 1");
  CHECK_FALSE(pl[0].met);
  r = planned();
  pl = of(case_deadlines(r, policy()), DeadlineKind::plan);
  REQUIRE(pl.size() == 1);
  CHECK(pl[0].met);
}

TEST_CASE("reviews: each next_review met by the review after it, the last one outstanding") {
  Record r = planned();  // plan 1 next review 2026-12-10
  auto rv = of(outstanding(case_deadlines(r, policy())), DeadlineKind::review);
  REQUIRE(rv.size() == 1);
  CHECK(rv[0].due.str() == "2026-12-10 23:59");
  r.reviews = {review1()};  // 2026-12-10, continue, next 2027-02-08
  auto all = of(case_deadlines(r, policy()), DeadlineKind::review);
  REQUIRE(all.size() == 2);
  CHECK(all[0].met);
  CHECK_FALSE(all[1].met);
  CHECK(all[1].due.str() == "2027-02-08 23:59");
}

TEST_CASE("a closed case has nothing outstanding") {
  Record r = closed();
  CHECK(outstanding(case_deadlines(r, policy())).empty());
}

TEST_CASE("custody: 60 days from the start, moved by an extension, met by its end") {
  Record r = assessed();
  Custody c;
  c.n = 1;
  c.start = D("2026-11-04");
  c.basis = "ex-officio";
  r.custody = {c};
  auto cu = of(case_deadlines(r, policy()), DeadlineKind::custody);
  REQUIRE(cu.size() == 1);
  CHECK(cu[0].due.str() == "2027-01-03 23:59");
  CHECK(cu[0].ref == "custody 1");
  CHECK_FALSE(cu[0].met);
  CHECK(overdue(cu[0], T("2027-01-04 00:00")));
  r.custody[0].extensions = {CustodyExtension{D("2026-12-25"), D("2027-03-03"), "council", ""}};
  cu = of(case_deadlines(r, policy()), DeadlineKind::custody);
  CHECK(cu[0].due.str() == "2027-03-03 23:59");
  CHECK_FALSE(overdue(cu[0], T("2027-01-04 00:00")));
  r.custody[0].ended = D("2027-02-01");
  r.custody[0].outcome = "returned-home";
  cu = of(case_deadlines(r, policy()), DeadlineKind::custody);
  CHECK(cu[0].met);
  Policy p = policy();
  p.custody_days = 30;
  r.custody[0].extensions.clear();
  r.custody[0].ended.reset();
  CHECK(of(case_deadlines(r, p), DeadlineKind::custody)[0].due.str() == "2026-12-04 23:59");
}

TEST_CASE("after a reopening the safety check starts again from the new report") {
  Record r = reopened("2027-05-10", "2027-05-10 09:00");
  auto sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  REQUIRE(sc.size() == 2);
  CHECK(sc[0].met);  // the first referral's, by check 1
  CHECK(sc[0].ref == "referral 1");
  CHECK_FALSE(sc[1].met);  // check 1 does not count for the new report
  CHECK(sc[1].ref == "referral 2");
  CHECK(sc[1].due.str() == "2027-05-12 09:00");
  r.safety_checks.push_back(check(2, "2027-05-11 08:00", "home-visit", "safe"));
  sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  CHECK(sc[1].met);
}

TEST_CASE("a reopening's report received the evening before: its episode starts then") {
  Record r = reopened("2027-05-10", "2027-05-09 20:00");
  r.safety_checks.push_back(check(2, "2027-05-09 19:00", "home-visit", "safe"));  // before the report
  r.safety_checks.push_back(check(3, "2027-05-09 22:00", "home-visit", "safe"));
  auto sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  REQUIRE(sc.size() == 2);
  CHECK(sc[1].due.str() == "2027-05-11 20:00");
  REQUIRE(sc[1].met);  // by check 3, two hours after the report
  CHECK(sc[1].met_at->str() == "2027-05-09 22:00");
  auto t = check_timing(r, r.safety_checks[2], policy());
  REQUIRE(t);
  CHECK(t->reopening == 1);
  CHECK(t->minutes == 120);
  CHECK_FALSE(t->late);
  t = check_timing(r, r.safety_checks[1], policy());  // 19:00 still answers the first referral
  REQUIRE(t);
  CHECK(t->reopening == 0);
  auto as = of(outstanding(case_deadlines(r, policy())), DeadlineKind::assessment);
  REQUIRE(as.size() == 1);
  CHECK(as[0].due.str() == "2027-05-11 23:59");  // urgent: 2 days from the report's day
  r.safety_checks[2].outcome = "unsafe";
  as = of(outstanding(case_deadlines(r, policy())), DeadlineKind::assessment);
  REQUIRE(as.size() == 1);
  CHECK(as[0].urgent);
  CHECK(as[0].due.str() == "2027-05-09 22:00");
  // An unsafe check at 19:00, before the new report, belongs to the old episode: it does not make
  // the new report's assessment urgent.
  r.safety_checks[2].outcome = "safe";
  r.safety_checks[1].outcome = "unsafe";
  as = of(outstanding(case_deadlines(r, policy())), DeadlineKind::assessment);
  REQUIRE(as.size() == 1);
  CHECK_FALSE(as[0].urgent);
  CHECK(as[0].due.str() == "2027-05-11 23:59");
}

TEST_CASE("a reopening's report received on its day: a check the evening before answers the old report") {
  Record r = reopened("2027-05-10", "2027-05-10 09:00");
  r.safety_checks.push_back(check(2, "2027-05-09 22:00", "home-visit", "safe"));
  auto sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  REQUIRE(sc.size() == 2);
  CHECK_FALSE(sc[1].met);
  auto t = check_timing(r, r.safety_checks[1], policy());
  REQUIRE(t);
  CHECK(t->reopening == 0);
  r.safety_checks.push_back(check(3, "2027-05-10 10:00", "home-visit", "safe"));
  sc = of(case_deadlines(r, policy()), DeadlineKind::safety_check);
  CHECK(sc[1].met_at->str() == "2027-05-10 10:00");
  t = check_timing(r, r.safety_checks[2], policy());
  REQUIRE(t);
  CHECK(t->reopening == 1);
  CHECK(t->minutes == 60);
  auto as = of(outstanding(case_deadlines(r, policy())), DeadlineKind::assessment);
  REQUIRE(as.size() == 1);
  CHECK(as[0].due.str() == "2027-05-12 23:59");
}

TEST_CASE("a reopening's own urgency sets its first assessment and reassessment, the referral's otherwise") {
  Record r = reopened("2027-05-10", "2027-05-10 09:00");  // the referral was urgent
  auto as = of(case_deadlines(r, policy()), DeadlineKind::assessment);
  REQUIRE(as.size() == 2);
  CHECK(as[1].due.str() == "2027-05-12 23:59");  // urgent: 2 days
  r.reopenings[0].urgency = "routine";
  as = of(case_deadlines(r, policy()), DeadlineKind::assessment);
  REQUIRE(as.size() == 2);
  CHECK(as[0].due.str() == "2026-11-03 23:59");  // the first referral keeps its own
  CHECK(as[1].due.str() == "2027-05-24 23:59");  // routine: 14 days
  r.reopenings[0].urgency = "immediate";
  CHECK(of(case_deadlines(r, policy()), DeadlineKind::assessment)[1].due.str() == "2027-05-11 23:59");
  Review rv = review1();
  rv.n = 2;
  rv.date = D("2027-06-01");
  rv.decision = "reassess";
  r.reviews.push_back(rv);
  auto re = of(case_deadlines(r, policy()), DeadlineKind::reassessment);
  REQUIRE(re.size() == 1);
  CHECK(re[0].due.str() == "2027-06-02 23:59");  // immediate: 1 day
}

TEST_CASE("services of the plan in force past their end, and consent expiries") {
  Record r = planned();  // services end 2027-02-15, consent 1 expires 2027-11-10
  auto se = of(case_deadlines(r, policy()), DeadlineKind::service_end);
  REQUIRE(se.size() == 2);
  CHECK(se[0].due.str() == "2027-02-15 23:59");
  auto ce = of(case_deadlines(r, policy()), DeadlineKind::consent_expiry);
  REQUIRE(ce.size() == 1);
  CHECK(ce[0].ref == "consent 1");
  CHECK(ce[0].due.str() == "2027-11-10 23:59");
  r.consents[0].withdrawn = D("2026-12-01");
  CHECK(of(case_deadlines(r, policy()), DeadlineKind::consent_expiry).empty());
}

TEST_CASE("outstanding deadlines are sorted urgent first, then by due time") {
  Record r = friday_report();
  r.safety_checks = {check(1, "2026-11-07 10:00", "home-visit", "unsafe")};
  auto open = outstanding(case_deadlines(r, policy()));
  REQUIRE(open.size() >= 1);
  CHECK(open.front().urgent);
  for (std::size_t i = 2; i < open.size(); ++i) CHECK_FALSE(open[i].due < open[i - 1].due);
}

TEST_CASE("every kind has a stable code") {
  CHECK(std::string(code(DeadlineKind::safety_check)) == "safety-check");
  CHECK(std::string(code(DeadlineKind::custody)) == "custody");
  CHECK(std::string(code(DeadlineKind::service_end)) == "service-end");
  CHECK(std::string(code(DeadlineKind::consent_expiry)) == "consent-expiry");
}

TEST_CASE("a code reads back as its kind, nothing else does") {
  for (DeadlineKind k : kDeadlineKinds) CHECK(deadline_kind(code(k)) == k);
  CHECK_FALSE(deadline_kind(""));
  CHECK_FALSE(deadline_kind("Safety-check"));
  CHECK_FALSE(deadline_kind("safety_check"));
}

TEST_CASE("more_urgent: urgent ones first, then the earliest due, as outstanding() sorts") {
  DateTime early = *DateTime::parse("2026-11-07 10:00"), late = *DateTime::parse("2026-11-08 17:00");
  CHECK(more_urgent(true, late, false, early));
  CHECK_FALSE(more_urgent(false, early, true, late));
  CHECK(more_urgent(false, early, false, late));
  CHECK_FALSE(more_urgent(false, late, false, early));
  CHECK_FALSE(more_urgent(false, early, false, early));  // a tie keeps its order
}

TEST_CASE("fiscal-year numbering at the March/April boundary (年度)") {
  CHECK(id_year(D("2027-03-31"), "fiscal") == 2026);
  CHECK(id_year(D("2027-04-01"), "fiscal") == 2027);
  CHECK(id_year(D("2027-01-01"), "fiscal") == 2026);
  CHECK(id_year(D("2027-03-31"), "calendar") == 2027);
}

TEST_CASE("after a revise-plan review, the new plan's next review is outstanding again") {
  Record r = planned();
  Review rv = review1();
  rv.decision = "revise-plan";
  r.reviews = {rv};
  auto open = outstanding(case_deadlines(r, policy()));
  CHECK(of(open, DeadlineKind::review).empty());  // waiting for the new plan
  CHECK(of(open, DeadlineKind::revision).size() == 1);
  Plan p2 = revised_plan(2, "2026-12-20", "2027-01-20");
  r.plans.push_back(p2);
  open = outstanding(case_deadlines(r, policy()));
  auto rvs = of(open, DeadlineKind::review);
  REQUIRE(rvs.size() == 1);
  CHECK(rvs[0].ref == "plan 2");
  CHECK(rvs[0].due.str() == "2027-01-20 23:59");
  CHECK(of(open, DeadlineKind::revision).empty());  // met by plan 2
}

TEST_CASE("an unsafe check after the assessment asks for a new one, urgently") {
  Record r = planned();  // assessed 2026-11-03
  r.safety_checks = {check(1, "2026-11-20 09:00", "home-visit", "unsafe")};
  auto open = outstanding(case_deadlines(r, policy()));
  REQUIRE_FALSE(open.empty());
  CHECK(open[0].kind == DeadlineKind::assessment);
  CHECK(open[0].urgent);
  CHECK(open[0].ref == "safety check 1");
  CHECK(open[0].due.str() == "2026-11-20 09:00");
  Assessment a2 = assessment1();
  a2.n = 2;
  a2.date = D("2026-11-20");
  r.assessments.push_back(a2);
  open = outstanding(case_deadlines(r, policy()));
  CHECK(std::none_of(open.begin(), open.end(), [](const Deadline& d) { return d.urgent; }));
}

TEST_CASE("after a reopening, the old plan's services and revisions are not outstanding") {
  Record r = reopened("2027-05-10", "2027-05-10 09:00");
  Review rv = review1();
  rv.decision = "revise-plan";
  r.reviews.insert(r.reviews.begin(), rv);  // an old revision never made before the closure
  auto open = outstanding(case_deadlines(r, policy()));
  CHECK(of(open, DeadlineKind::service_end).empty());
  CHECK(of(open, DeadlineKind::revision).empty());
  CHECK(of(open, DeadlineKind::safety_check).size() == 1);
  CHECK(of(open, DeadlineKind::assessment).size() == 1);
}

TEST_CASE("custody_limit: start + custody_days, moved by extensions, as a document dated a day knew it") {
  Custody c;
  c.start = D("2026-11-04");
  c.extensions = {CustodyExtension{D("2026-12-25"), D("2027-03-03"), "council", ""},
                  CustodyExtension{D("2027-02-25"), D("2027-04-30"), "court", ""}};
  CHECK(custody_limit(c, policy())->iso() == "2027-04-30");
  CHECK(custody_limit(c, policy(), 1)->iso() == "2027-03-03");
  CHECK(custody_limit(c, policy(), 0)->iso() == "2027-01-03");
  CHECK(custody_limit(c, policy(), static_cast<std::size_t>(-1), D("2027-01-10"))->iso() == "2027-03-03");
  c.start.reset();
  CHECK_FALSE(custody_limit(c, policy()));
}
