// The safety confirmation (安全確認) and protective custody (一時保護) rules and stages: a valid
// record passes; each rule broken alone is reported with its name and field path; the stage
// functions fill what they fill, refuse what the rules refuse and leave the record as it was.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/rule_catalog.hpp"
#include "core/rules.hpp"
#include "core/deadlines.hpp"
#include "core/rules_safety.hpp"
#include "core/stages_custody.hpp"
#include "core/stages_safety.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

RuleContext ctx(const char* today = "2027-03-10") {
  return RuleContext{cfg(), D(today), std::nullopt, nullptr, std::nullopt};
}

DateTime T(const char* text) { return *DateTime::parse(text); }

std::string dump(const std::vector<Problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.rule + " " + p.field + " | " + p.message + "; " + p.fix + "\n";
  return s;
}

// Every problem is of `rule`, one of them at `field`; each names the case, a message and a fix.
void expect_only(const std::vector<Problem>& ps, const std::string& rule, const std::string& field) {
  INFO(dump(ps));
  REQUIRE_FALSE(ps.empty());
  for (const auto& p : ps) CHECK(p.rule == rule);
  CHECK(std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.field == field; }));
  for (const auto& p : ps) {
    CHECK(p.case_id == "C-2026-0001");
    CHECK_FALSE(p.message.empty());
    CHECK_FALSE(p.fix.empty());
    CHECK(find_rule(p.rule) != nullptr);
  }
}

void expect_none(const std::vector<Problem>& ps) {
  INFO(dump(ps));
  CHECK(ps.empty());
}

SafetyCheck check1() { return SafetyCheck{1, T("2026-11-02 10:00"), "sato", "seen-at-school", "safe", "seen in class"}; }

// The assessed case with safety check 1 and custody 1 (started, extended by the council, ended).
Record with_safety_and_custody() {
  Record r = assessed();
  r.safety_checks = {check1()};
  Custody k;
  k.n = 1;
  k.start = D("2026-11-03");
  k.basis = "ex-officio";
  k.place = "shelter";
  k.extensions = {{D("2026-12-28"), D("2027-03-03"), "council", ""}};
  k.ended = D("2027-01-20");
  k.outcome = "returned-home";
  r.custody = {k};
  return r;
}

StageContext stage_ctx(const char* today, const char* now = nullptr) {
  return StageContext{cfg(), "", D(today), "sato", now ? std::optional<DateTime>(T(now)) : std::nullopt};
}

// The rule names of a refusal.
std::vector<std::string> refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::refused);
    std::vector<std::string> rules;
    for (const auto& p : e.problems()) rules.push_back(p.rule);
    return rules;
  }
  FAIL("not refused");
  return {};
}

}  // namespace

TEST_CASE("safety checks and custody: a valid record passes") {
  expect_none(check_record(with_safety_and_custody(), ctx()));
}

TEST_CASE("safety check rules") {
  Record r = with_safety_and_custody();
  SUBCASE("method required") {
    r.safety_checks[0].method = "";
    expect_only(check_record(r, ctx()), "confirm.method-required", "safety_checks[0].method");
  }
  SUBCASE("outcome required") {
    r.safety_checks[0].outcome = "";
    expect_only(check_record(r, ctx()), "confirm.outcome-required", "safety_checks[0].outcome");
  }
  SUBCASE("a child not seen is not confirmed safe") {
    r.safety_checks[0].method = "not-seen";
    expect_only(check_record(r, ctx()), "confirm.not-seen-mismatch", "safety_checks[0].outcome");
  }
  SUBCASE("a child seen has an outcome other than not-seen") {
    r.safety_checks[0].outcome = "not-seen";
    expect_only(check_record(r, ctx()), "confirm.not-seen-mismatch", "safety_checks[0].outcome");
  }
  SUBCASE("not-seen with not-seen is fine") {
    r.safety_checks[0].method = "not-seen";
    r.safety_checks[0].outcome = "not-seen";
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("at required") {
    r.safety_checks[0].at.reset();
    expect_only(check_record(r, ctx()), "confirm.at-required", "safety_checks[0].at");
  }
  SUBCASE("not before the report was received") {
    r.safety_checks[0].at = T("2026-11-01 09:29");
    expect_only(check_record(r, ctx()), "confirm.before-report", "safety_checks[0].at");
  }
  SUBCASE("without referral.received, not before the case's start (the referral, else the opening)") {
    r.referral.received.reset();
    r.safety_checks[0].at = T("2026-10-31 23:59");
    std::vector<Problem> ps = check_record(r, ctx());
    expect_only(ps, "confirm.before-report", "safety_checks[0].at");
    CHECK(ps[0].message == "safety check 1 is at 2026-10-31 23:59, before the referral (2026-11-01)");
    r.safety_checks[0].at = T("2026-11-01 00:00");  // the day is all a record without the time says
    expect_none(check_record(r, ctx()));
    r.referral.date.reset();  // (dates.required says so; the safety rules fall back to the opening)
    ps = check_safety_checks(r, ctx());
    expect_only(ps, "confirm.before-report", "safety_checks[0].at");
    CHECK(ps[0].message == "safety check 1 is at 2026-11-01 00:00, before the opening of the case (2026-11-02)");
    CHECK(ps[0].fix.find("on or after 2026-11-02") != std::string::npos);
  }
  SUBCASE("at the minute the report was received is fine") {
    r.safety_checks[0].at = T("2026-11-01 09:30");
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("not after now (to the minute when now is known)") {
    RuleContext c = ctx("2026-11-02");
    c.now = T("2026-11-02 09:59");
    Record a = intake();
    a.safety_checks = {check1()};
    expect_only(check_record(a, c), "confirm.at-future", "safety_checks[0].at");
    c.now = T("2026-11-02 10:00");
    expect_none(check_record(a, c));
  }
  SUBCASE("by a registered worker") {
    r.safety_checks[0].by = "nobody";
    expect_only(check_record(r, ctx()), "worker.unknown", "safety_checks[0].by");
  }
  SUBCASE("numbered in order") {
    r.safety_checks[0].n = 2;
    expect_only(check_record(r, ctx()), "record.n-sequence", "safety_checks[0].n");
  }
}

TEST_CASE("custody rules") {
  Record r = with_safety_and_custody();
  Custody& k = r.custody[0];
  SUBCASE("basis required") {
    k.basis = "";
    expect_only(check_record(r, ctx()), "custody.basis-required", "custody[0].basis");
  }
  SUBCASE("start required") {
    k.start.reset();
    expect_only(check_record(r, ctx()), "custody.start-required", "custody[0].start");
  }
  SUBCASE("a second custody while the first is open") {
    k.ended.reset();
    k.outcome = "";
    Custody k2 = k;
    k2.n = 2;
    k2.extensions.clear();
    k2.start = D("2027-01-25");
    r.custody.push_back(k2);
    expect_only(check_record(r, ctx()), "custody.start-while-open", "custody[1].start");
  }
  SUBCASE("a second custody before the first ended") {
    Custody k2;
    k2.n = 2;
    k2.start = D("2027-01-19");
    k2.basis = "consent";
    r.custody.push_back(k2);
    expect_only(check_record(r, ctx()), "custody.start-while-open", "custody[1].start");
    r.custody[1].start = D("2027-01-20");
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("an extension names who approved it") {
    k.extensions[0].approved_by = "";
    expect_only(check_record(r, ctx()), "custody.approved-by-required", "custody[0].extensions[0].approved_by");
  }
  SUBCASE("an extension extends the limit (start + 60 days)") {
    k.extensions[0].until = D("2027-01-02");  // 2026-11-03 + 60
    expect_only(check_record(r, ctx()), "custody.extension-until", "custody[0].extensions[0].until");
    k.extensions[0].until = D("2027-01-03");
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("a second extension extends the first one's until") {
    k.extensions.push_back({D("2027-01-10"), D("2027-03-01"), "court", ""});
    expect_only(check_record(r, ctx()), "custody.extension-until", "custody[0].extensions[1].until");
  }
  SUBCASE("an extension has an until") {
    k.extensions[0].until.reset();
    expect_only(check_record(r, ctx()), "custody.extension-until", "custody[0].extensions[0].until");
  }
  SUBCASE("an extension on or after the start") {
    k.extensions[0].date = D("2026-11-02");
    expect_only(check_record(r, ctx()), "custody.extension-date", "custody[0].extensions[0].date");
  }
  SUBCASE("the end on or after the start") {
    k.extensions.clear();
    k.ended = D("2026-11-02");
    expect_only(check_record(r, ctx()), "custody.end-order", "custody[0].ended");
  }
  SUBCASE("the end on or after each extension") {
    k.ended = D("2026-12-27");
    expect_only(check_record(r, ctx()), "custody.end-order", "custody[0].ended");
  }
  SUBCASE("an end needs an outcome") {
    k.outcome = "";
    expect_only(check_record(r, ctx()), "custody.outcome-required", "custody[0].outcome");
  }
  SUBCASE("no custody date before the case's start (the referral, else the opening): dates.order") {
    k.start = D("2026-10-31");
    std::vector<Problem> ps = check_record(r, ctx());
    expect_only(ps, "dates.order", "custody[0].start");
    CHECK(ps[0].message == "the start of custody 1 (2026-10-31) is before the referral (2026-11-01)");
    k.start = D("2026-10-20");
    k.extensions = {{D("2026-10-25"), D("2027-03-03"), "council", ""}};
    k.ended = D("2026-10-30");
    ps = check_record(r, ctx());
    expect_only(ps, "dates.order", "custody[0].extensions[0].date");
    CHECK(ps.size() == 3);  // the start, the extension and the end
    CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& p) { return p.field == "custody[0].ended"; }));
    r.referral.date.reset();  // (dates.required says so; the custody rules fall back to the opening)
    k.start = D("2026-11-01");
    k.extensions.clear();
    k.ended = D("2026-11-05");
    ps = check_custody(r, ctx());
    expect_only(ps, "dates.order", "custody[0].start");
    CHECK(ps[0].message == "the start of custody 1 (2026-11-01) is before the opening of the case (2026-11-02)");
    k.start = D("2026-11-02");
    expect_none(check_custody(r, ctx()));
  }
  SUBCASE("no custody date after today") {
    expect_only(check_record(r, ctx("2027-01-19")), "dates.future", "custody[0].ended");
  }
  SUBCASE("numbered in order") {
    k.n = 3;
    expect_only(check_record(r, ctx()), "record.n-sequence", "custody[0].n");
  }
  SUBCASE("the limit in force") {
    CHECK(custody_limit(k, cfg().policy) == D("2027-03-03"));
    k.extensions.clear();
    CHECK(custody_limit(k, cfg().policy) == D("2027-01-02"));
    CHECK(open_custody(r) == nullptr);
    k.ended.reset();
    CHECK(open_custody(r) == &r.custody[0]);
  }
}

TEST_CASE("closing with a custody open is refused (close.custody-open)") {
  Record r = closed();
  Custody k;
  k.n = 1;
  k.start = D("2026-11-03");
  k.basis = "consent";
  r.custody = {k};
  expect_only(check_record(r, ctx()), "close.custody-open", "closures[0]");
  r.custody[0].ended = D("2026-12-01");
  r.custody[0].outcome = "returned-home";
  expect_none(check_record(r, ctx()));
}

TEST_CASE("stage_confirm: numbered, by the acting worker, at now by default, refusals leave the record") {
  Record r = intake();
  SafetyCheck c;
  c.method = "seen-at-school";
  c.outcome = "safe";
  ChangeSummary s = stage_confirm(r, c, stage_ctx("2026-11-03", "2026-11-03 14:20"));
  REQUIRE(r.safety_checks.size() == 1);
  CHECK(r.safety_checks[0].n == 1);
  CHECK(r.safety_checks[0].by == "sato");
  CHECK(r.safety_checks[0].at == T("2026-11-03 14:20"));
  CHECK(s.action == "confirm");
  CHECK(s.summary == "safety check 1 (seen-at-school, safe)");
  CHECK(s.event == D("2026-11-03"));
  CHECK(r.status == "intake");

  Record before = r;
  c.method = "not-seen";
  CHECK(refusal([&] { stage_confirm(r, c, stage_ctx("2026-11-03", "2026-11-03 14:20")); }) ==
        std::vector<std::string>{"confirm.not-seen-mismatch"});
  CHECK(r == before);
  c.method = "seen-at-home";
  c.at = T("2026-11-01 08:00");
  CHECK(refusal([&] { stage_confirm(r, c, stage_ctx("2026-11-03", "2026-11-03 14:20")); }) ==
        std::vector<std::string>{"confirm.before-report"});
  CHECK(r == before);
}

TEST_CASE("safety_check_timing: against policy.safety_check_hours from referral.received") {
  Record r = intake();
  r.referral.received = T("2026-11-06 17:00");  // a Friday
  SafetyCheck c = check1();
  c.at = T("2026-11-09 10:00");  // Monday
  CHECK(safety_check_timing(r, c, cfg().policy) ==
        "safety check 1: 65 h after the report was received (the limit is 48 h): late");
  c.at = T("2026-11-08 16:30");
  CHECK(safety_check_timing(r, c, cfg().policy) ==
        "safety check 1: 47 h 30 min after the report was received (the limit is 48 h): in time");
  c.at = T("2026-11-08 17:00");
  CHECK(safety_check_timing(r, c, cfg().policy).find(": in time") != std::string::npos);
  r.referral.received.reset();
  CHECK(safety_check_timing(r, c, cfg().policy).find("not recorded") != std::string::npos);
}

TEST_CASE("custody stages: start, extend, end, refusals name their rule and leave the record") {
  Record r = assessed();
  StageContext sc = stage_ctx("2026-12-28");
  Custody k;
  k.start = D("2026-11-03");
  k.basis = "ex-officio";
  ChangeSummary s = stage_custody_start(r, k, sc);
  CHECK(s.summary == "custody 1 started (ex-officio)");
  CHECK(s.event == D("2026-11-03"));
  REQUIRE(r.custody.size() == 1);
  CHECK(r.custody[0].n == 1);

  Record before = r;
  CHECK(refusal([&] { stage_custody_start(r, k, sc); }) == std::vector<std::string>{"custody.start-while-open"});
  CHECK(r == before);

  CustodyExtension e{D("2026-12-28"), D("2027-01-02"), "council", ""};
  CHECK(refusal([&] { stage_custody_extend(r, e, sc); }) == std::vector<std::string>{"custody.extension-until"});
  CHECK(r == before);
  e.until = D("2027-03-03");
  s = stage_custody_extend(r, e, sc);
  CHECK(s.summary == "custody 1 extended until 2027-03-03 (council)");
  CHECK(s.event == D("2026-12-28"));

  before = r;
  CHECK(refusal([&] { stage_custody_end(r, D("2026-12-27"), "returned-home", sc); }) ==
        std::vector<std::string>{"custody.end-order"});
  CHECK(refusal([&] { stage_custody_end(r, D("2026-12-28"), "", sc); }) ==
        std::vector<std::string>{"custody.outcome-required"});
  CHECK(r == before);
  s = stage_custody_end(r, D("2026-12-28"), "placement", sc);
  CHECK(s.summary == "custody 1 ended (placement)");
  CHECK(r.custody[0].ended == D("2026-12-28"));

  before = r;
  CHECK(refusal([&] { stage_custody_end(r, std::nullopt, "other", sc); }) == std::vector<std::string>{"custody.none-open"});
  CHECK(refusal([&] { stage_custody_extend(r, e, sc); }) == std::vector<std::string>{"custody.none-open"});
  CHECK(r == before);
}
