// The stage commands as pure changes of a record (core/stages): each accepted change numbers the
// new element, fills date (ctx.today) and by (ctx.by), moves the status as the table of SPEC
// section 4 says, and returns the commit's action and summary and the documents to commit
// (plan-N.md / review-N.md / closure.md in the case's sharded folder). Each refusal throws
// Error(refused) carrying the problems and leaves the record exactly as it was. No git, no files.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/documents.hpp"
#include "core/rules.hpp"
#include "core/stages.hpp"

using namespace casectl;

namespace {

Date D(const char* iso) { return *Date::parse(iso); }

Config config() {
  Config c;
  c.agency = "Test Centre";
  c.workers = {{"sato", "Sato Yuki", "sato@example.org", "worker"},
               {"suzuki", "Suzuki Aoi", "suzuki@example.org", "worker"},
               {"tanaka", "Tanaka Ken", "tanaka@example.org", "supervisor"}};
  return c;
}

const Config& cfg() {
  static const Config c = config();
  return c;
}

// Root "" = built-in templates only: nothing is read from disk.
StageContext ctx(const char* today) { return StageContext{cfg(), "", D(today), "sato"}; }

const char* kDir = "cases/2026/00/C-2026-0001/";

// ---- The fixtures of test_rules.cpp: an urgent physical-abuse case from intake to closure ----

Record intake() {
  Record r;
  r.id = "C-2026-0001";
  r.status = "intake";
  r.opened = D("2026-11-02");
  r.worker = "sato";
  r.client = {"Yamada Hanako", D("2018-04-12"), "female", "", ""};
  r.referral = {D("2026-11-01"), "school", "", "urgent", {"physical-abuse"}, "bruises"};
  r.notes = {{D("2026-11-02"), "sato", "phone", "called the school"}};
  return r;
}

Assessment assessment1() {
  Assessment a;
  a.n = 1;
  a.date = D("2026-11-03");
  a.by = "sato";
  a.methods = {"home-visit", "interview-child", "professional-consult"};
  a.consulted = {{"teacher", "Teacher", D("2026-11-03")}};
  a.safety = "unsafe";
  a.risk = "high";
  a.risks = {{"physical-abuse", "high", "bruises"}};
  a.needs = {{"N1", "safety", "safety at home"},
             {"N2", "health", "medical check"},
             {"N3", "education", "school attendance"}};
  a.immediate_actions = {"Temporary protective custody"};
  return a;
}

Record assessed() {
  Record r = intake();
  r.status = "assessed";
  r.assessments = {assessment1()};
  return r;
}

Plan plan1() {
  Plan p;
  p.n = 1;
  p.date = D("2026-11-10");
  p.by = "sato";
  p.assessment = 1;
  p.goals = {{"G1", {"N1"}, "safe at home", "no new injuries", D("2027-02-10")},
             {"G2", {"N2"}, "health checked", "doctor's report", D("2027-01-10")},
             {"G3", {"N3"}, "back at school", "attendance 90%", D("2027-02-10")}};
  p.services = {{"S1", {"G1", "G2"}, "psychological", "counselling centre", "sato", "weekly",
                 D("2026-11-15"), D("2027-02-15")},
                {"S2", {"G3"}, "educational", "school", "sato", "daily", D("2026-11-15"),
                 D("2027-02-15")}};
  p.participation = {"wants to go home", "", "agree", {"mother"}};
  p.next_review = D("2026-12-10");
  return p;
}

Record planned() {
  Record r = assessed();
  r.status = "active";
  r.plans = {plan1()};
  r.consents = {{"school", "share-plan", "mother", D("2026-11-10"), D("2027-11-10"), {}}};
  return r;
}

Review review1() {
  Review v;
  v.n = 1;
  v.date = D("2026-12-10");
  v.by = "sato";
  v.plan = 1;
  v.progress = {{"G1", "in-progress", ""}, {"G2", "achieved", ""}, {"G3", "in-progress", ""}};
  v.services = {{"S1", "yes", ""}, {"S2", "partly", ""}};
  v.safety = "safe-with-plan";
  v.risk = "medium";
  v.decision = "continue";
  v.next_review = D("2027-02-08");
  return v;
}

Review review2() {
  Review v = review1();
  v.n = 2;
  v.date = D("2027-02-20");
  v.progress = {{"G1", "achieved", ""}, {"G2", "achieved", ""}, {"G3", "achieved", ""}};
  v.services = {{"S1", "yes", ""}, {"S2", "yes", ""}};
  v.safety = "safe";
  v.risk = "low";
  v.decision = "close";
  v.next_review.reset();
  return v;
}

Record reviewed() {
  Record r = planned();
  r.reviews = {review1(), review2()};
  return r;
}

Closure closure1() {
  Closure c;
  c.date = D("2027-03-01");
  c.by = "sato";
  c.reason = "goals-achieved";
  c.outcomes = {{"G1", "achieved"}, {"G2", "achieved"}, {"G3", "achieved"}};
  c.evaluation = "early custody and school contact worked";
  return c;
}

Record closed() {
  Record r = reviewed();
  r.status = "closed";
  r.closure = closure1();
  return r;
}

// ---- Forms as a worker gives them: what the command fills itself left out ----

Assessment assessment_form() {
  Assessment a = assessment1();
  a.n = 0;
  a.date.reset();
  a.by.clear();
  return a;
}

Plan plan_form() {
  Plan p = plan1();
  p.n = 0;
  p.date.reset();
  p.by.clear();
  p.assessment = 0;
  return p;
}

Review review_form() {
  Review v = review1();
  v.n = 0;
  v.date.reset();
  v.by.clear();
  v.plan = 0;
  return v;
}

// ---- Checking refusals ----

std::string dump(const std::vector<Problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.case_id + " " + p.rule + " " + p.field + " | " + p.message + "\n";
  return s;
}

// Runs f, which must throw Error(refused); returns the problems it carries.
template <class F> std::vector<Problem> refusal(F f) {
  try {
    f();
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::refused);
    CHECK(std::string(e.what()).find("nothing was written") != std::string::npos);
    return e.problems();
  }
  FAIL("the change was accepted; a refusal was expected");
  return {};
}

bool has_rule(const std::vector<Problem>& ps, const std::string& rule, const std::string& field) {
  return std::any_of(ps.begin(), ps.end(),
                     [&](const Problem& p) { return p.rule == rule && p.field == field; });
}

// Every problem is of `rule`, one is at `field`, and they name the case.
void expect_only(const std::vector<Problem>& ps, const std::string& rule, const std::string& field,
                 const std::string& case_id = "C-2026-0001") {
  INFO(dump(ps));
  REQUIRE_FALSE(ps.empty());
  for (const auto& p : ps) {
    CHECK(p.rule == rule);
    CHECK(p.case_id == case_id);
  }
  CHECK(has_rule(ps, rule, field));
}

// r refused by f: the refusal has only `rule` at `field`, and r is exactly as it was.
template <class F>
std::vector<Problem> expect_refused(Record& r, F f, const std::string& rule, const std::string& field) {
  const Record before = r;
  auto ps = refusal(f);
  expect_only(ps, rule, field);
  CHECK(r == before);
  return ps;
}

}  // namespace

TEST_CASE("stage_new") {
  // What the store chose: the id, the opened date and the acting worker.
  Record r;
  r.id = "C-2026-0001";
  r.opened = D("2026-11-02");
  r.worker = "sato";
  Record form = intake();
  form.id = "";
  form.status = "";
  form.opened.reset();
  form.worker = "";
  form.notes.clear();
  form.household = {{"Yamada Taro", "father", ""}};

  SUBCASE("accepted: the form's client, household and referral; status intake") {
    ChangeSummary s = stage_new(r, form, ctx("2026-11-02"));
    CHECK(s.action == "new");
    CHECK(s.summary == "urgent referral from school");
    CHECK(s.documents.empty());
    CHECK(r.status == "intake");
    CHECK(r.id == "C-2026-0001");
    CHECK(r.opened == D("2026-11-02"));
    CHECK(r.worker == "sato");
    CHECK(r.client.name == "Yamada Hanako");
    CHECK(r.client.birth_date == D("2018-04-12"));
    REQUIRE(r.household.size() == 1);
    CHECK(r.household[0].relation == "father");
    CHECK(r.referral.source == "school");
    CHECK(r.referral.urgency == "urgent");
    CHECK(r.referral.concerns == Strings{"physical-abuse"});
    CHECK(r.referral.date == D("2026-11-01"));
  }
  SUBCASE("the form may name the worker in charge") {
    form.worker = "suzuki";
    stage_new(r, form, ctx("2026-11-02"));
    CHECK(r.worker == "suzuki");
  }
  SUBCASE("refused problems name the case \"new case\"") {
    form.referral.source = "";
    auto ps = refusal([&] { stage_new(r, form, ctx("2026-11-02")); });
    expect_only(ps, "intake.source-required", "referral.source", "new case");
  }
  SUBCASE("a worker not in casectl.yaml is refused") {
    form.worker = "nobody";
    auto ps = refusal([&] { stage_new(r, form, ctx("2026-11-02")); });
    expect_only(ps, "worker.unknown", "worker", "new case");
  }
}

TEST_CASE("stage_new refused leaves the record as it was") {
  Record r;
  r.id = "C-2026-0001";
  r.opened = D("2026-11-02");
  r.worker = "sato";
  const Record before = r;
  Record form = intake();
  form.referral.urgency = "";
  refusal([&] { stage_new(r, form, ctx("2026-11-02")); });
  CHECK(r == before);
}

TEST_CASE("stage_assess") {
  SUBCASE("first assessment: n 1, date today, by the acting worker, status assessed") {
    Record r = intake();
    ChangeSummary s = stage_assess(r, assessment_form(), ctx("2026-11-04"));
    CHECK(r.status == "assessed");
    REQUIRE(r.assessments.size() == 1);
    CHECK(r.assessments[0].n == 1);
    CHECK(r.assessments[0].date == D("2026-11-04"));
    CHECK(r.assessments[0].by == "sato");
    CHECK(r.assessments[0].risk == "high");
    CHECK(s.action == "assess");
    CHECK(s.summary == "risk high, safety unsafe");
    CHECK(s.documents.empty());
  }
  SUBCASE("a date and a worker the form gives are kept") {
    Record r = intake();
    Assessment a = assessment_form();
    a.date = D("2026-11-03");
    a.by = "suzuki";
    stage_assess(r, a, ctx("2026-11-04"));
    REQUIRE(r.assessments.size() == 1);
    CHECK(r.assessments[0].date == D("2026-11-03"));
    CHECK(r.assessments[0].by == "suzuki");
  }
  SUBCASE("re-assessment of an active case: n 2, status back to assessed") {
    Record r = planned();
    Assessment a = assessment_form();
    a.safety = "safe-with-plan";
    a.risk = "medium";
    a.immediate_actions.clear();
    ChangeSummary s = stage_assess(r, a, ctx("2026-12-01"));
    CHECK(r.status == "assessed");
    REQUIRE(r.assessments.size() == 2);
    CHECK(r.assessments[1].n == 2);
    CHECK(r.assessments[1].date == D("2026-12-01"));
    CHECK(r.plans.size() == 1);
    CHECK(s.summary == "re-assessment 2, risk medium, safety safe-with-plan");
  }
  SUBCASE("refused by the status table: assessed (only status.transition)") {
    Record r = assessed();
    auto ps = expect_refused(r, [&] { stage_assess(r, assessment_form(), ctx("2026-11-04")); },
                             "status.transition", "status");
    CHECK(ps[0].message.find("assessed") != std::string::npos);
  }
  SUBCASE("refused by the status table: closed") {
    Record r = closed();
    expect_refused(r, [&] { stage_assess(r, assessment_form(), ctx("2027-03-05")); },
                   "status.transition", "status");
  }
  SUBCASE("refused by a rule: the record keeps its status and no assessment") {
    Record r = intake();
    Assessment a = assessment_form();
    a.safety = "";
    expect_refused(r, [&] { stage_assess(r, a, ctx("2026-11-04")); }, "assessment.safety-required",
                   "assessments[0].safety");
    CHECK(r.status == "intake");
    CHECK(r.assessments.empty());
  }
  SUBCASE("every problem is carried, not only the first") {
    Record r = intake();
    const Record before = r;
    Assessment a = assessment_form();
    a.safety = "";
    a.methods.clear();
    auto ps = refusal([&] { stage_assess(r, a, ctx("2026-11-04")); });
    INFO(dump(ps));
    CHECK(has_rule(ps, "assessment.safety-required", "assessments[0].safety"));
    CHECK(has_rule(ps, "assessment.method-required", "assessments[0].methods"));
    CHECK(r == before);
  }
  SUBCASE("refused: a date after today") {
    Record r = intake();
    Assessment a = assessment_form();
    a.date = D("2026-11-05");
    expect_refused(r, [&] { stage_assess(r, a, ctx("2026-11-04")); }, "dates.future",
                   "assessments[0].date");
  }
}

TEST_CASE("stage_plan") {
  SUBCASE("first plan: n 1, answers the latest assessment, status active, plan-1.md") {
    Record r = assessed();
    ChangeSummary s = stage_plan(r, plan_form(), ctx("2026-11-10"));
    CHECK(r.status == "active");
    REQUIRE(r.plans.size() == 1);
    const Plan& p = r.plans[0];
    CHECK(p.n == 1);
    CHECK(p.assessment == 1);
    CHECK(p.date == D("2026-11-10"));
    CHECK(p.by == "sato");
    CHECK(s.action == "plan");
    CHECK(s.summary == "plan 1, 3 goals, 2 services, next review 2026-12-10");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "plan-1.md");
    CHECK_FALSE(s.documents[0].content.empty());
    CHECK(s.documents[0].content == render_document(r, DocKind::plan, 1, cfg(), ""));
  }
  SUBCASE("one goal, one service: singular") {
    Record r = assessed();
    r.assessments[0].needs.resize(1);
    Plan p = plan_form();
    p.goals.resize(1);
    p.services.resize(1);
    p.services[0].goals = {"G1"};
    ChangeSummary s = stage_plan(r, p, ctx("2026-11-10"));
    CHECK(s.summary == "plan 1, 1 goal, 1 service, next review 2026-12-10");
  }
  SUBCASE("revision of the plan in force: n 2, plan-2.md, status stays active") {
    Record r = planned();
    Plan p = plan_form();
    p.next_review = D("2026-12-15");
    ChangeSummary s = stage_plan(r, p, ctx("2026-11-20"));
    CHECK(r.status == "active");
    REQUIRE(r.plans.size() == 2);
    CHECK(r.plans[1].n == 2);
    CHECK(r.plans[1].assessment == 1);
    CHECK(r.plans[1].date == D("2026-11-20"));
    CHECK(s.summary == "plan 2, 3 goals, 2 services, next review 2026-12-15");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "plan-2.md");
    CHECK(s.documents[0].content == render_document(r, DocKind::plan, 2, cfg(), ""));
  }
  SUBCASE("the case's sharded folder: sequence 123 -> shard 01") {
    Record r = assessed();
    r.id = "C-2026-0123";
    ChangeSummary s = stage_plan(r, plan_form(), ctx("2026-11-10"));
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == "cases/2026/01/C-2026-0123/plan-1.md");
  }
  SUBCASE("refused by the status table first: intake names status.transition only") {
    Record r = intake();
    Plan p = plan_form();
    p.goals.clear();  // would break plan rules too: the status is refused first
    auto ps = expect_refused(r, [&] { stage_plan(r, p, ctx("2026-11-10")); }, "status.transition",
                             "status");
    CHECK(ps.size() == 1);
    CHECK(ps[0].message.find("intake") != std::string::npos);
    CHECK(ps[0].fix.find("casectl assess") != std::string::npos);
  }
  SUBCASE("refused by the status table: closed") {
    Record r = closed();
    expect_refused(r, [&] { stage_plan(r, plan_form(), ctx("2027-03-05")); }, "status.transition",
                   "status");
  }
  SUBCASE("refused by a rule: status stays assessed, no plan") {
    Record r = assessed();
    Plan p = plan_form();
    p.goals[1].measure = "";
    expect_refused(r, [&] { stage_plan(r, p, ctx("2026-11-10")); }, "plan.goal-measure-required",
                   "plans[0].goals[1].measure");
    CHECK(r.status == "assessed");
    CHECK(r.plans.empty());
  }
  SUBCASE("refused: next review too late") {
    Record r = assessed();
    Plan p = plan_form();
    p.next_review = D("2027-06-01");
    expect_refused(r, [&] { stage_plan(r, p, ctx("2026-11-10")); }, "plan.next-review-too-late",
                   "plans[0].next_review");
  }
}

TEST_CASE("stage_review") {
  SUBCASE("accepted: n 1, reviews the plan in force, review-1.md, status active") {
    Record r = planned();
    ChangeSummary s = stage_review(r, review_form(), ctx("2026-12-10"));
    CHECK(r.status == "active");
    REQUIRE(r.reviews.size() == 1);
    CHECK(r.reviews[0].n == 1);
    CHECK(r.reviews[0].plan == 1);
    CHECK(r.reviews[0].date == D("2026-12-10"));
    CHECK(r.reviews[0].by == "sato");
    CHECK(s.action == "review");
    CHECK(s.summary == "review 1, decision continue, risk medium");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "review-1.md");
    CHECK_FALSE(s.documents[0].content.empty());
    CHECK(s.documents[0].content == render_document(r, DocKind::review, 1, cfg(), ""));
  }
  SUBCASE("second review: n 2, review-2.md") {
    Record r = planned();
    r.reviews = {review1()};
    Review v = review2();
    v.n = 0;
    v.plan = 0;
    v.date.reset();
    ChangeSummary s = stage_review(r, v, ctx("2027-02-20"));
    REQUIRE(r.reviews.size() == 2);
    CHECK(r.reviews[1].n == 2);
    CHECK(r.reviews[1].date == D("2027-02-20"));
    CHECK(s.summary == "review 2, decision close, risk low");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "review-2.md");
  }
  SUBCASE("refused by the status table: assessed") {
    Record r = assessed();
    auto ps = expect_refused(r, [&] { stage_review(r, review_form(), ctx("2026-12-10")); },
                             "status.transition", "status");
    CHECK(ps.size() == 1);
    CHECK(ps[0].fix.find("casectl plan") != std::string::npos);
  }
  SUBCASE("refused by a rule: no review added") {
    Record r = planned();
    Review v = review_form();
    v.decision = "";
    expect_refused(r, [&] { stage_review(r, v, ctx("2026-12-10")); }, "review.decision-required",
                   "reviews[0].decision");
    CHECK(r.reviews.empty());
    CHECK(r.status == "active");
  }
  SUBCASE("refused: a goal of the plan without progress") {
    Record r = planned();
    Review v = review_form();
    v.progress.pop_back();
    expect_refused(r, [&] { stage_review(r, v, ctx("2026-12-10")); },
                   "review.goal-progress-missing", "reviews[0].progress");
  }
}

TEST_CASE("stage_close") {
  Closure form;
  form.reason = "goals-achieved";
  form.evaluation = "early custody and school contact worked";

  SUBCASE("accepted: status closed, outcomes from the latest review, closure.md") {
    Record r = reviewed();
    ChangeSummary s = stage_close(r, form, ctx("2027-03-01"));
    CHECK(r.status == "closed");
    REQUIRE(r.closure.has_value());
    CHECK(r.closure->date == D("2027-03-01"));
    CHECK(r.closure->by == "sato");
    CHECK(r.closure->reason == "goals-achieved");
    REQUIRE(r.closure->outcomes.size() == 3);
    for (const auto& o : r.closure->outcomes) CHECK(o.status == "achieved");
    CHECK(r.closure->outcomes[0].goal == "G1");
    CHECK(r.closure->outcomes[2].goal == "G3");
    CHECK(s.action == "close");
    CHECK(s.summary == "goals-achieved");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "closure.md");
    CHECK_FALSE(s.documents[0].content.empty());
    CHECK(s.documents[0].content == render_document(r, DocKind::closure, 1, cfg(), ""));
  }
  SUBCASE("outcomes the form gives are kept") {
    Record r = planned();
    r.reviews = {review1()};
    form.reason = "transferred";
    form.approved_by = "tanaka";
    form.outcomes = {{"G1", "not-achieved"}};
    stage_close(r, form, ctx("2027-01-05"));
    REQUIRE(r.closure.has_value());
    REQUIRE(r.closure->outcomes.size() == 1);
    CHECK(r.closure->outcomes[0].status == "not-achieved");
  }
  SUBCASE("at high risk with a supervisor's approval: the summary names the approver") {
    Record r = planned();
    form.reason = "transferred";
    form.approved_by = "tanaka";
    ChangeSummary s = stage_close(r, form, ctx("2026-12-01"));
    CHECK(r.status == "closed");
    CHECK(s.summary == "transferred, approved by tanaka");
  }
  SUBCASE("refused by the status table: already closed") {
    Record r = closed();
    auto ps = expect_refused(r, [&] { stage_close(r, form, ctx("2027-03-05")); },
                             "status.transition", "status");
    CHECK(ps.size() == 1);
  }
  SUBCASE("refused by a rule: no reason") {
    Record r = reviewed();
    form.reason = "";
    expect_refused(r, [&] { stage_close(r, form, ctx("2027-03-01")); }, "close.reason-required",
                   "closure.reason");
    CHECK(r.status == "active");
    CHECK_FALSE(r.closure.has_value());
  }
  SUBCASE("refused: at high risk without approval") {
    Record r = planned();
    form.reason = "transferred";
    expect_refused(r, [&] { stage_close(r, form, ctx("2026-12-01")); }, "close.approval-required",
                   "closure.approved_by");
  }
}

TEST_CASE("stage_reopen") {
  SUBCASE("accepted: status intake, reopening dated today by the acting worker") {
    Record r = closed();
    ChangeSummary s = stage_reopen(r, Reopening{std::nullopt, "", "new injuries"}, ctx("2027-03-05"));
    CHECK(r.status == "intake");
    REQUIRE(r.reopenings.size() == 1);
    CHECK(r.reopenings[0].date == D("2027-03-05"));
    CHECK(r.reopenings[0].by == "sato");
    CHECK(r.reopenings[0].reason == "new injuries");
    CHECK(r.closure.has_value());  // the closure the reopening follows stays
    CHECK(s.action == "reopen");
    CHECK(s.summary == "reopening 1");
    CHECK(s.documents.empty());
  }
  SUBCASE("refused by the status table: an active case") {
    Record r = planned();
    auto ps = expect_refused(
        r, [&] { stage_reopen(r, Reopening{std::nullopt, "", "x"}, ctx("2026-12-01")); },
        "status.transition", "status");
    CHECK(ps.size() == 1);
  }
  SUBCASE("refused by a rule: no reason") {
    Record r = closed();
    expect_refused(r, [&] { stage_reopen(r, Reopening{std::nullopt, "", ""}, ctx("2027-03-05")); },
                   "reopen.reason-required", "reopenings[0].reason");
    CHECK(r.status == "closed");
    CHECK(r.reopenings.empty());
  }
}

TEST_CASE("stage_note") {
  SUBCASE("accepted: appended, dated today, by the acting worker, status unchanged") {
    Record r = planned();
    ChangeSummary s = stage_note(r, Note{std::nullopt, "", "home-visit", "saw the child"},
                                 ctx("2026-11-20"));
    CHECK(r.status == "active");
    REQUIRE(r.notes.size() == 2);
    CHECK(r.notes[1].date == D("2026-11-20"));
    CHECK(r.notes[1].by == "sato");
    CHECK(r.notes[1].text == "saw the child");
    CHECK(s.action == "note");
    CHECK(s.summary == "home-visit on 2026-11-20");
    CHECK(s.summary.find("saw") == std::string::npos);  // no free text in the commit message
    CHECK(s.documents.empty());
  }
  SUBCASE("without a kind; the form's date is used in the summary") {
    Record r = planned();
    ChangeSummary s = stage_note(r, Note{D("2026-11-18"), "", "", "called"}, ctx("2026-11-20"));
    CHECK(s.summary == "note on 2026-11-18");
    CHECK(r.notes[1].date == D("2026-11-18"));
  }
  SUBCASE("allowed on a closed case, which stays closed") {
    Record r = closed();
    stage_note(r, Note{std::nullopt, "", "phone", "follow-up call"}, ctx("2027-03-05"));
    CHECK(r.status == "closed");
    CHECK(r.notes.size() == 2);
  }
  SUBCASE("refused by a rule: no text") {
    Record r = planned();
    expect_refused(r, [&] { stage_note(r, Note{std::nullopt, "", "phone", ""}, ctx("2026-11-20")); },
                   "note.text-required", "notes[1].text");
  }
  SUBCASE("refused by the status table: a record without a valid status") {
    Record r = planned();
    r.status = "open";
    expect_refused(r, [&] { stage_note(r, Note{std::nullopt, "", "phone", "x"}, ctx("2026-11-20")); },
                   "status.transition", "status");
  }
}

TEST_CASE("stage_consent") {
  Consent c{"clinic", "share-review", "mother", std::nullopt, D("2027-11-20"), std::nullopt};
  SUBCASE("accepted: appended, dated today, status unchanged") {
    Record r = planned();
    ChangeSummary s = stage_consent(r, c, ctx("2026-11-20"));
    CHECK(r.status == "active");
    REQUIRE(r.consents.size() == 2);
    CHECK(r.consents[1].date == D("2026-11-20"));
    CHECK(r.consents[1].party == "clinic");
    CHECK(s.action == "consent");
    CHECK(s.summary == "consent 2 recorded");
    CHECK(s.documents.empty());
  }
  SUBCASE("refused by a rule: no party") {
    Record r = planned();
    c.party = "";
    expect_refused(r, [&] { stage_consent(r, c, ctx("2026-11-20")); }, "consent.party-required",
                   "consents[1].party");
  }
  SUBCASE("refused by the status table: a record without a valid status") {
    Record r = planned();
    r.status = "";
    expect_refused(r, [&] { stage_consent(r, c, ctx("2026-11-20")); }, "status.transition",
                   "status");
  }
}

TEST_CASE("stage_withdraw_consent") {
  SUBCASE("withdrawn today when no date is given; status unchanged") {
    Record r = planned();
    ChangeSummary s = stage_withdraw_consent(r, 1, std::nullopt, ctx("2026-12-01"));
    CHECK(r.status == "active");
    REQUIRE(r.consents.size() == 1);
    CHECK(r.consents[0].withdrawn == D("2026-12-01"));
    CHECK(s.action == "consent");
    CHECK(s.summary == "consent 1 withdrawn");
    CHECK(s.documents.empty());
  }
  SUBCASE("withdrawn on the date given; the number is 1-based") {
    Record r = planned();
    r.consents.push_back({"clinic", "share-review", "mother", D("2026-11-12"), {}, {}});
    ChangeSummary s = stage_withdraw_consent(r, 2, D("2026-11-25"), ctx("2026-12-01"));
    CHECK_FALSE(r.consents[0].withdrawn.has_value());
    CHECK(r.consents[1].withdrawn == D("2026-11-25"));
    CHECK(s.summary == "consent 2 withdrawn");
  }
  SUBCASE("refused: an unknown number") {
    Record r = planned();
    auto ps = expect_refused(r, [&] { stage_withdraw_consent(r, 2, std::nullopt, ctx("2026-12-01")); },
                             "consent.unknown", "consents");
    CHECK(ps[0].message.find("2") != std::string::npos);
    expect_refused(r, [&] { stage_withdraw_consent(r, 0, std::nullopt, ctx("2026-12-01")); },
                   "consent.unknown", "consents");
    expect_refused(r, [&] { stage_withdraw_consent(r, -1, std::nullopt, ctx("2026-12-01")); },
                   "consent.unknown", "consents");
  }
  SUBCASE("refused: already withdrawn (the first date stays)") {
    Record r = planned();
    r.consents[0].withdrawn = D("2026-11-20");
    expect_refused(r, [&] { stage_withdraw_consent(r, 1, std::nullopt, ctx("2026-12-01")); },
                   "consent.already-withdrawn", "consents[0].withdrawn");
    CHECK(r.consents[0].withdrawn == D("2026-11-20"));
  }
  SUBCASE("refused by a rule: a withdrawal after today") {
    Record r = planned();
    expect_refused(r, [&] { stage_withdraw_consent(r, 1, D("2026-12-02"), ctx("2026-12-01")); },
                   "dates.future", "consents[0].withdrawn");
  }
  SUBCASE("refused by the status table: a record without a valid status") {
    Record r = planned();
    r.status = "";
    expect_refused(r, [&] { stage_withdraw_consent(r, 1, std::nullopt, ctx("2026-12-01")); },
                   "status.transition", "status");
  }
}

TEST_CASE("stage_edit") {
  SUBCASE("the edited record replaces r; the summary names the sections changed") {
    Record r = planned();
    Record edited = r;
    edited.notes[0].text = "called the school twice";
    ChangeSummary s = stage_edit(r, edited, ctx("2027-01-05"));
    CHECK(r == edited);
    CHECK(s.action == "edit");
    CHECK(s.summary == "notes");
    CHECK(s.documents.empty());  // no document shows the notes
  }
  SUBCASE("an edited plan renders its document again, and only that one") {
    Record r = planned();
    Record edited = r;
    edited.plans[0].goals[0].text = "safe at home and at school";
    ChangeSummary s = stage_edit(r, edited, ctx("2027-01-05"));
    CHECK(r == edited);
    CHECK(s.summary == "plans");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "plan-1.md");
    CHECK(s.documents[0].content == render_document(edited, DocKind::plan, 1, cfg(), ""));
    CHECK(s.documents[0].content.find("safe at home and at school") != std::string::npos);
  }
  SUBCASE("every document showing an edited fact is rendered again; the others are not") {
    Record r = reviewed();
    Record edited = r;
    edited.reviews[1].summary = "all goals met";  // shown by review 2 only
    ChangeSummary s = stage_edit(r, edited, ctx("2027-03-05"));
    CHECK(s.summary == "reviews");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "review-2.md");
    CHECK(s.documents[0].content == render_document(edited, DocKind::review, 2, cfg(), ""));
    // A goal's text is shown by the plan and by each review of it.
    r = reviewed();
    edited = r;
    edited.plans[0].goals[0].text = "safe at home and at school";
    s = stage_edit(r, edited, ctx("2027-03-05"));
    std::vector<std::string> paths;
    for (const auto& d : s.documents) paths.push_back(d.path.substr(std::string(kDir).size()));
    CHECK(paths.size() == 3);
    CHECK(std::count(paths.begin(), paths.end(), "plan-1.md") == 1);
    CHECK(std::count(paths.begin(), paths.end(), "review-1.md") == 1);
    CHECK(std::count(paths.begin(), paths.end(), "review-2.md") == 1);
  }
  SUBCASE("an element the edit adds gets its document") {
    Record r = planned();
    Record edited = r;
    Review v = review1();
    edited.reviews = {v};
    ChangeSummary s = stage_edit(r, edited, ctx("2027-01-05"));
    CHECK(s.summary == "reviews");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "review-1.md");
  }
  SUBCASE("several sections, in the record's order") {
    Record r = reviewed();
    Record edited = r;
    edited.reviews[0].summary = "going well";
    edited.client.school = "North School";
    ChangeSummary s = stage_edit(r, edited, ctx("2027-03-01"));
    CHECK(s.summary == "client, reviews");
  }
  SUBCASE("the edit keeps the status it sets; the status table does not overwrite it") {
    Record r = planned();
    Record edited = r;
    edited.plans.clear();
    edited.status = "assessed";
    ChangeSummary s = stage_edit(r, edited, ctx("2027-01-05"));
    CHECK(r.status == "assessed");
    CHECK(r == edited);
    CHECK(s.summary == "status, plans");
  }
  SUBCASE("refused: a changed id (edit.id-changed), whatever else changed") {
    Record r = planned();
    Record edited = r;
    edited.id = "C-2026-0002";
    edited.notes[0].text = "x";
    auto ps = expect_refused(r, [&] { stage_edit(r, edited, ctx("2027-01-05")); }, "edit.id-changed",
                             "id");
    CHECK(ps.size() == 1);
    CHECK(ps[0].fix.find("C-2026-0001") != std::string::npos);
  }
  SUBCASE("refused by a rule the edit breaks") {
    Record r = planned();
    Record edited = r;
    edited.plans[0].goals[0].measure = "";
    expect_refused(r, [&] { stage_edit(r, edited, ctx("2027-01-05")); }, "plan.goal-measure-required",
                   "plans[0].goals[0].measure");
  }
  SUBCASE("refused: a status the content contradicts") {
    Record r = planned();
    Record edited = r;
    edited.status = "closed";
    expect_refused(r, [&] { stage_edit(r, edited, ctx("2027-01-05")); }, "status.inconsistent",
                   "status");
  }
}

TEST_CASE("stages need no files and no repository") {
  // Run a whole case in an empty folder: nothing is read (root "": built-in templates) and
  // nothing is written there.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("casectl-stages-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::path cwd = fs::current_path();
  fs::current_path(dir);
  std::size_t documents = 0;
  try {
    Record r = intake();
    stage_assess(r, assessment_form(), ctx("2026-11-03"));
    documents += stage_plan(r, plan_form(), ctx("2026-11-10")).documents.size();
    documents += stage_review(r, review_form(), ctx("2026-12-10")).documents.size();
    Closure c;
    c.reason = "transferred";
    c.evaluation = "moved to another centre";
    documents += stage_close(r, c, ctx("2026-12-20")).documents.size();
    stage_reopen(r, Reopening{std::nullopt, "", "returned"}, ctx("2027-01-05"));
    CHECK(r.status == "intake");
  } catch (...) {
    fs::current_path(cwd);
    fs::remove_all(dir);
    throw;
  }
  fs::current_path(cwd);
  CHECK(documents == 3);
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}
