// record_as_of (a record cut at a day) and the report tables built from summaries.
#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "core/as_of.hpp"
#include "core/due.hpp"
#include "core/report.hpp"
#include "core/summary.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

ReportParams params(const char* as_of, bool people = false) {
  ReportParams p;
  p.as_of = D(as_of);
  p.now = DateTime{p.as_of, 23, 59};
  p.from = D("2026-11-01");
  p.to = p.as_of;
  p.people = people;
  p.locale = "en";
  return p;
}

// closed() reopened on 2027-04-01 (reopening 1 of closure 1), status intake.
Record reopened() {
  Record r = closed();
  Reopening re;
  re.n = 1;
  re.date = D("2027-04-01");
  re.closure = 1;
  re.reason = "new report";
  r.reopenings = {re};
  r.status = "intake";
  return r;
}

const Table& section(const Report& r, const std::string& name) {
  for (const auto& s : r.sections)
    if (s.name == name) return s.table;
  FAIL("no section " << name);
  static Table none;
  return none;
}

}  // namespace

TEST_CASE("record_as_of: before the referral there is no case, and each stage appears on its day") {
  Record r = closed();  // referral 2026-11-01, assessed 11-03, plan 11-10, reviews 12-10 and 2027-02-20, closed 2027-03-01
  CHECK_FALSE(record_as_of(r, D("2026-10-31")));
  auto at = [&](const char* day) {
    std::optional<Record> then = record_as_of(r, D(day));
    REQUIRE(then);
    return *then;
  };
  CHECK(at("2026-11-01").status == "intake");
  CHECK(at("2026-11-01").notes.empty());
  CHECK(at("2026-11-03").status == "assessed");
  CHECK(at("2026-11-10").status == "active");
  CHECK(at("2026-12-10").reviews.size() == 1);
  CHECK(at("2027-02-28").status == "active");
  CHECK(at("2027-03-01").status == "closed");
  CHECK(at("2027-03-01").closures.size() == 1);
}

TEST_CASE("record_as_of: a record with nothing after the day is returned as it is") {
  Record r = closed();
  CHECK(last_event(r) == D("2027-03-01"));
  Record same = *record_as_of(r, D("2027-03-01"));
  CHECK(summary_json(summarize(same, cfg().policy)) == summary_json(summarize(r, cfg().policy)));
}

TEST_CASE("record_as_of: the worker then, a custody running then, a consent not yet withdrawn") {
  Record r = planned();
  r.assignments = {{D("2026-12-01"), "sato", "sato", "suzuki", "workload"}};
  r.worker = "suzuki";
  Custody k;
  k.n = 1;
  k.start = D("2026-11-05");
  k.ended = D("2026-11-20");
  k.outcome = "returned-home";
  r.custody = {k};
  r.consents[0].withdrawn = D("2026-12-05");
  Record then = *record_as_of(r, D("2026-11-15"));
  CHECK(then.worker == "sato");
  CHECK(then.assignments.empty());
  REQUIRE(then.custody.size() == 1);
  CHECK_FALSE(then.custody[0].ended);
  CHECK(then.custody[0].outcome.empty());
  CHECK_FALSE(then.consents[0].withdrawn);
  CHECK(record_as_of(r, D("2026-12-02"))->worker == "suzuki");
}

TEST_CASE("record_as_of: a reopened case is intake again until its new assessment") {
  Record r = reopened();
  Assessment a = assessment1();
  a.n = 2;
  a.date = D("2027-04-03");
  r.assessments.push_back(a);
  r.status = "assessed";
  CHECK(record_as_of(r, D("2027-03-15"))->status == "closed");
  CHECK(record_as_of(r, D("2027-04-01"))->status == "intake");
  CHECK(record_as_of(r, D("2027-04-03"))->status == "assessed");
}

TEST_CASE("summaries keep every closure with its episode and goals achieved") {
  Record r = reopened();
  r.reopenings[0].received = DateTime{D("2027-03-31"), 18, 0};
  Closure c2 = closure1();
  c2.n = 2;
  c2.date = D("2027-05-01");
  c2.reason = "moved-away";
  c2.outcomes.clear();
  r.closures.push_back(c2);
  CaseSummary s = summarize(r, cfg().policy);
  REQUIRE(s.closures.size() == 2);
  CHECK(s.closures[0].began == D("2026-11-01"));
  CHECK(s.closures[0].goals == 3);
  CHECK(s.closures[0].achieved == 3);
  CHECK(s.closures[0].reopened == D("2027-04-01"));
  CHECK(s.closures[1].began == D("2027-03-31"));  // the reopening's report came the evening before
  CHECK_FALSE(s.closures[1].reopened);
  CHECK(summary_unpack(summary_pack(s)) == s);
}

TEST_CASE("caseload counts open cases per worker by status and risk, closed ones are left out") {
  std::vector<CaseSummary> all = {summarize(intake(), cfg().policy), summarize(planned(), cfg().policy),
                                  summarize(closed(), cfg().policy)};
  all[1].worker = "suzuki";
  Report r = build_report(ReportKind::caseload, all, params("2026-11-20"));
  const Table& t = section(r, "workers");
  REQUIRE(t.rows.size() == 2);  // no total row for scripts
  CHECK(t.rows[0] == std::vector<std::string>{"sato", "1", "0", "0", "1", "1", "0", "0", "0", "0", "1"});
  // Neither case records a safety check: both are overdue by the 48-hour rule.
  CHECK(t.rows[1] == std::vector<std::string>{"suzuki", "0", "0", "1", "1", "1", "0", "0", "1", "0", "0"});
  ReportParams people = params("2026-11-20", true);
  CHECK(section(build_report(ReportKind::caseload, all, people), "workers").rows.back()[0] == "TOTAL");
  people.workers = {"suzuki"};
  CHECK(section(build_report(ReportKind::caseload, all, people), "workers").rows.size() == 2);
}

TEST_CASE("each report reads only its fields: built from summaries unpacked with fields() it is the same") {
  // Summaries that give every report rows: open cases of two workers, one of high risk with a
  // recorded contact, services twice of one type, closures in the period and a reopening.
  std::vector<CaseSummary> all = {summarize(intake(), cfg().policy), summarize(planned(), cfg().policy),
                                  summarize(closed(), cfg().policy), summarize(reopened(), cfg().policy),
                                  summarize(planned(), cfg().policy)};
  all[1].worker = "suzuki";
  all[1].risk = "high";
  all[4].risk = "very-high";
  all[4].last_contact = D("2026-11-10");
  all[4].services.push_back({"S3", "educational", "tutor", D("2026-11-01"), D("2026-12-31")});
  for (std::size_t i = 0; i < all.size(); ++i) all[i].id = "C-2026-000" + std::to_string(i + 1);
  for (ReportKind kind : {ReportKind::caseload, ReportKind::overdue, ReportKind::risk, ReportKind::outcomes,
                          ReportKind::services}) {
    for (bool people : {false, true}) {
      for (bool redact : {false, true}) {
        // The services running on a day of theirs; the closures and reopening in the period.
        ReportParams p = params(kind == ReportKind::services ? "2026-11-25" : "2027-04-30", people);
        p.redact = redact;
        std::vector<CaseSummary> cut(all.size());
        SummaryFields fields = report_builder(kind, p)->fields();
        for (std::size_t i = 0; i < all.size(); ++i) summary_unpack_into(summary_pack(all[i]), cut[i], fields);
        Report want = build_report(kind, all, p), got = build_report(kind, cut, p);
        REQUIRE(got.sections.size() == want.sections.size());
        std::size_t rows = 0;
        for (std::size_t k = 0; k < want.sections.size(); ++k) {
          CHECK_MESSAGE(got.sections[k].table.rows == want.sections[k].table.rows,
                        "report " << static_cast<int>(kind) << " section " << want.sections[k].name
                                  << (people ? " people" : "") << (redact ? " redacted" : ""));
          rows += want.sections[k].table.rows.size();
        }
        CHECK_MESSAGE(rows > 0, "report " << static_cast<int>(kind));
      }
    }
  }
}

TEST_CASE("outcomes: closures in the period only, the median of days open") {
  std::vector<CaseSummary> all = {summarize(closed(), cfg().policy), summarize(closed(), cfg().policy),
                                  summarize(closed(), cfg().policy)};
  all[1].closures[0].began = D("2027-02-01");  // 28 days
  all[2].closures[0].date = D("2026-10-01");   // before the period
  ReportParams p = params("2027-03-31");
  Report r = build_report(ReportKind::outcomes, all, p);
  const Table& s = section(r, "summary");
  // 2026-11-01 -> 2027-03-01 is 120 days; the median of 120 and 28 is 74.
  CHECK(s.rows[0] == std::vector<std::string>{"2026-11-01", "2027-03-31", "2", "6", "6", "74", "0"});
  CHECK(section(r, "cases").rows.size() == 2);
}

TEST_CASE("services: running on the day, the same type twice in one case, providers left out when redacted") {
  CaseSummary s = summarize(planned(), cfg().policy);
  s.services.push_back({"S3", "educational", "tutor", D("2026-11-20"), D("2026-12-31")});
  ReportParams p = params("2026-11-16");
  Report r = build_report(ReportKind::services, {s}, p);
  CHECK(section(r, "types").rows.size() == 2);  // S3 has not started
  CHECK(section(r, "duplicates").rows.empty());
  p = params("2026-11-25");
  p.redact = true;
  r = build_report(ReportKind::services, {s}, p);
  const Table& types = section(r, "types");
  REQUIRE(types.columns.size() == 3);
  CHECK(types.columns[1].key == "services");
  const Table& dup = section(r, "duplicates");
  REQUIRE(dup.rows.size() == 1);
  CHECK(dup.rows[0][3] == "S2 S3");
}

TEST_CASE("record_as_of: a case reopened and assessed on one day is assessed that day") {
  Record r = reopened();  // closed 2027-03-01
  Assessment a = assessment1();
  a.n = 2;
  a.date = D("2027-04-01");
  r.assessments.push_back(a);
  r.notes.push_back({D("2027-04-05"), "sato", "phone", "later"});
  r.status = "assessed";
  CHECK(record_as_of(r, D("2027-04-01"))->status == "assessed");  // a later note changes no status
  r.notes.pop_back();
  Plan p = revised_plan(2, "2027-04-03", "2027-05-03");
  p.assessment = 2;
  r.plans.push_back(p);
  r.status = "active";
  CHECK(record_as_of(r, D("2027-04-02"))->status == "assessed");
  CHECK(record_as_of(r, D("2027-04-03"))->status == "active");
}

TEST_CASE("last_event sees every dated entry that record_as_of leaves out") {
  const Date day = D("2027-03-01");
  auto later = [&](auto change) {
    Record r = closed();
    change(r);
    INFO(summary_json(summarize(r, cfg().policy)).dump());
    CHECK(last_event(r) > day);
  };
  later([](Record& r) { r.notes.push_back({D("2027-03-05"), "sato", "phone", "x"}); });
  later([](Record& r) { r.safety_checks.push_back(SafetyCheck{1, DateTime{D("2027-03-05"), 9, 0}, "sato", "seen-at-home", "safe", ""}); });
  later([](Record& r) { r.consents[0].withdrawn = D("2027-03-05"); });
  later([](Record& r) { r.assignments.push_back({D("2027-03-05"), "sato", "sato", "suzuki", "workload"}); });
  later([](Record& r) { r.amendments.push_back({D("2027-03-05"), "tanaka", "typo", {"client"}, {}, ""}); });
  later([](Record& r) {
    Custody k;
    k.n = 1;
    k.start = D("2027-02-01");
    k.extensions = {{D("2027-03-05"), D("2027-05-01"), "court", ""}};
    r.custody = {k};
  });
  later([](Record& r) {
    Approval a;
    a.n = 1;
    a.kind = "closure";
    a.date = D("2027-03-05");
    r.approvals = {a};
  });
}

TEST_CASE("a plan made before the last reopening runs no services, and the last contact counts a safety check that saw the child") {
  Record r = reopened();
  CaseSummary s = summarize(r, cfg().policy);
  CHECK(s.services.empty());
  CHECK(summarize(planned(), cfg().policy).services.size() == 2);
  r.safety_checks = {SafetyCheck{1, DateTime{D("2027-04-02"), 9, 0}, "sato", "seen-at-home", "safe", ""},
                     SafetyCheck{2, DateTime{D("2027-04-09"), 9, 0}, "sato", "not-seen", "not-seen", ""}};
  CHECK(summarize(r, cfg().policy).last_contact == D("2027-04-02"));
}

TEST_CASE("overdue's rows are made as the report is written: the same text as the rows held, in every format") {
  // 3,000 open cases (at intake or planned), their deadlines missed by 2027-04-30: more rows
  // than one run of TableStream::kRunRows.
  std::vector<CaseSummary> all;
  for (int i = 0; i < 3000; ++i) {
    all.push_back(summarize(i % 2 ? intake() : planned(), cfg().policy));
    all.back().id = fmt::format("C-2026-{:04}", i + 1);
    all.back().worker = i % 3 ? "sato" : "suzuki";
  }
  for (bool people : {false, true}) {
    ReportParams p = params("2027-04-30", people);
    std::unique_ptr<ReportBuilder> b = report_builder(ReportKind::overdue, p);
    for (std::size_t i = 0; i < all.size(); ++i) b->add(all[i], i);
    Report later = b->finish();
    REQUIRE(later.sections.size() == 1);
    const ReportSection& s = later.sections[0];
    CHECK(s.table.rows.empty());
    REQUIRE(s.row_later);
    CHECK(s.row_count() > TableStream::kRunRows);
    ReportSection held = s;
    held.hold_rows();
    CHECK_FALSE(held.row_later);
    CHECK(held.table.rows.size() == s.row_count());
    // The rows as due words them, made here one by one in the order due sorts them.
    DueList missed;
    for (std::size_t i = 0; i < all.size(); ++i) missed.add(all[i], i, p.now, 0, true);
    std::vector<std::vector<std::string>> want;
    for (const DueItem* item : missed.sorted()) want.push_back(due_row(*item, p.now, p.locale, p.people));
    CHECK(held.table.rows == want);
    CHECK(build_report(ReportKind::overdue, all, p).sections[0].table.rows == want);
    // Gathered in runs of cases on parts (ReportBuilder::part()), joined in order: the same rows.
    std::unique_ptr<ReportBuilder> whole = report_builder(ReportKind::overdue, p);
    std::vector<std::unique_ptr<ReportBuilder>> parts;
    const std::size_t runs = 7;
    for (std::size_t r = 0; r < runs; ++r) {
      parts.push_back(whole->part());
      REQUIRE(parts.back());
      for (std::size_t i = all.size() * r / runs, k = 0; i < all.size() * (r + 1) / runs; ++i, ++k)
        parts.back()->add(all[i], (r << 32) + k);
    }
    for (auto& part : parts) whole->join(std::move(*part));
    Report joined = whole->finish();
    joined.sections[0].hold_rows();
    CHECK(joined.sections[0].table.rows == want);
    for (Format f : {Format::table, Format::csv, Format::md}) {
      std::string got, want;
      s.write_to(f, false, [&](const std::string& piece) { got += piece; });
      render_to(held.table, f, false, [&](const std::string& piece) { want += piece; });
      CHECK_MESSAGE(got == want, format_name(f) << (people ? " people" : ""));
      CHECK(std::count(got.begin(), got.end(), '\n') >= static_cast<long>(s.row_count()));
    }
  }
}
