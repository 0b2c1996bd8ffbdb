// The stage commands as pure changes of a record (core/stages): each accepted change numbers the
// new element, fills date (ctx.today) and by (ctx.by), moves the status as the table of SPEC
// section 4 says, and returns the commit's action and summary and the documents to commit
// (plan-N.md / review-N.md / closure-N.md in the case's sharded folder). Each refusal throws
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
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

// Root "" = built-in templates only: nothing is read from disk.
StageContext ctx(const char* today) { return StageContext{cfg(), "", D(today), "sato", std::nullopt}; }
// The same, acting as another worker (tanaka is a supervisor).
StageContext ctx_as(const char* by, const char* today) {
  return StageContext{cfg(), "", D(today), by, std::nullopt};
}

const char* kDir = "cases/2026/00/C-2026-0001/";

// ---- Forms as a worker gives them: what the command fills itself left out ----

// An element as a form gives it: no number, date or author (the command fills them).
template <class Element> Element form_of(Element e) {
  e.n = 0;
  e.date.reset();
  e.by.clear();
  return e;
}

// Assessment 1 as a form.
Assessment assessment_form() { return form_of(assessment1()); }

// Plan 1 as a form, naming no assessment either.
Plan plan_form() {
  Plan p = form_of(plan1());
  p.assessment = 0;
  return p;
}

// Review 1 as a form, naming no plan either.
Review review_form() {
  Review v = form_of(review1());
  v.plan = 0;
  return v;
}

// What the store chose for a new case: the id, the opened date and the acting worker.
Record chosen_by_store() {
  Record r;
  r.id = "C-2026-0001";
  r.opened = D("2026-11-02");
  r.worker = "sato";
  return r;
}

// The intake as a worker gives it to casectl new: without what the store chooses, and no notes.
Record new_case_form() {
  Record form = intake();
  form.id = "";
  form.status = "";
  form.opened.reset();
  form.worker = "";
  form.notes.clear();
  return form;
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

// s commits one document, `name` in the case's folder, not empty and rendered from r (kind n).
void expect_one_document(const ChangeSummary& s, const Record& r, DocKind kind, int n,
                         const std::string& name) {
  REQUIRE(s.documents.size() == 1);
  CHECK(s.documents[0].path == std::string(kDir) + name);
  CHECK_FALSE(s.documents[0].content.empty());
  CHECK(s.documents[0].content == render_document(r, kind, n, cfg(), ""));
}

// An amendment as casectl edit passes it: the reason (and a note); the rest is filled in.
Amendment amend(const char* reason) {
  Amendment a;
  a.reason = reason;
  return a;
}

// r without the amendment the edit added (the last one).
Record without_amendments(Record r) {
  if (!r.amendments.empty()) r.amendments.pop_back();
  return r;
}

}  // namespace

TEST_CASE("stage_new") {
  Record r = chosen_by_store();
  Record form = new_case_form();
  form.household = {{"Yamada Taro", "father", ""}};

  SUBCASE("accepted: the form's client, household and referral, status intake") {
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
  Record r = chosen_by_store();
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
  SUBCASE("a date the form gives is kept, and a `by` naming the acting worker") {
    Record r = intake();
    Assessment a = assessment_form();
    a.date = D("2026-11-03");
    a.by = "sato";
    stage_assess(r, a, ctx("2026-11-04"));
    REQUIRE(r.assessments.size() == 1);
    CHECK(r.assessments[0].date == D("2026-11-03"));
    CHECK(r.assessments[0].by == "sato");
  }
  SUBCASE("refused: a form naming another worker as `by` (worker.not-acting)") {
    Record r = intake();
    Assessment a = assessment_form();
    a.by = "suzuki";
    auto ps = refusal([&] { stage_assess(r, a, ctx("2026-11-04")); });
    expect_only(ps, "worker.not-acting", "by");
    CHECK(ps[0].message.find("sato") != std::string::npos);
    CHECK(r.assessments.empty());
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
    expect_one_document(s, r, DocKind::plan, 1, "plan-1.md");
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
    expect_one_document(s, r, DocKind::review, 1, "review-1.md");
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

  SUBCASE("accepted: closure 1 names the plan in force, outcomes from the latest review, closure-1.md") {
    Record r = reviewed();
    ChangeSummary s = stage_close(r, form, ctx("2027-03-01"));
    CHECK(r.status == "closed");
    REQUIRE(r.closures.size() == 1);
    const Closure& c = r.closures[0];
    CHECK(c.n == 1);
    CHECK(c.date == D("2027-03-01"));
    CHECK(c.by == "sato");
    CHECK(c.plan == 1);
    CHECK_FALSE(c.approval.has_value());  // risk low: none needed
    CHECK(c.reason == "goals-achieved");
    REQUIRE(c.outcomes.size() == 3);
    for (const auto& o : c.outcomes) CHECK(o.status == "achieved");
    CHECK(c.outcomes[0].goal == "G1");
    CHECK(c.outcomes[2].goal == "G3");
    CHECK(closure_in_force(r) == &r.closures[0]);
    CHECK(s.action == "close");
    CHECK(s.summary == "closure 1, goals-achieved");
    expect_one_document(s, r, DocKind::closure, 1, "closure-1.md");
  }
  SUBCASE("outcomes the form gives are kept") {
    Record r = planned();
    r.reviews = {review1()};
    form.reason = "transferred";
    form.outcomes = {{"G1", "not-achieved"}};
    stage_close(r, form, ctx("2027-01-05"));
    REQUIRE(r.closures.size() == 1);
    REQUIRE(r.closures[0].outcomes.size() == 1);
    CHECK(r.closures[0].outcomes[0].status == "not-achieved");
  }
  SUBCASE("no outcomes when the latest review is of an older plan, no plan: none named") {
    Record r = planned();
    r.reviews = {review1()};
    Plan p2 = revised_plan(2, "2026-12-15", "2027-02-10");
    r.plans.push_back(p2);
    form.reason = "transferred";
    stage_close(r, form, ctx("2027-01-05"));
    CHECK(r.closures[0].plan == 2);
    CHECK(r.closures[0].outcomes.empty());
    Record a = assessed();
    a.assessments[0].safety = "safe";
    a.assessments[0].risk = "low";
    a.assessments[0].immediate_actions.clear();
    form.reason = "no-further-action";
    stage_close(a, form, ctx("2026-11-04"));
    CHECK_FALSE(a.closures[0].plan.has_value());
  }
  SUBCASE("at high risk with a supervisor's approval: the closure uses it, the summary names it") {
    Record r = planned();
    r.approvals = {{1, "closure", D("2026-11-20"), "tanaka", ""}};
    form.reason = "transferred";
    ChangeSummary s = stage_close(r, form, ctx("2026-12-01"));
    CHECK(r.status == "closed");
    CHECK(r.closures[0].approval == 1);
    CHECK(s.summary == "closure 1, transferred, approval 1");
    CHECK(s.documents[0].content.find("Approved by: Tanaka Ken") != std::string::npos);
  }
  SUBCASE("an approval of a plan, one given before the latest assessment or one used is not taken") {
    Record r = planned();
    form.reason = "transferred";
    r.approvals = {{1, "plan", D("2026-11-20"), "tanaka", ""}};
    expect_refused(r, [&] { stage_close(r, form, ctx("2026-12-01")); }, "close.approval-required",
                   "closures[0].approval");
    r.approvals = {{1, "closure", D("2026-11-02"), "tanaka", ""}};  // before assessment 1 (11-03)
    expect_refused(r, [&] { stage_close(r, form, ctx("2026-12-01")); }, "close.approval-required",
                   "closures[0].approval");
    // Closed with approval 1, reopened: closing again needs an approval of its own.
    r.approvals = {{1, "closure", D("2026-11-20"), "tanaka", ""}};
    stage_close(r, form, ctx("2026-12-01"));
    stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", std::nullopt, "new injuries", ""}, ctx("2026-12-02"));
    stage_assess(r, assessment_form(), ctx("2026-12-03"));
    expect_refused(r, [&] { stage_close(r, form, ctx("2026-12-04")); }, "close.approval-required",
                   "closures[1].approval");
    stage_approve(r, Approval{0, "closure", std::nullopt, "", "agreed"}, ctx_as("tanaka", "2026-12-04"));
    ChangeSummary s = stage_close(r, form, ctx("2026-12-04"));
    CHECK(r.closures[1].approval == 2);
    CHECK(s.summary == "closure 2, transferred, approval 2");
  }
  SUBCASE("a supervisor closes without an approval, and none is taken") {
    Record r = planned();
    r.approvals = {{1, "closure", D("2026-11-20"), "tanaka", ""}};
    form.reason = "transferred";
    ChangeSummary s = stage_close(r, form, ctx_as("tanaka", "2026-12-01"));
    CHECK(r.closures[0].by == "tanaka");
    CHECK_FALSE(r.closures[0].approval.has_value());
    CHECK(s.summary == "closure 1, transferred");
  }
  SUBCASE("no approval is taken when the risk does not need one") {
    Record r = reviewed();
    r.approvals = {{1, "closure", D("2027-02-25"), "tanaka", ""}};
    stage_close(r, form, ctx("2027-03-01"));
    CHECK_FALSE(r.closures[0].approval.has_value());
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
                   "closures[0].reason");
    CHECK(r.status == "active");
    CHECK(r.closures.empty());
  }
  SUBCASE("refused: at high risk without approval") {
    Record r = planned();
    form.reason = "transferred";
    expect_refused(r, [&] { stage_close(r, form, ctx("2026-12-01")); }, "close.approval-required",
                   "closures[0].approval");
  }
}

TEST_CASE("stage_reopen") {
  SUBCASE("accepted: status intake, reopening 1 of closure 1, dated today by the acting worker") {
    Record r = closed();
    ChangeSummary s =
        stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", std::nullopt, "new injuries", ""}, ctx("2027-03-05"));
    CHECK(r.status == "intake");
    REQUIRE(r.reopenings.size() == 1);
    CHECK(r.reopenings[0].n == 1);
    CHECK(r.reopenings[0].closure == 1);
    CHECK(r.reopenings[0].date == D("2027-03-05"));
    CHECK(r.reopenings[0].by == "sato");
    CHECK(r.reopenings[0].reason == "new injuries");
    CHECK(r.closures.size() == 1);  // the closure the reopening follows stays
    CHECK(closure_in_force(r) == nullptr);
    CHECK(s.action == "reopen");
    CHECK(s.summary == "reopening 1 of closure 1");
    CHECK(s.documents.empty());
  }
  SUBCASE("a second closure and reopening: reopening 2 of closure 2, closure-2.md") {
    Record r = closed();
    stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", std::nullopt, "new injuries", ""}, ctx("2027-03-05"));
    Closure c;
    c.reason = "moved-away";
    c.evaluation = "moved before a new assessment";
    ChangeSummary s = stage_close(r, c, ctx("2027-03-06"));
    REQUIRE(r.closures.size() == 2);
    CHECK(r.closures[1].n == 2);
    CHECK(r.closures[1].plan == 1);
    CHECK(s.summary == "closure 2, moved-away");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "closure-2.md");
    s = stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", std::nullopt, "returned", ""}, ctx("2027-03-07"));
    CHECK(r.reopenings[1].n == 2);
    CHECK(r.reopenings[1].closure == 2);
    CHECK(s.summary == "reopening 2 of closure 2");
  }
  SUBCASE("refused by the status table: an active case") {
    Record r = planned();
    auto ps = expect_refused(
        r, [&] { stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", std::nullopt, "x", ""}, ctx("2026-12-01")); },
        "status.transition", "status");
    CHECK(ps.size() == 1);
  }
  SUBCASE("refused by a rule: no reason") {
    Record r = closed();
    expect_refused(r, [&] { stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", std::nullopt, "", ""}, ctx("2027-03-05")); },
                   "reopen.reason-required", "reopenings[0].reason");
    CHECK(r.status == "closed");
    CHECK(r.reopenings.empty());
  }
  SUBCASE("refused: a form naming a closure the record does not have") {
    Record r = closed();
    expect_refused(r, [&] { stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", 3, "x", ""}, ctx("2027-03-05")); },
                   "reopen.closure-unknown", "reopenings[0].closure");
  }
}

TEST_CASE("stage_approve") {
  SUBCASE("accepted: a supervisor's approval, numbered, dated today, status unchanged") {
    Record r = planned();
    ChangeSummary s = stage_approve(r, Approval{0, "closure", std::nullopt, "", "agreed"},
                                    ctx_as("tanaka", "2026-11-20"));
    CHECK(r.status == "active");
    REQUIRE(r.approvals.size() == 1);
    CHECK(r.approvals[0].n == 1);
    CHECK(r.approvals[0].kind == "closure");
    CHECK(r.approvals[0].date == D("2026-11-20"));
    CHECK(r.approvals[0].by == "tanaka");
    CHECK(r.approvals[0].note == "agreed");
    CHECK(s.action == "approve");
    CHECK(s.summary == "approval 1 (closure)");
    CHECK(s.summary.find("agreed") == std::string::npos);  // no free text in the commit message
    CHECK(s.documents.empty());
    CHECK(usable_approval(r, "closure") == &r.approvals[0]);
    s = stage_approve(r, Approval{0, "plan", std::nullopt, "", ""}, ctx_as("tanaka", "2026-11-21"));
    CHECK(r.approvals[1].n == 2);
    CHECK(s.summary == "approval 2 (plan)");
  }
  SUBCASE("allowed at intake and assessed too") {
    Record r = intake();
    stage_approve(r, Approval{0, "closure", std::nullopt, "", ""}, ctx_as("tanaka", "2026-11-03"));
    CHECK(r.status == "intake");
    r = assessed();
    stage_approve(r, Approval{0, "closure", std::nullopt, "", ""}, ctx_as("tanaka", "2026-11-04"));
    CHECK(r.status == "assessed");
  }
  SUBCASE("refused: a worker who is not a supervisor") {
    Record r = planned();
    auto ps = expect_refused(r, [&] { stage_approve(r, Approval{0, "closure", std::nullopt, "", ""}, ctx("2026-11-20")); },
                             "approve.not-supervisor", "approvals[0].by");
    CHECK(r.approvals.empty());
  }
  SUBCASE("refused: an approval in another supervisor's name (worker.not-acting)") {
    Record r = planned();
    expect_refused(r, [&] { stage_approve(r, Approval{0, "closure", std::nullopt, "tanaka", ""}, ctx("2026-11-20")); },
                   "worker.not-acting", "by");
  }
  SUBCASE("refused: no kind") {
    Record r = planned();
    expect_refused(r, [&] { stage_approve(r, Approval{0, "", std::nullopt, "", ""}, ctx_as("tanaka", "2026-11-20")); },
                   "approve.kind-required", "approvals[0].kind");
  }
  SUBCASE("refused by the status table: closed") {
    Record r = closed();
    expect_refused(r, [&] { stage_approve(r, Approval{0, "closure", std::nullopt, "", ""}, ctx_as("tanaka", "2027-03-05")); },
                   "status.transition", "status");
  }
}

TEST_CASE("stage_plan takes a plan approval when policy.approvals.plan asks for one") {
  Config c = cfg();
  c.policy.approvals["plan"] = {"high"};
  StageContext sc{c, "", D("2026-11-10"), "sato", std::nullopt};
  Record r = assessed();
  const Record before = r;
  auto ps = refusal([&] { stage_plan(r, plan_form(), sc); });
  expect_only(ps, "plan.approval-required", "plans[0].approval");
  CHECK(r == before);
  r.approvals = {{1, "plan", D("2026-11-04"), "tanaka", ""}};
  stage_plan(r, plan_form(), sc);
  CHECK(r.plans[0].approval == 1);
  // A supervisor's own plan needs none.
  Record s = assessed();
  StageContext as_tanaka{c, "", D("2026-11-10"), "tanaka", std::nullopt};
  stage_plan(s, plan_form(), as_tanaka);
  CHECK_FALSE(s.plans[0].approval.has_value());
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
  SUBCASE("without a kind, the form's date is used in the summary") {
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
  Consent c{0, "clinic", "share-review", "mother", std::nullopt, D("2027-11-20"), std::nullopt};
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
  SUBCASE("withdrawn today when no date is given, status unchanged") {
    Record r = planned();
    ChangeSummary s = stage_withdraw_consent(r, 1, std::nullopt, ctx("2026-12-01"));
    CHECK(r.status == "active");
    REQUIRE(r.consents.size() == 1);
    CHECK(r.consents[0].withdrawn == D("2026-12-01"));
    CHECK(s.action == "consent");
    CHECK(s.summary == "consent 1 withdrawn");
    CHECK(s.documents.empty());
  }
  SUBCASE("withdrawn on the date given, the number is 1-based") {
    Record r = planned();
    r.consents.push_back({2, "clinic", "share-review", "mother", D("2026-11-12"), {}, {}});
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
  SUBCASE("the edited record replaces r, the summary names the sections changed") {
    Record r = planned();
    Record edited = r;
    edited.notes[0].text = "called the school twice";
    ChangeSummary s = stage_edit(r, edited, amend("typo"), ctx("2027-01-05"));
    CHECK(without_amendments(r) == edited);
    CHECK(s.action == "edit");
    CHECK(s.summary == "notes");
    CHECK(s.documents.empty());  // no document shows the notes
  }
  SUBCASE("an edited plan renders its document again, and only that one") {
    Record r = planned();
    Record edited = r;
    edited.plans[0].goals[0].text = "safe at home and at school";
    ChangeSummary s = stage_edit(r, edited, amend("typo"), ctx("2027-01-05"));
    CHECK(without_amendments(r) == edited);
    CHECK(s.summary == "plans");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "plan-1.md");
    // Rendered from the record as amended: the document names the amendment.
    CHECK(s.documents[0].content == render_document(r, DocKind::plan, 1, cfg(), ""));
    CHECK(s.documents[0].content.find("safe at home and at school") != std::string::npos);
    CHECK(s.documents[0].content.find("Amended on 5 January 2027 by Sato Yuki (") != std::string::npos);
    REQUIRE(r.amendments.size() == 1);
    CHECK(r.amendments[0].documents == Strings{"plan-1.md"});
  }
  SUBCASE("every document showing an edited fact is rendered again, the others are not") {
    Record r = reviewed();
    Record edited = r;
    edited.reviews[1].summary = "all goals met";  // shown by review 2 only
    ChangeSummary s = stage_edit(r, edited, amend("typo"), ctx("2027-03-05"));
    CHECK(s.summary == "reviews");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "review-2.md");
    CHECK(s.documents[0].content == render_document(r, DocKind::review, 2, cfg(), ""));
    // A goal's text is shown by the plan and by each review of it.
    r = reviewed();
    edited = r;
    edited.plans[0].goals[0].text = "safe at home and at school";
    s = stage_edit(r, edited, amend("typo"), ctx("2027-03-05"));
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
    ChangeSummary s = stage_edit(r, edited, amend("typo"), ctx("2027-01-05"));
    CHECK(s.summary == "reviews");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "review-1.md");
  }
  SUBCASE("several sections, in the record's order") {
    Record r = reviewed();
    Record edited = r;
    edited.reviews[0].summary = "going well";
    edited.client.school = "North School";
    ChangeSummary s = stage_edit(r, edited, amend("typo"), ctx("2027-03-01"));
    CHECK(s.summary == "client, reviews");
  }
  SUBCASE("the edit keeps the status it sets, the status table does not overwrite it") {
    Record r = planned();
    Record edited = r;
    edited.plans.clear();
    edited.status = "assessed";
    ChangeSummary s = stage_edit(r, edited, amend("typo"), ctx("2027-01-05"));
    CHECK(r.status == "assessed");
    CHECK(without_amendments(r) == edited);
    CHECK(s.summary == "status, plans");
  }
  SUBCASE("refused: a changed id (edit.id-changed), whatever else changed") {
    Record r = planned();
    Record edited = r;
    edited.id = "C-2026-0002";
    edited.notes[0].text = "x";
    auto ps = expect_refused(r, [&] { stage_edit(r, edited, amend("typo"), ctx("2027-01-05")); }, "edit.id-changed",
                             "id");
    CHECK(ps.size() == 1);
    CHECK(ps[0].fix.find("C-2026-0001") != std::string::npos);
  }
  SUBCASE("refused by a rule the edit breaks") {
    Record r = planned();
    Record edited = r;
    edited.plans[0].goals[0].measure = "";
    expect_refused(r, [&] { stage_edit(r, edited, amend("typo"), ctx("2027-01-05")); }, "plan.goal-measure-required",
                   "plans[0].goals[0].measure");
  }
  SUBCASE("refused: a status the content contradicts") {
    Record r = planned();
    Record edited = r;
    edited.status = "closed";
    expect_refused(r, [&] { stage_edit(r, edited, amend("typo"), ctx("2027-01-05")); }, "status.inconsistent",
                   "status");
  }
}

TEST_CASE("stage_edit records the amendment") {
  SUBCASE("date, worker, reason, note, sections and documents, the trailer names the reason") {
    Record r = reviewed();
    Record edited = r;
    edited.plans[0].goals[0].text = "safe at home and at school";
    edited.client.school = "North School";
    Amendment a = amend("late-information");
    a.note = "school changed";
    a.date = D("2020-01-01");  // filled in by the command, whatever the caller gave
    a.by = "suzuki";
    ChangeSummary s = stage_edit(r, edited, a, ctx("2027-03-05"));
    REQUIRE(r.amendments.size() == 1);
    const Amendment& got = r.amendments[0];
    CHECK(got.date == D("2027-03-05"));
    CHECK(got.by == "sato");
    CHECK(got.reason == "late-information");
    CHECK(got.note == "school changed");
    CHECK(got.sections == Strings{"client", "plans"});
    CHECK(got.documents == Strings{"plan-1.md", "review-1.md", "review-2.md"});
    REQUIRE(s.trailers.size() == 1);
    CHECK(s.trailers[0].first == "Amendment");
    CHECK(s.trailers[0].second == "late-information");
    CHECK(s.summary == "client, plans");
    CHECK(s.summary.find("school changed") == std::string::npos);
    for (const auto& d : s.documents) CHECK(d.content.find("Amended on") != std::string::npos);
  }
  SUBCASE("a second amendment is added after the first, each document names its own") {
    Record r = reviewed();
    Record edited = r;
    edited.notes[0].text = "called twice";
    stage_edit(r, edited, amend("typo"), ctx("2027-03-05"));
    CHECK(r.amendments[0].documents.empty());
    edited = r;
    edited.reviews[1].summary = "all goals met";
    ChangeSummary s = stage_edit(r, edited, amend("correction"), ctx("2027-03-06"));
    REQUIRE(r.amendments.size() == 2);
    CHECK(r.amendments[1].reason == "correction");
    CHECK(r.amendments[1].documents == Strings{"review-2.md"});
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].content.find("Amended on 6 March 2027") != std::string::npos);
    CHECK(s.documents[0].content.find("5 March 2027") == std::string::npos);
  }
  SUBCASE("an edited closure renders closure-N.md again") {
    Record r = closed();
    Record edited = r;
    edited.closures[0].follow_up = "school keeps watching";
    ChangeSummary s = stage_edit(r, edited, amend("late-information"), ctx_as("tanaka", "2027-03-05"));
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].path == std::string(kDir) + "closure-1.md");
    CHECK(r.amendments[0].documents == Strings{"closure-1.md"});
    CHECK(r.amendments[0].by == "tanaka");
  }
  SUBCASE("refused: an edit that changes the amendments") {
    Record r = reviewed();
    stage_edit(r, [&] { Record e = r; e.notes[0].text = "x"; return e; }(), amend("typo"), ctx("2027-03-05"));
    Record edited = r;
    edited.amendments[0].reason = "other";
    edited.notes[0].text = "y";
    auto ps = expect_refused(r, [&] { stage_edit(r, edited, amend("typo"), ctx("2027-03-06")); },
                             "edit.amendments-changed", "amendments");
    CHECK(ps.size() == 1);
    edited = r;
    edited.amendments.clear();
    edited.notes[0].text = "y";
    expect_refused(r, [&] { stage_edit(r, edited, amend("typo"), ctx("2027-03-06")); },
                   "edit.amendments-changed", "amendments");
  }
  SUBCASE("refused: a closed case edited by a worker who is not a supervisor") {
    Record r = closed();
    Record edited = r;
    edited.closures[0].follow_up = "school keeps watching";
    auto ps = expect_refused(r, [&] { stage_edit(r, edited, amend("typo"), ctx("2027-03-05")); },
                             "edit.closed-needs-supervisor", "status");
    CHECK(ps.size() == 1);
    CHECK(r.amendments.empty());
    // check_may_edit refuses the same before the editor opens.
    auto early = refusal([&] { check_may_edit(r, ctx("2027-03-05")); });
    expect_only(early, "edit.closed-needs-supervisor", "status");
    CHECK_NOTHROW(check_may_edit(r, ctx_as("tanaka", "2027-03-05")));
    CHECK_NOTHROW(check_may_edit(reviewed(), ctx("2027-03-05")));
  }
  SUBCASE("refused: an edit that reopens a closed case by hand is a supervisor's too") {
    Record r = closed();
    Record edited = r;
    edited.closures.clear();
    edited.status = "active";
    expect_refused(r, [&] { stage_edit(r, edited, amend("wrong-case"), ctx("2027-03-05")); },
                   "edit.closed-needs-supervisor", "status");
    stage_edit(r, edited, amend("wrong-case"), ctx_as("tanaka", "2027-03-05"));
    CHECK(r.status == "active");
  }
}

TEST_CASE("a refused form leaves the status as it was (worker.not-acting)") {
  // A refusal from inside the change (worker.not-acting) leaves the record, status included.
  Record r = intake();
  Assessment a = assessment_form();
  a.by = "suzuki";
  expect_refused(r, [&] { stage_assess(r, a, ctx("2026-11-04")); }, "worker.not-acting", "by");
  CHECK(r.status == "intake");
  Record p = planned();
  Closure c;
  c.reason = "transferred";
  c.evaluation = "x";
  c.by = "suzuki";
  expect_refused(p, [&] { stage_close(p, c, ctx("2026-12-01")); }, "worker.not-acting", "by");
  CHECK(p.status == "active");
}

TEST_CASE("stage_new: the report is not received after now (StageContext::now)") {
  Record r = chosen_by_store();
  Record form = new_case_form();
  form.referral.date = D("2026-11-02");
  form.referral.received = DateTime::parse("2026-11-02 09:30");
  StageContext early{cfg(), "", D("2026-11-02"), "sato", DateTime::parse("2026-11-02 09:00")};
  auto ps = refusal([&] { stage_new(r, form, early); });
  expect_only(ps, "dates.future", "referral.received", "new case");
  CHECK(r.status.empty());
  StageContext later{cfg(), "", D("2026-11-02"), "sato", DateTime::parse("2026-11-02 10:00")};
  stage_new(r, form, later);
  CHECK(r.referral.received == DateTime::parse("2026-11-02 09:30"));
}

TEST_CASE("stage_review: after revise-plan the next review waits for the revised plan") {
  Record r = planned();
  Review v1 = review1();
  v1.decision = "revise-plan";
  r.reviews = {v1};
  Review v = review_form();
  expect_refused(r, [&] { stage_review(r, v, ctx("2026-12-20")); }, "review.revision-outstanding",
                 "reviews[1].plan");
  Plan p = plan_form();
  p.next_review = D("2027-02-10");
  stage_plan(r, p, ctx("2026-12-15"));
  stage_review(r, v, ctx("2026-12-20"));
  CHECK(r.reviews[1].plan == 2);
}

TEST_CASE("stage_note: a note in another worker's name is refused") {
  Record r = planned();
  expect_refused(r, [&] { stage_note(r, Note{std::nullopt, "suzuki", "phone", "x"}, ctx("2026-11-20")); },
                 "worker.not-acting", "by");
  stage_note(r, Note{std::nullopt, "sato", "phone", "x"}, ctx("2026-11-20"));
  CHECK(r.notes.back().by == "sato");
}

TEST_CASE("stages need no files and no repository") {
  // Run a whole case in an empty folder: nothing is read (root "": built-in templates) and
  // nothing is written there.
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("casectl-stages-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::size_t documents = 0;
  try {
    Cwd in_dir(dir);  // back to the folder before, thrown or not
    Record r = intake();
    stage_assess(r, assessment_form(), ctx("2026-11-03"));
    documents += stage_plan(r, plan_form(), ctx("2026-11-10")).documents.size();
    documents += stage_review(r, review_form(), ctx("2026-12-10")).documents.size();
    Closure c;
    c.reason = "transferred";
    c.evaluation = "moved to another centre";
    documents += stage_close(r, c, ctx("2026-12-20")).documents.size();
    stage_reopen(r, Reopening{0, std::nullopt, std::nullopt, "", std::nullopt, "returned", ""}, ctx("2027-01-05"));
    CHECK(r.status == "intake");
  } catch (...) {
    fs::remove_all(dir);
    throw;
  }
  CHECK(documents == 3);
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}
