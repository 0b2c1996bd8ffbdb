// The rules of SPEC section 4: a valid urgent physical-abuse case from intake to closure passes;
// each rule broken alone is reported with its name and field path.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/rules.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

RuleContext ctx(const char* today = "2027-03-10") { return RuleContext{cfg(), D(today), std::nullopt, nullptr, std::nullopt}; }

// The context of a change made by worker `actor` (nullptr: a record as it stands).
RuleContext acting(const char* actor, const char* today = "2027-03-10") {
  return RuleContext{cfg(), D(today), std::nullopt, cfg().worker(actor), std::nullopt};
}

// "rule field" lines of the problems, for failure messages.
std::string dump(const std::vector<Problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += p.rule + " " + p.field + " | " + p.message + "; " + p.fix + "\n";
  return s;
}

// Every problem is of `rule`, and one of them is at `field`.
void expect_only(const std::vector<Problem>& ps, const std::string& rule,
                 const std::string& field) {
  INFO(dump(ps));
  REQUIRE_FALSE(ps.empty());
  for (const auto& p : ps) CHECK(p.rule == rule);
  CHECK(std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.field == field; }));
  for (const auto& p : ps) {
    CHECK(p.case_id == "C-2026-0001");
    CHECK_FALSE(p.message.empty());
    CHECK_FALSE(p.fix.empty());
  }
}

void expect_none(const std::vector<Problem>& ps) {
  INFO(dump(ps));
  CHECK(ps.empty());
}

}  // namespace

TEST_CASE("a valid case passes at every stage") {
  expect_none(check_record(intake(), ctx()));
  expect_none(check_record(assessed(), ctx()));
  expect_none(check_record(planned(), ctx()));
  expect_none(check_record(reviewed(), ctx()));
  expect_none(check_record(closed(), ctx()));
}

TEST_CASE("status table") {
  using S = Status;
  using C = Command;
  const char* id = "C-2026-0001";
  SUBCASE("allowed moves") {
    expect_none(check_transition("", std::nullopt, C::new_case));
    expect_none(check_transition(id, S::intake, C::assess));
    expect_none(check_transition(id, S::active, C::assess));
    expect_none(check_transition(id, S::assessed, C::plan));
    expect_none(check_transition(id, S::active, C::plan));
    expect_none(check_transition(id, S::active, C::review));
    for (S s : {S::intake, S::assessed, S::active}) expect_none(check_transition(id, s, C::close));
    expect_none(check_transition(id, S::closed, C::reopen));
    for (S s : {S::intake, S::assessed, S::active, S::closed}) {
      expect_none(check_transition(id, s, C::note));
      expect_none(check_transition(id, s, C::withdraw_consent));
      expect_none(check_transition(id, s, C::edit));
    }
    for (S s : {S::intake, S::assessed, S::active}) expect_none(check_transition(id, s, C::consent));
  }
  SUBCASE("refusals name the status and the first step") {
    auto ps = check_transition(id, S::intake, C::plan);
    expect_only(ps, "status.transition", "status");
    CHECK(ps[0].message.find("intake") != std::string::npos);
    CHECK(ps[0].fix.find("casectl assess") != std::string::npos);
    ps = check_transition(id, S::assessed, C::review);
    expect_only(ps, "status.transition", "status");
    CHECK(ps[0].fix.find("casectl plan") != std::string::npos);
    expect_only(check_transition(id, S::assessed, C::assess), "status.transition", "status");
    ps = check_transition(id, S::closed, C::review);
    expect_only(ps, "status.transition", "status");
    CHECK(ps[0].fix.find("casectl reopen") != std::string::npos);
    expect_only(check_transition(id, S::closed, C::close), "status.transition", "status");
    expect_only(check_transition(id, S::closed, C::consent), "status.transition", "status");
    expect_only(check_transition(id, S::active, C::reopen), "status.transition", "status");
    expect_only(check_transition(id, S::intake, C::new_case), "status.transition", "status");
    CHECK(check_transition("", std::nullopt, C::note).size() == 1);
  }
  SUBCASE("a record without a valid status allows no command") {
    Record r = intake();
    r.status = "";
    for (C c : kCommands)
      if (c != C::new_case) expect_only(check_transition(&r, c), "status.transition", "status");
  }
  SUBCASE("status after each command") {
    CHECK(status_after(std::nullopt, C::new_case) == S::intake);
    CHECK(status_after(S::active, C::assess) == S::assessed);
    CHECK(status_after(S::assessed, C::plan) == S::active);
    CHECK(status_after(S::active, C::review) == S::active);
    CHECK(status_after(S::assessed, C::close) == S::closed);
    CHECK(status_after(S::closed, C::reopen) == S::intake);
    CHECK(status_after(S::closed, C::note) == S::closed);
    CHECK_THROWS_AS(status_after(std::nullopt, C::note), Error);
  }
  SUBCASE("every command has a row and a name, and names round-trip") {
    for (C c : kCommands) {
      CHECK(std::string(name(c)) != "");
      CHECK_NOTHROW(status_after(S::active, c));
    }
    for (S s : {S::intake, S::assessed, S::active, S::closed}) CHECK(parse_status(name(s)) == s);
    CHECK_FALSE(parse_status("open").has_value());
  }
}

TEST_CASE("record-level rules") {
  Record r = closed();
  SUBCASE("schema") {
    r.schema = 2;
    expect_only(check_record(r, ctx()), "record.schema", "schema");
  }
  SUBCASE("id form, and a bad id is not repeated in problems") {
    r.id = "C-2026-1";
    auto ps = check_record(r, ctx());
    INFO(dump(ps));
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].rule == "record.id");
    CHECK(ps[0].field == "id");
    CHECK(ps[0].case_id.empty());
  }
  SUBCASE("unknown and missing workers") {
    r.worker = "nobody";
    expect_only(check_record(r, ctx()), "worker.unknown", "worker");
    r = closed();
    r.plans[0].by = "nobody";
    expect_only(check_record(r, ctx()), "worker.unknown", "plans[0].by");
    r = closed();
    r.reviews[1].by = "";
    expect_only(check_record(r, ctx()), "worker.required", "reviews[1].by");
    r = closed();
    r.notes[0].by = "Yamada Taro";  // free text where an id belongs is not quoted
    auto ps = check_record(r, ctx());
    expect_only(ps, "worker.unknown", "notes[0].by");
    CHECK(ps[0].message.find("Yamada") == std::string::npos);
  }
  SUBCASE("n sequential") {
    r.reviews[1].n = 3;
    auto ps = check_record(r, ctx());
    expect_only(ps, "record.n-sequence", "reviews[1].n");
    r = closed();
    r.assessments[0].n = 2;
    r.plans[0].assessment = 2;
    expect_only(check_record(r, ctx()), "record.n-sequence", "assessments[0].n");
  }
  SUBCASE("intake fields") {
    r.referral.urgency = "";
    expect_only(check_record(r, ctx()), "intake.urgency-required", "referral.urgency");
    r = closed();
    r.referral.source = "";
    expect_only(check_record(r, ctx()), "intake.source-required", "referral.source");
    r = closed();
    r.referral.concerns.clear();
    expect_only(check_record(r, ctx()), "intake.concern-required", "referral.concerns");
  }
}

TEST_CASE("status is consistent with the content") {
  SUBCASE("closed without closure, closure without closed") {
    Record r = reviewed();
    r.status = "closed";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
    r = closed();
    r.status = "active";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
  }
  SUBCASE("reopened after the closure: not closed") {
    Record r = closed();
    r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
    r.status = "intake";
    expect_none(check_record(r, ctx()));
    r.status = "closed";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
  }
  SUBCASE("reopened and closed again the same day: closure 2 is in force") {
    Record r = closed();
    r.reopenings = {{1, D("2027-03-01"), std::nullopt, "sato", 1, "closed by mistake", ""}};
    r.status = "intake";
    expect_none(check_record(r, ctx()));
    r.status = "closed";  // no closure after the reopening
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
    Closure c2 = r.closures[0];
    c2.n = 2;
    c2.reason = "other";  // goals-achieved again would need a review after the reopening
    r.closures.push_back(c2);
    expect_none(check_record(r, ctx()));
    CHECK(closure_in_force(r) == &r.closures[1]);
    r.status = "intake";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
  }
  SUBCASE("assessed needs an unanswered assessment, active a plan, intake none") {
    Record r = planned();
    r.status = "assessed";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
    r = assessed();
    r.status = "active";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
    r = assessed();
    r.status = "intake";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
    r = intake();
    r.status = "assessed";
    expect_only(check_record(r, ctx()), "status.inconsistent", "status");
  }
}

TEST_CASE("assessment rules") {
  Record r = assessed();
  Assessment& a = r.assessments[0];
  SUBCASE("safety and risk required") {
    a.safety = "";
    expect_only(check_record(r, ctx()), "assessment.safety-required", "assessments[0].safety");
    r = assessed();
    r.assessments[0].risk = "";
    expect_only(check_record(r, ctx()), "assessment.risk-required", "assessments[0].risk");
  }
  SUBCASE("at least one method") {
    a.methods.clear();
    expect_only(check_record(r, ctx()), "assessment.method-required", "assessments[0].methods");
  }
  SUBCASE("unsafe needs immediate actions") {
    a.immediate_actions.clear();
    expect_only(check_record(r, ctx()), "assessment.immediate-actions-required",
                "assessments[0].immediate_actions");
    r.assessments[0].safety = "safe-with-plan";  // the valid neighbour
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("needs may be empty only when safe and low") {
    a.needs.clear();
    a.safety = "safe";
    a.risk = "medium";
    expect_only(check_record(r, ctx()), "assessment.needs-required", "assessments[0].needs");
    r.assessments[0].risk = "low";
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("need ids present and unique, need text present") {
    a.needs[2].id = "N1";
    expect_only(check_record(r, ctx()), "assessment.need-id-duplicate",
                "assessments[0].needs[2].id");
    r = assessed();
    r.assessments[0].needs[1].id = "";
    expect_only(check_record(r, ctx()), "assessment.need-id-required",
                "assessments[0].needs[1].id");
    r = assessed();
    r.assessments[0].needs[0].text = "";
    expect_only(check_record(r, ctx()), "assessment.need-text-required",
                "assessments[0].needs[0].text");
  }
  SUBCASE("risk items have domain and level") {
    a.risks[0].level = "";
    expect_only(check_record(r, ctx()), "assessment.risk-level-required",
                "assessments[0].risks[0].level");
    r = assessed();
    r.assessments[0].risks[0].domain = "";
    expect_only(check_record(r, ctx()), "assessment.risk-domain-required",
                "assessments[0].risks[0].domain");
  }
}

TEST_CASE("plan rules") {
  Record r = planned();
  Plan& p = r.plans[0];
  SUBCASE("answers an assessment that exists") {
    p.assessment = 2;
    expect_only(check_record(r, ctx()), "plan.assessment-unknown", "plans[0].assessment");
  }
  SUBCASE("the plan of an active case answers the latest assessment") {
    Assessment a2 = assessment1();
    a2.n = 2;
    a2.date = D("2026-11-10");
    r.assessments.push_back(a2);
    // Plan 1 answering 1, assessment 2 the same day after it: the case awaits a revised plan.
    r.status = "assessed";
    expect_none(check_record(r, ctx()));
    r.status = "active";
    expect_only(check_record(r, ctx()), "plan.assessment-not-latest", "plans[0].assessment");
    // An assessment dated before the plan should have been answered, whatever the status.
    r.status = "assessed";
    r.assessments[1].date = D("2026-11-05");
    expect_only(check_record(r, ctx()), "plan.assessment-not-latest", "plans[0].assessment");
  }
  SUBCASE("every need named by a goal") {
    p.goals[2].needs = {"N1"};
    auto ps = check_record(r, ctx());
    expect_only(ps, "plan.need-without-goal", "plans[0].goals");
    CHECK(ps[0].message.find("'N3'") != std::string::npos);
  }
  SUBCASE("a plan has goals") {
    p.goals.clear();
    p.services.clear();
    expect_only(check_record(r, ctx()), "plan.goals-required", "plans[0].goals");
  }
  SUBCASE("goal text, measure, due") {
    p.goals[1].text = "";
    expect_only(check_record(r, ctx()), "plan.goal-text-required", "plans[0].goals[1].text");
    r = planned();
    r.plans[0].goals[1].measure = "";
    expect_only(check_record(r, ctx()), "plan.goal-measure-required",
                "plans[0].goals[1].measure");
    r = planned();
    r.plans[0].goals[0].due.reset();
    expect_only(check_record(r, ctx()), "plan.goal-due-required", "plans[0].goals[0].due");
  }
  SUBCASE("goal ids present and unique") {
    p.goals[1].id = "G1";
    auto ps = check_record(r, ctx());
    INFO(dump(ps));
    CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& x) {
      return x.rule == "plan.goal-id-duplicate" && x.field == "plans[0].goals[1].id";
    }));
    r = planned();
    r.plans[0].goals[1].id = "";
    r.plans[0].services[0].goals = {"G1"};
    expect_only(check_record(r, ctx()), "plan.goal-id-required", "plans[0].goals[1].id");
  }
  SUBCASE("goals name needs of the assessment") {
    p.goals[0].needs = {"N1", "N9"};
    expect_only(check_record(r, ctx()), "plan.goal-need-unknown", "plans[0].goals[0].needs[1]");
    r = planned();
    r.plans[0].goals.push_back({"G4", {}, "extra", "extra", D("2027-01-01")});
    r.plans[0].services[1].goals.push_back("G4");
    expect_only(check_record(r, ctx()), "plan.goal-needs-required", "plans[0].goals[3].needs");
  }
  SUBCASE("every goal has a service") {
    p.services[0].goals = {"G1"};
    auto ps = check_record(r, ctx());
    expect_only(ps, "plan.goal-without-service", "plans[0].services");
    CHECK(ps[0].message.find("'G2'") != std::string::npos);
  }
  SUBCASE("services: ids, type, goals that resolve") {
    p.services[1].id = "S1";
    auto ps = check_record(r, ctx());
    expect_only(ps, "plan.service-id-duplicate", "plans[0].services[1].id");
    r = planned();
    r.plans[0].services[1].id = "";
    expect_only(check_record(r, ctx()), "plan.service-id-required", "plans[0].services[1].id");
    r = planned();
    r.plans[0].services[1].type = "";
    expect_only(check_record(r, ctx()), "plan.service-type-required",
                "plans[0].services[1].type");
    r = planned();
    r.plans[0].services[1].goals = {"G3", "G7"};
    expect_only(check_record(r, ctx()), "plan.service-goal-unknown",
                "plans[0].services[1].goals[1]");
    r = planned();
    r.plans[0].services.push_back({"S3", {}, "medical", "", "", "", {}, {}});
    expect_only(check_record(r, ctx()), "plan.service-goals-required",
                "plans[0].services[2].goals");
  }
  SUBCASE("client views, or why they are absent") {
    p.participation.client_views = "";
    auto ps = check_record(r, ctx());
    expect_only(ps, "plan.client-views-required", "plans[0].participation.client_views");
    CHECK(ps[0].message.find("child's views") != std::string::npos);
    r.plans[0].participation.client_views_absent_reason = "infant";
    expect_none(check_record(r, ctx()));
    r.plans[0].participation.client_views_absent_reason = "";
    r.client.birth_date = D("1990-01-01");
    ps = check_record(r, ctx());
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].message.find("client's wishes") != std::string::npos);
  }
  SUBCASE("next review required and within review_every[risk]") {
    p.next_review.reset();
    expect_only(check_record(r, ctx()), "plan.next-review-required", "plans[0].next_review");
    r = planned();
    r.plans[0].next_review = D("2026-12-11");  // 31 days at risk high
    auto ps = check_record(r, ctx());
    expect_only(ps, "plan.next-review-too-late", "plans[0].next_review");
    CHECK(ps[0].fix.find("2026-12-10") != std::string::npos);
  }
  SUBCASE("a revised plan is bounded by the risk the latest review found") {
    Record v = reviewed();
    v.reviews.pop_back();
    v.reviews[0].decision = "revise-plan";
    Plan p2 = revised_plan(2, "2026-12-12", "2027-02-10");  // 60 days: the review found risk medium
    v.plans.push_back(p2);
    CHECK(risk_for_plan(v, 1) == "medium");
    CHECK(risk_for_plan(v, 0) == "high");
    expect_none(check_record(v, ctx()));
    v.plans[1].next_review = D("2027-02-11");
    expect_only(check_record(v, ctx()), "plan.next-review-too-late", "plans[1].next_review");
  }
}

TEST_CASE("review rules") {
  Record r = reviewed();
  Review& v = r.reviews[0];
  SUBCASE("reviews a plan that exists") {
    v.plan = 3;
    auto ps = check_record(r, ctx());
    INFO(dump(ps));
    CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& x) {
      return x.rule == "review.plan-unknown" && x.field == "reviews[0].plan";
    }));
  }
  SUBCASE("reviews the plan in force") {
    Plan p2 = plan1();
    p2.n = 2;
    p2.date = D("2026-12-01");
    r.plans.push_back(p2);
    r.reviews.pop_back();
    // Plan 2 was made before review 1, so review 1 should review it.
    expect_only(check_record(r, ctx()), "review.plan-not-in-force", "reviews[0].plan");
    // Plan 2 made the same day after review 1: fine as it stands...
    r.plans[1].date = D("2026-12-10");
    expect_none(check_record(r, ctx()));
    // ...but a review recorded now must review plan 2.
    Record before = r;
    before.reviews.clear();
    expect_only(check_change(&before, r, Command::review, ctx()), "review.plan-not-in-force",
                "reviews[0].plan");
    r.reviews[0].plan = 2;
    expect_none(check_change(&before, r, Command::review, ctx()));
  }
  SUBCASE("progress for every goal, once, none unknown") {
    v.progress.pop_back();
    auto ps = check_record(r, ctx());
    expect_only(ps, "review.goal-progress-missing", "reviews[0].progress");
    CHECK(ps[0].message.find("'G3'") != std::string::npos);
    r = reviewed();
    r.reviews[0].progress.push_back({"G9", "achieved", ""});
    expect_only(check_record(r, ctx()), "review.goal-unknown", "reviews[0].progress[3].goal");
    r = reviewed();
    r.reviews[0].progress.push_back({"G2", "achieved", ""});
    expect_only(check_record(r, ctx()), "review.goal-duplicate", "reviews[0].progress[3].goal");
    r = reviewed();
    r.reviews[0].progress[0].status = "";
    expect_only(check_record(r, ctx()), "review.progress-status-required",
                "reviews[0].progress[0].status");
  }
  SUBCASE("delivery for every service, once, none unknown") {
    v.services.erase(v.services.begin());
    expect_only(check_record(r, ctx()), "review.service-delivery-missing", "reviews[0].services");
    r = reviewed();
    r.reviews[0].services.push_back({"S5", "no", ""});
    expect_only(check_record(r, ctx()), "review.service-unknown", "reviews[0].services[2].service");
    r = reviewed();
    r.reviews[0].services.push_back({"S2", "no", ""});
    expect_only(check_record(r, ctx()), "review.service-duplicate",
                "reviews[0].services[2].service");
    r = reviewed();
    r.reviews[0].services[1].delivered = "";
    expect_only(check_record(r, ctx()), "review.delivered-required",
                "reviews[0].services[1].delivered");
  }
  SUBCASE("decision, safety, risk") {
    v.decision = "";
    expect_only(check_record(r, ctx()), "review.decision-required", "reviews[0].decision");
    r = reviewed();
    r.reviews[0].safety = "";
    expect_only(check_record(r, ctx()), "review.safety-required", "reviews[0].safety");
    r = reviewed();
    r.reviews[0].risk = "";
    expect_only(check_record(r, ctx()), "review.risk-required", "reviews[0].risk");
  }
  SUBCASE("next review unless the decision is close, within review_every[risk]") {
    v.next_review.reset();
    expect_only(check_record(r, ctx()), "review.next-review-required", "reviews[0].next_review");
    r.reviews[0].decision = "close";  // the valid neighbour: review 2 has none either
    expect_none(check_record(r, ctx()));
    r = reviewed();
    r.reviews[0].next_review = D("2027-02-09");  // 61 days at risk medium
    expect_only(check_record(r, ctx()), "review.next-review-too-late", "reviews[0].next_review");
    r.reviews[0].risk = "low";  // 90 days
    expect_none(check_record(r, ctx()));
  }
}

TEST_CASE("closure rules") {
  Record r = closed();
  SUBCASE("reason and evaluation") {
    r.closures[0].reason = "";
    expect_only(check_record(r, ctx()), "close.reason-required", "closures[0].reason");
    r = closed();
    r.closures[0].evaluation = "";
    expect_only(check_record(r, ctx()), "close.evaluation-required", "closures[0].evaluation");
  }
  SUBCASE("goals-achieved needs every goal achieved in the latest review") {
    r.reviews[1].progress[2].status = "not-achieved";
    auto ps = check_record(r, ctx());
    expect_only(ps, "close.goals-not-achieved", "closures[0].reason");
    CHECK(ps[0].message.find("'G3'") != std::string::npos);
    CHECK(ps[0].message.find("'G1'") == std::string::npos);
    r.closures[0].reason = "client-declined";  // another reason fits
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("goals-achieved needs a plan and a review of it") {
    Record c = planned();
    c.status = "closed";
    c.closures = closed().closures;
    c.approvals = {{1, "closure", D("2026-11-11"), "tanaka", ""}};  // risk high
    c.closures[0].approval = 1;
    expect_only(check_record(c, ctx()), "close.no-review", "closures[0].reason");
    c = assessed();
    c.status = "closed";
    c.closures = closed().closures;
    c.closures[0].plan.reset();
    c.closures[0].outcomes.clear();
    c.closures[0].by = "tanaka";  // risk high: a supervisor closes it
    expect_only(check_record(c, ctx()), "close.no-plan", "closures[0].reason");
  }
  SUBCASE("no-further-action only for an unplanned case assessed safe and low") {
    Record c = assessed();
    c.assessments[0].safety = "safe";
    c.assessments[0].risk = "low";
    c.assessments[0].immediate_actions.clear();
    c.status = "closed";
    c.closures = {Closure{1, D("2026-11-04"), "sato", std::nullopt, "no-further-action", std::nullopt, {},
                          "not needed", ""}};
    expect_none(check_record(c, ctx()));
    c.assessments[0].risk = "medium";
    expect_only(check_record(c, ctx()), "close.no-further-action", "closures[0].reason");
    // A planned (active) case is not for no-further-action.
    r.closures[0].reason = "no-further-action";
    r.closures[0].outcomes.clear();
    expect_only(check_record(r, ctx()), "close.no-further-action", "closures[0].reason");
    // Closed at intake with no assessment: refused, only an assessment can show safe and low.
    Record i = intake();
    i.status = "closed";
    i.closures = {Closure{1, D("2026-11-03"), "sato", std::nullopt, "no-further-action", std::nullopt, {},
                          "not needed", ""}};
    expect_only(check_record(i, ctx()), "close.no-further-action", "closures[0].reason");
  }
  SUBCASE("no-further-action: an assessment older than the last reopening does not speak") {
    Record c = assessed();
    c.assessments[0].safety = "safe";
    c.assessments[0].risk = "low";
    c.assessments[0].immediate_actions.clear();
    c.status = "closed";
    Closure first{1, D("2026-11-04"), "sato", std::nullopt, "no-further-action", std::nullopt, {}, "not needed", ""};
    Closure second = first;
    second.n = 2;
    second.date = D("2026-11-20");
    c.closures = {first, second};
    c.reopenings = {{1, D("2026-11-15"), std::nullopt, "sato", 1, "new report", ""}};
    auto ps = check_record(c, ctx());
    expect_only(ps, "close.no-further-action", "closures[1].reason");
    CHECK(ps[0].message.find("predates the reopening") != std::string::npos);
    c.assessments.push_back(c.assessments[0]);  // assessed again after the reopening
    c.assessments[1].n = 2;
    c.assessments[1].date = D("2026-11-18");
    expect_none(check_record(c, ctx()));
  }
  SUBCASE("high risk needs a supervisor's approval, given since the latest finding") {
    r.reviews[1].risk = "high";
    CHECK(current_risk(r) == "high");
    expect_only(check_record(r, ctx()), "close.approval-required", "closures[0].approval");
    r.approvals = {{1, "closure", D("2027-02-28"), "tanaka", "agreed"}};
    expect_only(check_record(r, ctx()), "close.approval-required", "closures[0].approval");
    r.closures[0].approval = 1;
    expect_none(check_record(r, ctx()));
    // Given the day of the latest review: still counts (on or after).
    r.approvals[0].date = D("2027-02-20");
    expect_none(check_record(r, ctx()));
    r.approvals[0].date = D("2027-02-19");  // before review 2 of 2027-02-20
    auto ps = check_record(r, ctx());
    expect_only(ps, "close.approval-stale", "closures[0].approval");
    CHECK(ps[0].message.find("2027-02-20") != std::string::npos);
    r.approvals[0].date = D("2027-02-28");
    r.reviews[1].risk = "very-high";
    expect_none(check_record(r, ctx()));
    r.closures[0].approval.reset();
    expect_only(check_record(r, ctx()), "close.approval-required", "closures[0].approval");
    // A supervisor who closes it needs no approval.
    r.closures[0].by = "tanaka";
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("the approval a closure names exists and is for a closure") {
    r.approvals = {{1, "closure", D("2027-02-28"), "tanaka", ""}};
    r.closures[0].approval = 2;
    auto ps = check_record(r, ctx());
    expect_only(ps, "close.approval-unknown", "closures[0].approval");
    CHECK(ps[0].message.find("approval 2") != std::string::npos);
    r.closures[0].approval = 1;
    expect_none(check_record(r, ctx()));
    r.approvals[0].kind = "plan";
    expect_only(check_record(r, ctx()), "close.approval-unknown", "closures[0].approval");
  }
  SUBCASE("goals-achieved after a reopening needs a review after it") {
    r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
    Closure c2 = r.closures[0];
    c2.n = 2;
    c2.date = D("2027-03-06");
    r.closures.push_back(c2);
    expect_only(check_record(r, ctx()), "close.no-review", "closures[1].reason");
    Review again = r.reviews.back();
    again.n = static_cast<int>(r.reviews.size()) + 1;
    again.date = D("2027-03-06");
    r.reviews.push_back(again);
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("an approval is used by one closure only") {
    r.reviews[1].risk = "high";
    r.approvals = {{1, "closure", D("2027-02-28"), "tanaka", ""}};
    r.closures[0].approval = 1;
    r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
    Closure c2 = r.closures[0];
    c2.n = 2;
    c2.date = D("2027-03-06");
    c2.reason = "other";  // goals-achieved again would need a review after the reopening
    r.closures.push_back(c2);
    auto ps = check_record(r, ctx());
    // Approval 1 was used by closure 1 (and, given before the reopening, is stale too).
    auto used = std::find_if(ps.begin(), ps.end(), [](const Problem& p) { return p.rule == "close.approval-used"; });
    REQUIRE(used != ps.end());
    CHECK(used->field == "closures[1].approval");
    CHECK(used->message.find("closure 1") != std::string::npos);
    for (const auto& p : ps) CHECK(p.field == "closures[1].approval");
    r.approvals.push_back({2, "closure", D("2027-03-06"), "tanaka", ""});
    r.closures[1].approval = 2;
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("policy.approvals.closure decides which risks need an approval") {
    r.reviews[1].risk = "high";
    Config c = cfg();
    c.policy.approvals["closure"] = {"very-high"};
    expect_none(check_record(r, RuleContext{c, D("2027-03-10"), std::nullopt, nullptr, std::nullopt}));
    c.policy.approvals["closure"] = {"low", "high"};
    expect_only(check_record(r, RuleContext{c, D("2027-03-10"), std::nullopt, nullptr, std::nullopt}), "close.approval-required",
                "closures[0].approval");
  }
  SUBCASE("a closure names the plan in force, an older closure a plan the record has") {
    r.closures[0].plan.reset();
    r.closures[0].outcomes.clear();
    auto ps = check_record(r, ctx());
    expect_only(ps, "close.plan-not-in-force", "closures[0].plan");
    CHECK(ps[0].fix == "set plan: 1");
    r = closed();
    r.closures[0].plan = 1;
    r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
    r.status = "intake";
    expect_none(check_record(r, ctx()));
    r.closures[0].plan = 5;  // not in force any more: only that it exists is checked
    expect_only(check_record(r, ctx()), "close.plan-unknown", "closures[0].plan");
  }
  SUBCASE("outcomes name goals of the plan in force") {
    r.closures[0].outcomes[1].goal = "G8";
    expect_only(check_record(r, ctx()), "close.outcome-goal-unknown", "closures[0].outcomes[1].goal");
    r = closed();
    r.closures[0].outcomes[2].goal = "G1";
    expect_only(check_record(r, ctx()), "close.outcome-goal-duplicate",
                "closures[0].outcomes[2].goal");
  }
  SUBCASE("closures count 1, 2, ..., a second closure needs a reopening between") {
    r.closures[0].n = 2;
    expect_only(check_record(r, ctx()), "record.n-sequence", "closures[0].n");
    r = closed();
    Closure c2 = r.closures[0];
    c2.n = 2;
    r.closures.push_back(c2);
    expect_only(check_record(r, ctx()), "close.not-reopened", "closures[1]");
  }
  SUBCASE("a closure followed by a reopening is not judged against the case as it is now") {
    r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
    r.status = "intake";
    r.reviews[1].progress[0].status = "not-achieved";
    expect_none(check_record(r, ctx()));
  }
}

TEST_CASE("approval rules") {
  Record r = planned();
  r.approvals = {{1, "closure", D("2026-11-20"), "tanaka", "ok"}};
  expect_none(check_record(r, ctx()));
  SUBCASE("only a supervisor approves") {
    r.approvals[0].by = "suzuki";
    auto ps = check_record(r, ctx());
    expect_only(ps, "approve.not-supervisor", "approvals[0].by");
    CHECK(ps[0].message.find("'worker'") != std::string::npos);
    r.approvals[0].by = "nobody";
    expect_only(check_record(r, ctx()), "worker.unknown", "approvals[0].by");
    r.approvals[0].by = "";
    expect_only(check_record(r, ctx()), "worker.required", "approvals[0].by");
  }
  SUBCASE("a kind") {
    r.approvals[0].kind = "";
    expect_only(check_record(r, ctx()), "approve.kind-required", "approvals[0].kind");
  }
  SUBCASE("approvals count 1, 2, ...") {
    r.approvals[0].n = 3;
    expect_only(check_record(r, ctx()), "record.n-sequence", "approvals[0].n");
  }
}

TEST_CASE("approval rules: an approval is an event, not dated after today") {
  // SPEC section 4: "no event date after today"; an approval is an event.
  Record r = planned();
  r.approvals = {{1, "closure", D("2026-12-20"), "tanaka", ""}};
  expect_only(check_record(r, ctx("2026-12-01")), "dates.future", "approvals[0].date");
  r.approvals[0].date.reset();
  expect_only(check_record(r, ctx("2026-12-01")), "dates.required", "approvals[0].date");
}

TEST_CASE("logs: reopenings, notes, consents") {
  Record r = closed();
  r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
  r.status = "intake";
  SUBCASE("a reopening's report is received after the closure it reopens") {
    const Date closed_on = *r.closures[0].date;
    r.reopenings[0].received = DateTime{closed_on, 9, 0};
    expect_none(check_record(r, ctx()));
    r.reopenings[0].received = DateTime{closed_on.add_days(-1), 21, 0};
    expect_only(check_record(r, ctx()), "dates.order", "reopenings[0].received");
  }
  SUBCASE("reopening reason") {
    r.reopenings[0].reason = "";
    expect_only(check_record(r, ctx()), "reopen.reason-required", "reopenings[0].reason");
  }
  SUBCASE("a reopening follows a closure") {
    r.closures.clear();
    r.reopenings[0].closure.reset();
    expect_only(check_record(r, ctx()), "reopen.no-closure", "reopenings[0]");
  }
  SUBCASE("a reopening names the closure it reopened") {
    r.reopenings[0].closure.reset();  // absent: allowed (a record written before the field)
    expect_none(check_record(r, ctx()));
    r.reopenings[0].closure = 2;
    auto ps = check_record(r, ctx());
    expect_only(ps, "reopen.closure-unknown", "reopenings[0].closure");
    CHECK(ps[0].fix.find("(1)") != std::string::npos);
    // Closure 2 and reopening 2 after it: reopening 2 reopens closure 2, not 1.
    r.reopenings[0].closure = 1;
    Closure c2 = r.closures[0];
    c2.n = 2;
    c2.date = D("2027-03-06");
    c2.reason = "moved-away";
    r.closures.push_back(c2);
    r.reopenings.push_back({2, D("2027-03-07"), std::nullopt, "sato", 2, "returned", ""});
    expect_none(check_record(r, ctx()));
    r.reopenings[1].closure = 1;
    ps = check_record(r, ctx());
    expect_only(ps, "reopen.closure-mismatch", "reopenings[1].closure");
    CHECK(ps[0].fix == "set closure: 2");
  }
  SUBCASE("reopenings count 1, 2, ...") {
    r.reopenings[0].n = 0;
    expect_only(check_record(r, ctx()), "record.n-sequence", "reopenings[0].n");
  }
  SUBCASE("note text") {
    r.notes[0].text = "";
    expect_only(check_record(r, ctx()), "note.text-required", "notes[0].text");
  }
  SUBCASE("consent party, scope, given_by") {
    r.consents[0].given_by = "";
    expect_only(check_record(r, ctx()), "consent.given-by-required", "consents[0].given_by");
    r.consents[0] = {1, "", "share-plan", "mother", D("2026-11-10"), {}, {}};
    expect_only(check_record(r, ctx()), "consent.party-required", "consents[0].party");
    r.consents[0] = {1, "school", "", "mother", D("2026-11-10"), {}, {}};
    expect_only(check_record(r, ctx()), "consent.scope-required", "consents[0].scope");
  }
}

TEST_CASE("date rules") {
  Record r = closed();
  SUBCASE("required event dates") {
    r.opened.reset();
    expect_only(check_record(r, ctx()), "dates.required", "opened");
    r = closed();
    r.plans[0].date.reset();
    expect_only(check_record(r, ctx()), "dates.required", "plans[0].date");
    r = closed();
    r.closures[0].date.reset();
    expect_only(check_record(r, ctx()), "dates.required", "closures[0].date");
  }
  SUBCASE("no event after today, future dates by nature are not checked") {
    expect_none(check_record(r, ctx("2027-03-01")));
    auto ps = check_record(r, ctx("2027-02-28"));
    expect_only(ps, "dates.future", "closures[0].date");
    r = planned();
    r.notes.push_back({D("2026-11-20"), "sato", "phone", "call"});
    expect_only(check_record(r, ctx("2026-11-19")), "dates.future", "notes[1].date");
    // The plan's due dates, next review and service ends lie ahead of its date: fine.
    expect_none(check_record(planned(), ctx("2026-11-10")));
  }
  SUBCASE("referral <= opened <= assessment <= plan <= review <= closure") {
    r.opened = D("2026-10-31");
    expect_only(check_record(r, ctx()), "dates.order", "opened");
    r = closed();
    r.assessments[0].date = D("2026-11-01");
    expect_only(check_record(r, ctx()), "dates.order", "assessments[0].date");
    r = closed();
    r.plans[0].date = D("2026-11-02");
    r.plans[0].next_review = D("2026-12-02");
    auto ps = check_record(r, ctx());
    expect_only(ps, "dates.order", "plans[0].date");
    r = closed();
    r.reviews[0].date = D("2026-11-09");
    r.reviews[0].next_review = D("2027-01-08");
    expect_only(check_record(r, ctx()), "dates.order", "reviews[0].date");
    r = closed();
    r.reviews[1].date = D("2026-12-09");
    expect_only(check_record(r, ctx()), "dates.order", "reviews[1].date");
    r = closed();
    r.closures[0].date = D("2027-02-19");
    ps = check_record(r, ctx());
    expect_only(ps, "dates.order", "closures[0].date");
    CHECK(ps[0].message.find("review 2") != std::string::npos);
  }
  SUBCASE("looking-ahead dates are ordered after what sets them") {
    r.plans[0].services[1].end = D("2026-11-14");
    expect_only(check_record(r, ctx()), "dates.order", "plans[0].services[1].end");
    r = closed();
    r.plans[0].goals[0].due = D("2026-11-09");
    expect_only(check_record(r, ctx()), "dates.order", "plans[0].goals[0].due");
    r = closed();
    r.consents[0].expires = D("2026-11-09");
    expect_only(check_record(r, ctx()), "dates.order", "consents[0].expires");
  }
  SUBCASE("a reopening follows the closure, a later closure follows the reopening") {
    r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
    r.status = "intake";
    expect_none(check_record(r, ctx()));
    r.reopenings[0].date = D("2027-02-28");
    expect_only(check_record(r, ctx()), "dates.order", "reopenings[0].date");
    r.reopenings[0].date = D("2027-03-05");
    r.status = "closed";
    Closure c2 = r.closures[0];
    c2.n = 2;
    c2.date = D("2027-03-06");
    c2.reason = "moved-away";
    r.closures.push_back(c2);
    expect_none(check_record(r, ctx()));
    r.closures[1].date = D("2027-03-04");
    auto ps = check_record(r, ctx());
    expect_only(ps, "dates.order", "closures[1].date");
    CHECK(ps[0].message.find("reopening 1") != std::string::npos);
  }
}

TEST_CASE("check_change: transition plus only the problems the change brings") {
  Record before = planned();
  before.notes[0].by = "retired";  // an old problem: validate reports it, it blocks nothing
  Record after = before;
  after.reviews = {review1()};
  CHECK(check_record(after, ctx()).size() == 1);
  expect_none(check_change(&before, after, Command::review, ctx()));
  after.reviews[0].progress.pop_back();
  expect_only(check_change(&before, after, Command::review, ctx()), "review.goal-progress-missing",
              "reviews[0].progress");

  // A plan on an intake case: refused by the status table, with the plan's own problems too.
  Record in = intake();
  Record p = in;
  p.status = "active";
  p.plans = {plan1()};
  auto ps = check_change(&in, p, Command::plan, ctx());
  INFO(dump(ps));
  REQUIRE_FALSE(ps.empty());
  CHECK(ps[0].rule == "status.transition");
  CHECK(std::any_of(ps.begin(), ps.end(),
                    [](const Problem& x) { return x.rule == "plan.assessment-unknown"; }));

  // `new` has no record before it: everything is checked.
  Record fresh = intake();
  fresh.referral.urgency = "";
  expect_only(check_change(nullptr, fresh, Command::new_case, ctx()), "intake.urgency-required",
              "referral.urgency");
}

TEST_CASE("helpers: plan in force, current risk, what the case waits for") {
  CHECK(plan_in_force(intake()) == nullptr);
  CHECK(latest_assessment(intake()) == nullptr);
  CHECK(current_risk(intake()).empty());
  CHECK(current_risk(assessed()) == "high");
  CHECK(current_safety(assessed()) == "unsafe");
  CHECK(current_risk(planned()) == "high");
  CHECK(current_risk(reviewed()) == "low");
  CHECK(current_safety(reviewed()) == "safe");
  CHECK(plan_in_force(reviewed())->n == 1);

  CHECK(outstanding(intake()) == Outstanding::assessment);
  CHECK(outstanding(assessed()) == Outstanding::plan);
  CHECK(outstanding(planned()) == Outstanding::review);
  CHECK(outstanding(closed()) == Outstanding::none);
  CHECK(std::string(outstanding_name(Outstanding::plan)) == "plan");

  Record r = planned();
  r.reviews = {review1()};
  CHECK(outstanding(r) == Outstanding::review);
  r.reviews[0].decision = "close";
  CHECK(outstanding(r) == Outstanding::closure);

  SUBCASE("revise-plan: a plan is outstanding until plan 2") {
    r.reviews[0].decision = "revise-plan";
    CHECK(outstanding(r) == Outstanding::plan);
    expect_none(check_record(r, ctx()));
    // A review on a case awaiting its revised plan waits for the plan (SPEC section 4).
    Record before = r;
    Review v2 = review1();
    v2.n = 2;
    v2.date = D("2026-12-20");
    v2.decision = "revise-plan";
    r.reviews.push_back(v2);
    auto ps = check_change(&before, r, Command::review, ctx());
    expect_only(ps, "review.revision-outstanding", "reviews[1].plan");
    CHECK(ps[0].message.find("review 1") != std::string::npos);
    r.reviews.pop_back();
    CHECK(outstanding(r) == Outstanding::plan);
    Plan p2 = revised_plan(2, "2026-12-21", "2027-02-19");
    r.plans.push_back(p2);
    CHECK(outstanding(r) == Outstanding::review);
    expect_none(check_record(r, ctx()));
    // The review after the revision reviews plan 2: accepted.
    before = r;
    v2.plan = 2;
    v2.date = D("2027-01-05");
    v2.decision = "continue";
    r.reviews.push_back(v2);
    expect_none(check_change(&before, r, Command::review, ctx()));
  }
  SUBCASE("reassess: an assessment is outstanding until assessment 2, then a plan") {
    r.reviews[0].decision = "reassess";
    CHECK(outstanding(r) == Outstanding::assessment);
    Assessment a2 = assessment1();
    a2.n = 2;
    a2.date = D("2026-12-11");
    a2.risk = "very-high";
    r.assessments.push_back(a2);
    r.status = "assessed";
    CHECK(outstanding(r) == Outstanding::plan);
    CHECK(current_risk(r) == "very-high");  // the re-assessment came after the review
    expect_none(check_record(r, ctx()));
  }
  SUBCASE("reassess: the next review waits for a plan answering a new assessment") {
    r.reviews[0].decision = "reassess";
    Record before = r;
    Review v2 = review1();
    v2.n = 2;
    v2.date = D("2026-12-20");
    r.reviews.push_back(v2);
    expect_only(check_change(&before, r, Command::review, ctx()), "review.reassessment-outstanding",
                "reviews[1].plan");
    // A revised plan answering the same assessment does not answer `reassess`.
    r.reviews.pop_back();
    Plan p2 = revised_plan(2, "2026-12-15", "2027-01-10");
    r.plans.push_back(p2);
    before = r;
    v2.plan = 2;
    r.reviews.push_back(v2);
    expect_only(check_change(&before, r, Command::review, ctx()), "review.reassessment-outstanding",
                "reviews[1].plan");
    // Assessment 2 and plan 3 answering it: the review is accepted.
    r.reviews.pop_back();
    Assessment a2 = assessment1();
    a2.n = 2;
    a2.date = D("2026-12-16");
    r.assessments.push_back(a2);
    Plan p3 = revised_plan(3, "2026-12-17", "2027-01-10");
    p3.assessment = 2;
    r.plans.push_back(p3);
    before = r;
    v2.plan = 3;
    r.reviews.push_back(v2);
    expect_none(check_change(&before, r, Command::review, ctx()));
  }
}

TEST_CASE("plan approval rules (policy.approvals.plan)") {
  Config c = cfg();
  c.policy.approvals["plan"] = {"high"};
  RuleContext pc{c, D("2027-03-10"), std::nullopt, nullptr, std::nullopt};
  Record r = planned();  // plan 1 at risk high (assessment 1)
  SUBCASE("the plan in force at a listed risk needs a supervisor's approval") {
    auto ps = check_record(r, pc);
    expect_only(ps, "plan.approval-required", "plans[0].approval");
    CHECK(ps[0].message.find("high") != std::string::npos);
    expect_none(check_record(r, ctx()));  // the default policy asks for none
    r.approvals = {{1, "plan", D("2026-11-09"), "tanaka", ""}};
    r.plans[0].approval = 1;
    expect_none(check_record(r, pc));
    r = planned();
    r.plans[0].by = "tanaka";  // a supervisor's own plan
    expect_none(check_record(r, pc));
  }
  SUBCASE("the approval named exists and is of a plan") {
    r.approvals = {{1, "closure", D("2026-11-09"), "tanaka", ""}};
    r.plans[0].approval = 1;
    expect_only(check_record(r, pc), "plan.approval-unknown", "plans[0].approval");
    r.approvals[0].kind = "plan";
    r.plans[0].approval = 2;
    expect_only(check_record(r, pc), "plan.approval-unknown", "plans[0].approval");
  }
  SUBCASE("each plan its own approval, earlier plans are not judged again") {
    r.approvals = {{1, "plan", D("2026-11-09"), "tanaka", ""}};
    r.plans[0].approval = 1;
    Plan p2 = plan1();
    p2.n = 2;
    p2.date = D("2026-11-20");
    p2.approval = 1;
    r.plans.push_back(p2);
    auto ps = check_record(r, pc);
    expect_only(ps, "plan.approval-used", "plans[1].approval");
    CHECK(ps[0].message.find("plan 1") != std::string::npos);
    r.approvals.push_back({2, "plan", D("2026-11-20"), "tanaka", ""});
    r.plans[1].approval = 2;
    expect_none(check_record(r, pc));
    r.plans[0].approval.reset();  // plan 1 was made before the policy asked: not judged again
    expect_none(check_record(r, pc));
  }
  SUBCASE("the risk on the plan's date decides: a review of an earlier plan lowers it") {
    r.reviews = {review1()};  // risk medium
    Plan p2 = revised_plan(2, "2026-12-15", "2027-02-10");
    r.plans.push_back(p2);
    CHECK(risk_for_plan(r, 1) == "medium");
    expect_none(check_record(r, pc));
    c.policy.approvals["plan"] = {"medium"};
    expect_only(check_record(r, RuleContext{c, D("2027-03-10"), std::nullopt, nullptr, std::nullopt}), "plan.approval-required",
                "plans[1].approval");
  }
}

TEST_CASE("plan approval: one given before the latest assessment is refused") {
  // plan.approval-stale: a plan approval counts from the assessment the plan answers.
  Config c = cfg();
  c.policy.approvals["plan"] = {"high"};
  Record r = planned();
  r.approvals = {{1, "plan", D("2026-11-02"), "tanaka", ""}};  // before assessment 1 (2026-11-03)
  r.plans[0].approval = 1;
  auto ps = check_record(r, RuleContext{c, D("2027-03-10"), std::nullopt, nullptr, std::nullopt});
  INFO(dump(ps));
  CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& p) { return p.field == "plans[0].approval"; }));
}

TEST_CASE("date rules: the birth date") {
  Record r = closed();
  r.client.birth_date = D("2027-03-11");
  auto ps = check_record(r, ctx());
  expect_only(ps, "dates.birth-date", "client.birth_date");
  CHECK(ps[0].message.find("2027") == std::string::npos);  // never quoted: personal data
  r.client.birth_date = D("2027-03-10");  // born today
  expect_none(check_record(r, ctx()));
  r.client.birth_date = D("1899-12-31");
  ps = check_record(r, ctx());
  expect_only(ps, "dates.birth-date", "client.birth_date");
  CHECK(ps[0].message.find("1899") == std::string::npos);
  r.client.birth_date = D("1900-01-01");
  expect_none(check_record(r, ctx()));
  r.client.birth_date.reset();  // unknown: allowed
  expect_none(check_record(r, ctx()));
}

TEST_CASE("date rules: referral.received is not after now") {
  Record r = intake();
  r.referral.date = D("2026-11-02");
  r.referral.received = DateTime::parse("2026-11-02 09:30");
  auto at = [](const char* now) {
    return RuleContext{cfg(), D("2026-11-02"), std::nullopt, nullptr, DateTime::parse(now)};
  };
  expect_none(check_record(r, at("2026-11-02 09:30")));
  expect_none(check_record(r, at("2026-11-02 17:00")));
  auto ps = check_record(r, at("2026-11-02 09:29"));
  expect_only(ps, "dates.future", "referral.received");
  CHECK(ps[0].message.find("09:30") == std::string::npos);
  // Without a time of now, dates only: later the same day is fine, the next day is not.
  r.referral.received = DateTime::parse("2026-11-02 23:59");
  expect_none(check_record(r, ctx("2026-11-02")));
  r.referral.received = DateTime::parse("2026-11-03 00:00");
  expect_only(check_record(r, ctx("2026-11-02")), "dates.future", "referral.received");
  r.referral.received.reset();  // optional
  expect_none(check_record(r, ctx("2026-11-02")));
}

TEST_CASE("date rules: a revised plan may keep a goal found achieved with its old due date") {
  Record r = planned();
  r.reviews = {review1()};  // G2 (due 2027-01-10) achieved on 2026-12-10
  Plan p2 = revised_plan(2, "2027-01-20", "2027-03-01");
  r.plans.push_back(p2);
  expect_none(check_record(r, ctx()));
  // The neighbours: a moved due date, or a goal the review did not find achieved.
  r.plans[1].goals[1].due = D("2027-01-11");
  expect_only(check_record(r, ctx()), "dates.order", "plans[1].goals[1].due");
  r.plans[1].goals[1].due = D("2027-01-10");
  r.reviews[0].progress[1].status = "in-progress";
  expect_only(check_record(r, ctx()), "dates.order", "plans[1].goals[1].due");
  // Kept from a plan that was never reviewed: ordered as any goal.
  r = planned();
  p2.date = D("2027-01-20");
  r.plans.push_back(p2);
  r.plans[1].next_review = D("2027-02-19");
  expect_only(check_record(r, ctx()), "dates.order", "plans[1].goals[1].due");
}

TEST_CASE("check_change: a closed case is edited only by a supervisor") {
  Record before = closed();
  Record after = before;
  after.closures[0].follow_up = "school keeps watching";
  auto ps = check_change(&before, after, Command::edit, acting("sato"));
  expect_only(ps, "edit.closed-needs-supervisor", "status");
  CHECK(ps.size() == 1);
  expect_only(check_change(&before, after, Command::edit, ctx()), "edit.closed-needs-supervisor",
              "status");  // no acting worker known: refused too
  expect_none(check_change(&before, after, Command::edit, acting("tanaka")));
  // Other commands on a closed case, and edits of an open one, are not this rule's.
  Record open = reviewed();
  Record edited = open;
  edited.notes[0].text = "called twice";
  expect_none(check_change(&open, edited, Command::edit, acting("sato")));
  Record noted = before;
  noted.notes.push_back({D("2027-03-05"), "sato", "phone", "follow-up"});
  expect_none(check_change(&before, noted, Command::note, acting("sato")));
}

TEST_CASE("helpers: closure in force, latest finding, usable approval") {
  SUBCASE("closure_in_force") {
    CHECK(closure_in_force(reviewed()) == nullptr);
    Record r = closed();
    CHECK(closure_in_force(r) == &r.closures[0]);
    r.reopenings = {{1, D("2027-03-05"), std::nullopt, "sato", 1, "new injuries", ""}};
    CHECK(closure_in_force(r) == nullptr);
    r.closures.push_back(r.closures[0]);
    r.closures[1].n = 2;
    CHECK(closure_in_force(r) == &r.closures[1]);
  }
  SUBCASE("latest_finding_date: the later of the latest assessment and the latest review") {
    CHECK_FALSE(latest_finding_date(intake()).has_value());
    CHECK(latest_finding_date(assessed()) == D("2026-11-03"));
    CHECK(latest_finding_date(planned()) == D("2026-11-03"));
    CHECK(latest_finding_date(reviewed()) == D("2027-02-20"));
    Record r = reviewed();
    Assessment a2 = assessment1();
    a2.n = 2;
    a2.date = D("2027-02-25");
    r.assessments.push_back(a2);
    CHECK(latest_finding_date(r) == D("2027-02-25"));
  }
  SUBCASE("usable_approval: of the kind, given since the latest finding, not used") {
    Record r = reviewed();  // latest finding 2027-02-20
    CHECK(usable_approval(r, "closure") == nullptr);
    r.approvals = {{1, "closure", D("2027-02-19"), "tanaka", ""}};
    CHECK(usable_approval(r, "closure") == nullptr);  // before review 2
    r.approvals[0].date = D("2027-02-20");
    CHECK(usable_approval(r, "closure") == &r.approvals[0]);  // the same day counts
    CHECK(usable_approval(r, "plan") == nullptr);
    r.approvals.push_back({2, "plan", D("2027-02-21"), "tanaka", ""});
    CHECK(usable_approval(r, "plan") == &r.approvals[1]);
    CHECK(usable_approval(r, "closure") == &r.approvals[0]);
    r.approvals.push_back({3, "closure", D("2027-02-22"), "tanaka", ""});
    CHECK(usable_approval(r, "closure") == &r.approvals[2]);  // the latest
    r.status = "closed";
    r.closures = closed().closures;
    r.closures[0].approval = 3;
    CHECK(usable_approval(r, "closure") == &r.approvals[0]);  // 3 is used
    r.closures[0].approval = 1;
    CHECK(usable_approval(r, "closure") == &r.approvals[2]);
    r.plans[0].approval = 2;
    CHECK(usable_approval(r, "plan") == nullptr);
  }
}
