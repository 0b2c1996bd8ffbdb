// Conferences, handovers and links (core/stages_people, core/rules_people): what each stage
// fills in, and each rule broken alone on a record as it stands.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/rules.hpp"
#include "core/rules_people.hpp"
#include "core/stages_people.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

StageContext sctx(const char* by = "sato") { return StageContext{cfg(), "", D("2026-11-20"), by, std::nullopt}; }
RuleContext rctx() { return RuleContext{cfg(), D("2026-11-20"), std::nullopt, nullptr, std::nullopt}; }

bool has(const std::vector<Problem>& ps, const std::string& rule, const std::string& field) {
  return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.rule == rule && p.field == field; });
}

// The rule names of the refusal fn() throws ("" when it does not throw).
std::string refused(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    std::string s;
    for (const auto& p : e.problems()) s += (s.empty() ? "" : " ") + p.rule;
    return s;
  }
  return "";
}

Record other_case() {
  Record r = intake();
  r.id = "C-2026-0002";
  return r;
}

}  // namespace

TEST_CASE("conference: numbered, dated today by default, each rule reported alone") {
  Record r = planned();
  Conference c{0, std::nullopt, "plan", {"sato", "tanaka"}, "Custody continues"};
  stage_conference(r, c, sctx());
  REQUIRE(r.conferences.size() == 1);
  CHECK(r.conferences[0].n == 1);
  CHECK(r.conferences[0].date == D("2026-11-20"));
  CHECK(check_people(r, rctx()).empty());

  Record bad = r;
  bad.conferences[0].attendees = {"nobody"};
  CHECK(has(check_people(bad, rctx()), "conference.attendee-unknown", "conferences[0].attendees[0]"));
  bad = r;
  bad.conferences[0].attendees.clear();
  CHECK(has(check_people(bad, rctx()), "conference.attendee-required", "conferences[0].attendees"));
  bad = r;
  bad.conferences[0].decision.clear();
  CHECK(has(check_people(bad, rctx()), "conference.decision-required", "conferences[0].decision"));
  bad = r;
  bad.conferences[0].kind.clear();
  CHECK(has(check_people(bad, rctx()), "conference.kind-required", "conferences[0].kind"));
  bad = r;
  bad.conferences[0].n = 2;
  CHECK(has(check_people(bad, rctx()), "record.n-sequence", "conferences[0].n"));
  Record before = r;
  CHECK(refused([&] { stage_conference(r, Conference{0, std::nullopt, "plan", {"sato"}, ""}, sctx()); }) ==
        "conference.decision-required");
  CHECK(r == before);
}

TEST_CASE("assign: the worker in charge changes and the handover is kept") {
  Record r = planned();
  stage_assign(r, Assignment{std::nullopt, "", "", "tanaka", "leave"}, sctx());
  CHECK(r.worker == "tanaka");
  REQUIRE(r.assignments.size() == 1);
  CHECK(r.assignments[0].from == "sato");
  CHECK(r.assignments[0].by == "sato");
  CHECK(r.assignments[0].date == D("2026-11-20"));
  CHECK(check_people(r, rctx()).empty());
  Record before = r;
  CHECK(refused([&] { stage_assign(r, Assignment{std::nullopt, "", "", "tanaka", "leave"}, sctx()); }) ==
        "assignment.already-in-charge");
  CHECK(refused([&] { stage_assign(r, Assignment{std::nullopt, "", "", "nobody", "leave"}, sctx()); }) ==
        "assignment.worker-unknown");
  CHECK(r == before);

  Record bad = r;
  bad.worker = "sato";
  CHECK(has(check_people(bad, rctx()), "assignment.worker-mismatch", "worker"));
  stage_assign(r, Assignment{std::nullopt, "", "", "sato", "transfer"}, sctx());
  CHECK(check_people(r, rctx()).empty());
  bad = r;
  bad.assignments[1].from = "suzuki";
  CHECK(has(check_people(bad, rctx()), "assignment.chain-broken", "assignments[1].from"));
  bad = r;
  bad.assignments[0].reason.clear();
  CHECK(has(check_people(bad, rctx()), "assignment.reason-required", "assignments[0].reason"));
}

TEST_CASE("link: both records get the link, itself and twice are refused") {
  Record a = planned(), b = other_case();
  stage_link(a, b, "sibling", sctx());
  REQUIRE(a.links.size() == 1);
  REQUIRE(b.links.size() == 1);
  CHECK(a.links[0].case_id == "C-2026-0002");
  CHECK(b.links[0].case_id == "C-2026-0001");
  CHECK(a.links[0].relation == "sibling");
  CHECK(b.links[0].relation == "sibling");
  Record a0 = a, b0 = b;
  CHECK(refused([&] { stage_link(a, b, "other", sctx()); }) == "link.duplicate");
  Record self = a;
  CHECK(refused([&] { stage_link(a, self, "other", sctx()); }) == "link.self");
  CHECK(a == a0);
  CHECK(b == b0);

  auto partners = [&](const std::string& id) -> std::optional<const Record*> {
    if (id == b.id) return &b;
    return nullptr;
  };
  CHECK(check_link_partners(a, partners).empty());
  b.links.clear();
  CHECK(has(check_link_partners(a, partners), "link.not-mutual", "links[0].case"));
  b.links = {Link{a.id, "other"}};
  CHECK(has(check_link_partners(a, partners), "link.not-mutual", "links[0].relation"));
  a.links.push_back(Link{"C-2026-0099", "other"});
  CHECK(has(check_link_partners(a, partners), "link.case-unknown", "links[1].case"));
  a.links.push_back(Link{"C-2026-0099", "other"});
  CHECK(has(check_people(a, rctx()), "link.duplicate", "links[2].case"));
  a.links = {Link{a.id, "other"}};
  CHECK(has(check_people(a, rctx()), "link.self", "links[0].case"));
  a.links = {Link{"not an id", "other"}};
  CHECK(has(check_people(a, rctx()), "link.case-invalid", "links[0].case"));
}
