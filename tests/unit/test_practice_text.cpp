// A safety check's timing against the report it answers (core/deadlines.hpp check_timing) and
// the words `show` and the documents write for it and for the deadlines (core/practice_text).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/deadlines.hpp"
#include "core/practice_text.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

DateTime T(const char* text) { return *DateTime::parse(text); }

SafetyCheck check(int n, const char* at) { return SafetyCheck{n, T(at), "sato", "seen-at-school", "safe", ""}; }

// A report received on Friday 2026-11-06 at 17:00.
Record friday_report() {
  Record r = intake();
  r.referral.date = D("2026-11-06");
  r.referral.received = T("2026-11-06 17:00");
  r.opened = D("2026-11-06");
  return r;
}

}  // namespace

TEST_CASE("a check on Monday 10:00 after a Friday 17:00 report: 65 h, late, 47 h 30 min is in time") {
  Record r = friday_report();
  auto t = check_timing(r, check(1, "2026-11-09 10:00"), cfg().policy);
  REQUIRE(t);
  CHECK(t->reopening == 0);
  CHECK(t->received->str() == "2026-11-06 17:00");
  CHECK(t->minutes == 65 * 60);
  CHECK(t->late);
  CHECK(check_timing_text(*t, 48, "en") == "65 h after the report (limit 48 h): late");
  CHECK(check_timing_text(*t, 48, "ja") == "通告から65時間(期限48時間): 期限超過");

  t = check_timing(r, check(2, "2026-11-08 16:30"), cfg().policy);
  REQUIRE(t);
  CHECK_FALSE(t->late);
  CHECK(check_timing_text(*t, 48, "en") == "47 h 30 min after the report (limit 48 h): in time");
  CHECK(check_timing_text(*t, 48, "ja") == "通告から47時間30分(期限48時間): 期限内");

  // Exactly at the limit is in time; a minute later is late.
  CHECK_FALSE(check_timing(r, check(3, "2026-11-08 17:00"), cfg().policy)->late);
  CHECK(check_timing(r, check(3, "2026-11-08 17:01"), cfg().policy)->late);
  Policy short_limit = cfg().policy;
  short_limit.safety_check_hours = 24;
  CHECK(check_timing(r, check(2, "2026-11-08 16:30"), short_limit)->late);
}

TEST_CASE("a check answers the reopening whose report it follows") {
  Record r = friday_report();
  Reopening o;
  o.n = 1;
  o.date = D("2027-05-10");
  o.received = T("2027-05-10 09:00");
  r.reopenings = {o};
  auto first = check_timing(r, check(1, "2026-11-07 09:00"), cfg().policy);
  REQUIRE(first);
  CHECK(first->reopening == 0);
  CHECK(first->minutes == 16 * 60);
  auto again = check_timing(r, check(2, "2027-05-12 10:00"), cfg().policy);
  REQUIRE(again);
  CHECK(again->reopening == 1);
  CHECK(again->minutes == 49 * 60);
  CHECK(again->late);
  CHECK(check_timing_text(*again, 48, "en") == "49 h after the report of reopening 1 (limit 48 h): late");
  CHECK(check_timing_text(*again, 48, "ja") == "再開第1回の通告から49時間(期限48時間): 期限超過");

  // A reopening whose report time is not recorded: the check is its, with no hours.
  r.reopenings[0].received.reset();
  again = check_timing(r, check(2, "2027-05-12 10:00"), cfg().policy);
  REQUIRE(again);
  CHECK(again->reopening == 1);
  CHECK_FALSE(again->received);
  CHECK_FALSE(again->late);
  CHECK(check_timing_text(*again, 48, "en") == "the time the report was received is not recorded");
  CHECK(check_timing_text(*again, 48, "ja") == "通告受理日時の記録なし");
}

TEST_CASE("no timing for a check without a time or before any report") {
  Record r = friday_report();
  SafetyCheck none = check(1, "2026-11-09 10:00");
  none.at.reset();
  CHECK_FALSE(check_timing(r, none, cfg().policy));
  CHECK_FALSE(check_timing(r, check(1, "2026-11-06 16:59"), cfg().policy));
  r.referral.received.reset();  // the report's day still places it; no hours
  auto t = check_timing(r, check(1, "2026-11-09 10:00"), cfg().policy);
  REQUIRE(t);
  CHECK_FALSE(t->received);
}

TEST_CASE("every deadline kind has words in both locales, each its own") {
  std::set<std::string> en, ja;
  for (DeadlineKind k : {DeadlineKind::safety_check, DeadlineKind::assessment, DeadlineKind::plan, DeadlineKind::review,
                         DeadlineKind::revision, DeadlineKind::reassessment, DeadlineKind::custody,
                         DeadlineKind::service_end, DeadlineKind::consent_expiry}) {
    en.insert(deadline_kind_text(k, "en"));
    ja.insert(deadline_kind_text(k, "ja"));
  }
  CHECK(en.size() == 9);
  CHECK(ja.size() == 9);
  CHECK(en.count("") == 0);
  CHECK(deadline_kind_text(DeadlineKind::safety_check, "ja") == "安全確認");
  CHECK(deadline_kind_text(DeadlineKind::custody, "en") == "custody limit");
}

TEST_CASE("a deadline's reference in words") {
  CHECK(deadline_ref_text("custody 1", "en") == "custody 1");
  CHECK(deadline_ref_text("custody 1", "ja") == "一時保護 1");
  CHECK(deadline_ref_text("service S2", "ja") == "サービス S2");
  CHECK(deadline_ref_text("referral 2", "ja") == "通告 2");
  CHECK(deadline_ref_text("", "ja") == "");
  CHECK(deadline_ref_text("something 3", "ja") == "something 3");
}

TEST_CASE("how late or how soon: minutes under an hour, hours under a day, else whole days") {
  CHECK(deadline_when_text(0, "en") == "due now");
  CHECK(deadline_when_text(1, "en") == "1 min late");
  CHECK(deadline_when_text(59, "en") == "59 min late");
  CHECK(deadline_when_text(60, "en") == "1 h late");
  CHECK(deadline_when_text(1439, "en") == "23 h late");
  CHECK(deadline_when_text(1440, "en") == "1 day late");
  CHECK(deadline_when_text(3 * 1440 + 9 * 60 + 1, "en") == "3 days late");
  CHECK(deadline_when_text(-5 * 60 - 30, "en") == "in 5 h");
  CHECK(deadline_when_text(-30, "en") == "in 30 min");
  CHECK(deadline_when_text(-(5 * 1440 + 14 * 60), "en") == "in 5 days");
  CHECK(deadline_when_text(-1440, "en") == "in 1 day");
  CHECK(deadline_when_text(3 * 1440, "ja") == "3日超過");
  CHECK(deadline_when_text(5 * 60, "ja") == "5時間超過");
  CHECK(deadline_when_text(-40, "ja") == "あと40分");
  CHECK(deadline_when_text(-5 * 60, "ja") == "あと5時間");
  CHECK(deadline_when_text(0, "ja") == "ちょうど期限");
}

TEST_CASE("the urgent mark, as show and due print it") {
  CHECK(deadline_urgent_text("en") == "urgent");
  CHECK(deadline_urgent_text("ja") == "最優先");
}
