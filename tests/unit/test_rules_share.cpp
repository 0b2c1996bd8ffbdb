// The rules of information sharing (core/rules_share.cpp) and casectl share's stage
// (core/stages_share.cpp): each rule broken alone is reported with its name and field, through
// check_record as validate runs it; the stage refuses and leaves the record as it was.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/rule_catalog.hpp"
#include "core/rules.hpp"
#include "core/rules_share.hpp"
#include "core/stages_share.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

RuleContext ctx(const char* today = "2027-03-10") {
  return RuleContext{cfg(), D(today), std::nullopt, nullptr, std::nullopt};
}

// The planned case (consent 1: school, 2026-11-10 to 2027-11-10) with disclosure d.
Record with(Disclosure d) {
  Record r = planned();
  r.disclosures.push_back(std::move(d));
  return r;
}

Disclosure on_consent(const char* date, int consent = 1, const char* party = "school") {
  Disclosure d;
  d.n = 1;
  d.date = D(date);
  d.by = "sato";
  d.with = party;
  d.what = {"plan"};
  d.consent = consent;
  return d;
}

std::string dump(const std::vector<Problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.rule + " " + p.field + " | " + p.message + "\n";
  return s;
}

// check_record(r) reports exactly the one rule at field.
void expect_one(const Record& r, const std::string& rule, const std::string& field) {
  auto ps = check_record(r, ctx());
  INFO(dump(ps));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].rule == rule);
  CHECK(ps[0].field == field);
  CHECK(ps[0].case_id == "C-2026-0001");
}

}  // namespace

TEST_CASE("a disclosure on a valid consent or on a legal basis passes") {
  CHECK(check_record(with(on_consent("2026-11-12")), ctx()).empty());
  CHECK(check_record(with(on_consent("2026-11-10")), ctx()).empty());  // the day it was given
  Disclosure d = on_consent("2026-11-20");
  d.consent.reset();
  d.with = "regional-council";
  d.legal_basis = "Child Welfare Act art. 25-3";
  CHECK(check_record(with(d), ctx()).empty());
  // A consent covers its expiry date.
  CHECK(check_record(with(on_consent("2027-11-10")), ctx("2027-12-01")).empty());
}

TEST_CASE("share rules, each broken alone") {
  SUBCASE("with required") {
    Disclosure d = on_consent("2026-11-12", 1, "");
    Record r = with(d);
    r.consents[0].party = "";  // the consent too would name another party otherwise
    auto ps = check_record(r, ctx());
    INFO(dump(ps));
    bool found = false;
    for (const auto& p : ps) found = found || (p.rule == "share.with-required" && p.field == "disclosures[0].with");
    CHECK(found);
  }
  SUBCASE("what required") {
    Disclosure d = on_consent("2026-11-12");
    d.what.clear();
    expect_one(with(d), "share.what-required", "disclosures[0].what");
  }
  SUBCASE("a ground required") {
    Disclosure d = on_consent("2026-11-12");
    d.consent.reset();
    expect_one(with(d), "share.ground-required", "disclosures[0]");
  }
  SUBCASE("one ground, not both") {
    Disclosure d = on_consent("2026-11-12");
    d.legal_basis = "Child Welfare Act art. 25-3";
    expect_one(with(d), "share.ground-both", "disclosures[0].legal_basis");
  }
  SUBCASE("the consent exists") {
    expect_one(with(on_consent("2026-11-12", 2)), "share.consent-unknown", "disclosures[0].consent");
  }
  SUBCASE("the consent covers the party") {
    expect_one(with(on_consent("2026-11-12", 1, "regional-council")), "share.consent-other-party",
               "disclosures[0].consent");
  }
  SUBCASE("the consent was given by then") {
    Disclosure d = on_consent("2026-11-12");
    Record r = with(d);
    r.consents[0].date = D("2026-11-13");
    expect_one(r, "share.consent-not-yet-given", "disclosures[0].consent");
  }
  SUBCASE("the consent was not withdrawn on or before the date") {
    Record r = with(on_consent("2026-11-20"));
    r.consents[0].withdrawn = D("2026-11-20");
    expect_one(r, "share.consent-withdrawn", "disclosures[0].consent");
    r.consents[0].withdrawn = D("2026-11-21");  // withdrawn after: the disclosure stands
    CHECK(check_record(r, ctx()).empty());
  }
  SUBCASE("the consent had not expired") {
    Record r = with(on_consent("2027-02-01"));
    r.consents[0].expires = D("2027-01-31");
    expect_one(r, "share.consent-expired", "disclosures[0].consent");
  }
  SUBCASE("disclosures are numbered in order") {
    Disclosure d = on_consent("2026-11-12");
    d.n = 2;
    expect_one(with(d), "record.n-sequence", "disclosures[0].n");
  }
  SUBCASE("consents are numbered in order") {
    Record r = planned();
    r.consents[0].n = 3;
    expect_one(r, "record.n-sequence", "consents[0].n");
  }
  SUBCASE("a disclosure is an event: dated, not after today, not before the referral") {
    expect_one(with(on_consent("2027-03-11")), "dates.future", "disclosures[0].date");
    Disclosure d = on_consent("2026-11-12");
    d.date.reset();
    expect_one(with(d), "dates.required", "disclosures[0].date");
    Disclosure early = on_consent("2026-11-12");
    early.consent.reset();
    early.legal_basis = "Child Welfare Act art. 25-3";
    early.date = D("2026-10-01");
    expect_one(with(early), "dates.order", "disclosures[0].date");
  }
  SUBCASE("by a registered worker") {
    Disclosure d = on_consent("2026-11-12");
    d.by = "nobody";
    expect_one(with(d), "worker.unknown", "disclosures[0].by");
  }
}

TEST_CASE("share messages never quote the party or the legal basis") {
  Disclosure d = on_consent("2026-11-12", 1, "Dr-Yamada-private");
  d.legal_basis = "secret basis text";
  for (const auto& p : check_record(with(d), ctx())) {
    CHECK(p.message.find("Yamada") == std::string::npos);
    CHECK(p.message.find("secret") == std::string::npos);
    CHECK(p.fix.find("Yamada") == std::string::npos);
  }
}

TEST_CASE("stage_share numbers and fills the disclosure, and refuses leaving the record as it was") {
  Record r = planned();
  StageContext sc{cfg(), "", D("2026-11-12"), "sato", std::nullopt};
  Disclosure d;
  d.with = "school";
  d.what = {"plan", "assessment"};
  d.consent = 1;
  ChangeSummary s = stage_share(r, d, sc);
  REQUIRE(r.disclosures.size() == 1);
  CHECK(r.disclosures[0].n == 1);
  CHECK(r.disclosures[0].by == "sato");
  CHECK(r.disclosures[0].date == D("2026-11-12"));
  CHECK(s.action == "share");
  CHECK(s.summary == "disclosure 1 (plan, assessment) on consent 1");
  CHECK(s.event == D("2026-11-12"));

  Record before = r;
  Disclosure bad = d;
  bad.with = "police";  // consent 1 is the school's
  CHECK_THROWS_AS(stage_share(r, bad, sc), Error);
  CHECK(r.disclosures.size() == before.disclosures.size());

  Disclosure basis;
  basis.with = "regional-council";
  basis.what = {"record"};
  basis.legal_basis = "Child Welfare Act art. 25-3";
  CHECK(stage_share(r, basis, sc).summary == "disclosure 2 (record) on legal basis");
  CHECK(r.disclosures[1].n == 2);
}

TEST_CASE("sharing is allowed on a closed case") {
  Record r = closed();
  StageContext sc{cfg(), "", D("2027-03-10"), "sato", std::nullopt};
  Disclosure d;
  d.with = "regional-council";
  d.what = {"record"};
  d.legal_basis = "Child Welfare Act art. 25-3";
  stage_share(r, d, sc);
  CHECK(r.disclosures.size() == 1);
  CHECK(r.status == "closed");
}

TEST_CASE("every share rule the code reports is in the catalog") {
  namespace fs = std::filesystem;
  std::ifstream in(fs::path(CASECTL_TEST_DATA) / ".." / ".." / "core" / "rules_share.cpp");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const std::regex literal(R"re("(share\.[a-z]+(-[a-z]+)*)")re");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), literal); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1].str());
  CHECK(names.size() >= 9);
  for (const auto& n : names) {
    INFO(n);
    CHECK(find_rule(n) != nullptr);
  }
}
