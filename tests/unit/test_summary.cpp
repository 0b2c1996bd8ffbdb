// summarize() and the deadline model: the next outstanding deadline a summary carries (what
// `list` shows without reading the records), under the policy it was given; its JSON keys.
#include <doctest/doctest.h>

#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "core/summary.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

DateTime T(const char* text) { return *DateTime::parse(text); }

// A report received on Friday 2026-11-06 at 17:00 (urgent), nothing done yet.
Record friday_report() {
  Record r = intake();
  r.referral.date = D("2026-11-06");
  r.referral.received = T("2026-11-06 17:00");
  r.opened = D("2026-11-06");
  r.notes.clear();
  return r;
}

}  // namespace

TEST_CASE("the summary carries the deadline model's next outstanding deadline") {
  Record r = friday_report();
  Policy p = cfg().policy;
  CaseSummary s = summarize(r, p);
  CHECK(s.next_deadline == "safety-check");
  REQUIRE(s.next_deadline_due);
  CHECK(s.next_deadline_due->str() == "2026-11-08 17:00");
  CHECK(s.next_deadline_ref.empty());
  CHECK_FALSE(s.next_deadline_urgent);
  CHECK(s.deadlines_outstanding == 2);  // the safety check and the first assessment
  std::vector<Deadline> open = outstanding(case_deadlines(r, p));
  CHECK(s.deadlines_outstanding == static_cast<int>(open.size()));
  CHECK(*s.next_deadline_due == open.front().due);

  // Overdue once its minute has passed, as core/deadlines.hpp overdue() says.
  CHECK_FALSE(s.next_deadline_overdue(T("2026-11-08 17:00")));
  CHECK(s.next_deadline_overdue(T("2026-11-08 17:01")));
  CHECK(s.next_deadline_overdue(T("2026-11-08 17:01")) == overdue(open.front(), T("2026-11-08 17:01")));

  // Another policy, another due time.
  p.safety_check_hours = 24;
  CHECK(summarize(r, p).next_deadline_due->str() == "2026-11-07 17:00");

  SUBCASE("seen and safe: the first assessment is next, by the end of its day") {
    r.safety_checks.push_back(SafetyCheck{1, T("2026-11-07 10:00"), "sato", "seen-at-school", "safe", ""});
    s = summarize(r, cfg().policy);
    CHECK(s.next_deadline == "assessment");
    CHECK(s.next_deadline_due->str() == "2026-11-08 23:59");  // urgent: 2 days
    CHECK_FALSE(s.next_deadline_urgent);
    CHECK(s.deadlines_outstanding == 1);
  }
  SUBCASE("seen and unsafe: the assessment is urgent, due at once") {
    r.safety_checks.push_back(SafetyCheck{1, T("2026-11-07 10:00"), "sato", "seen-at-home", "unsafe", ""});
    s = summarize(r, cfg().policy);
    CHECK(s.next_deadline == "assessment");
    CHECK(s.next_deadline_urgent);
    CHECK(s.next_deadline_due->str() == "2026-11-07 10:00");
  }
  SUBCASE("a closed case has none") {
    s = summarize(closed(), cfg().policy);
    CHECK(s.next_deadline.empty());
    CHECK_FALSE(s.next_deadline_due);
    CHECK(s.deadlines_outstanding == 0);
    CHECK_FALSE(s.next_deadline_overdue(T("2030-01-01 00:00")));
  }
}

TEST_CASE("a planned case's next deadline names what it is about") {
  Record r = planned();
  r.consents.clear();
  r.safety_checks.push_back(SafetyCheck{1, T("2026-11-02 15:00"), "sato", "seen-at-school", "safe", ""});
  CaseSummary s = summarize(r, cfg().policy);
  std::vector<Deadline> open = outstanding(case_deadlines(r, cfg().policy));
  REQUIRE_FALSE(open.empty());
  CHECK(s.next_deadline == code(open.front().kind));
  CHECK(s.next_deadline_ref == open.front().ref);
  CHECK(s.next_deadline == "review");
  CHECK(s.next_deadline_ref == "plan 1");
}

TEST_CASE("the next deadline's JSON keys") {
  CaseSummary s = summarize(friday_report(), cfg().policy);
  nlohmann::ordered_json j = summary_json(s);
  CHECK(j["next_deadline"] == "safety-check");
  CHECK(j["next_deadline_due"] == "2026-11-08 17:00");
  CHECK_FALSE(j.contains("next_deadline_ref"));  // about the case itself
  CHECK(j["next_deadline_urgent"] == false);
  CHECK(j["deadlines_outstanding"] == 2);
  CHECK(summary_unpack(summary_pack(s)) == s);

  nlohmann::ordered_json none = summary_json(summarize(closed(), cfg().policy));
  CHECK_FALSE(none.contains("next_deadline"));
  CHECK_FALSE(none.contains("next_deadline_due"));
  CHECK(none["next_deadline_urgent"] == false);
  CHECK(none["deadlines_outstanding"] == 0);
}

TEST_CASE("the summary carries every outstanding deadline, in the model's order, packed and in JSON") {
  Record r = friday_report();
  r.safety_checks.push_back(SafetyCheck{1, T("2026-11-07 10:00"), "sato", "seen-at-home", "unsafe", ""});
  r.consents.clear();
  CaseSummary s = summarize(r, cfg().policy);
  std::vector<Deadline> open = outstanding(case_deadlines(r, cfg().policy));
  REQUIRE(s.deadlines.size() == open.size());
  CHECK(s.deadlines_outstanding == static_cast<int>(s.deadlines.size()));
  for (std::size_t i = 0; i < open.size(); ++i) {
    CHECK(s.deadlines[i].kind == open[i].kind);
    CHECK(s.deadlines[i].due == open[i].due);
    CHECK(s.deadlines[i].ref == open[i].ref);
    CHECK(s.deadlines[i].urgent == open[i].urgent);
  }
  REQUIRE_FALSE(s.deadlines.empty());
  CHECK(code(s.deadlines.front().kind) == s.next_deadline);  // the next one is the first
  CHECK(s.deadlines.front().urgent);
  CHECK(summary_unpack(summary_pack(s)) == s);
  CHECK(summary_unpack(summary_pack(s)).deadlines == s.deadlines);

  nlohmann::ordered_json j = summary_json(s);
  REQUIRE(j["deadlines"].is_array());
  CHECK(j["deadlines"][0]["kind"] == "assessment");
  CHECK(j["deadlines"][0]["due"] == "2026-11-07 10:00");
  CHECK_FALSE(j["deadlines"][0].contains("ref"));
  CHECK(j["deadlines"][0]["urgent"] == true);

  CaseSummary none = summarize(closed(), cfg().policy);
  CHECK(none.deadlines.empty());
  CHECK_FALSE(summary_json(none).contains("deadlines"));
  CHECK(summary_unpack(summary_pack(none)) == none);
}

TEST_CASE("a packed deadline of an unknown kind is refused as damaged") {
  CaseSummary s = summarize(friday_report(), cfg().policy);
  REQUIRE_FALSE(s.deadlines.empty());
  std::string bytes = summary_pack(s);
  auto at = bytes.rfind("safety-check");  // the list's, after next_deadline's
  REQUIRE(at != std::string::npos);
  bytes[at] = 'S';
  CHECK_THROWS(summary_unpack(bytes));
}

namespace {

// A summary's JSON as an unordered object, for comparing field sets.
nlohmann::json plain(const CaseSummary& s) { return nlohmann::json::parse(summary_json(s).dump()); }

}  // namespace

namespace {
// Each record the field-set test runs on, one per subcase.
Record field_set_record() {
  Record r;
  SUBCASE("closed") { r = closed(); }
  SUBCASE("planned, deadlines outstanding") {
    r = planned();
    REQUIRE_FALSE(summarize(r, Policy{}).deadlines.empty());
  }
  return r;
}
}  // namespace

TEST_CASE("a summary unpacked with a field set has exactly those fields, never another case's") {
  Policy policy;
  // A closed case (closures, services) and a planned one (outstanding deadlines: due's fields).
  Record whole = field_set_record();
  CaseSummary full = summarize(whole, policy);
  CAPTURE(full.deadlines.size());
  full.id = "C-2026-0001";
  full.path = "cases/2026/00/C-2026-0001/case.yaml";
  const std::string packed = summary_pack(full);
  const nlohmann::json full_json = plain(full), empty_json = plain(CaseSummary{});
  CaseSummary other = summarize(reviewed(), policy);  // reused: its values must not survive
  other.id = "C-2026-0002";
  other.path = "elsewhere";
  for (std::string* text : {&other.client_name, &other.worker, &other.sex, &other.referral_source, &other.urgency,
                            &other.risk, &other.safety, &other.outstanding, &other.review_decision,
                            &other.next_deadline_ref})
    *text = "other";
  other.concerns = {"other"};
  other.notes = other.goals = 99;
  other.next_deadline_urgent = true;
  other.last_event = D("2001-01-01");
  const std::string other_packed = summary_pack(other);
  for (const char* key : summary_keys()) {
    CAPTURE(key);
    CaseSummary reused;
    summary_unpack_into(other_packed, reused);
    summary_unpack_into(packed, reused, SummaryFields::of({key}));
    nlohmann::json want = empty_json;
    for (const char* k : {"id", "error", key}) {
      if (full_json.contains(k))
        want[k] = full_json[k];
      else
        want.erase(k);
    }
    CHECK(plain(reused) == want);
  }
  CaseSummary all;
  summary_unpack_into(other_packed, all);
  summary_unpack_into(packed, all, SummaryFields::all());
  CHECK(all == full);
  CHECK_THROWS_AS(SummaryFields::of({"no_such_field"}), Error);
}
