// The record differ: one line per change in the case's terms, items matched by n / id / key or
// position, free text and the client's identifying data named but never carried, stable JSON.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/record_diff.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

// The lines of every change from a to b.
std::vector<std::string> lines(const Record& a, const Record& b) {
  std::vector<std::string> out;
  for (const auto& c : diff_records(a, b)) out.push_back(change_line(c));
  return out;
}

using L = std::vector<std::string>;

}  // namespace

TEST_CASE("diff_records: the same record has no change") {
  CHECK(diff_records(closed(), closed()).empty());
}

TEST_CASE("diff_records: an assessment changes status, risk and safety and adds the item") {
  CHECK(lines(intake(), assessed()) ==
        L{"risk: (none) -> high", "safety: (none) -> unsafe", "status: intake -> assessed",
          "assessment 1 added (risk high)"});
}

TEST_CASE("diff_records: a plan, a review, a closure added with what kind they are") {
  Record a = assessed();
  CHECK(lines(a, planned()) == L{"status: assessed -> active", "plan 1 added", "consent 1 added"});
  Record r = planned();
  r.reviews = {review1()};
  CHECK(lines(planned(), r) ==
        L{"risk: high -> medium", "safety: unsafe -> safe-with-plan", "review 1 added (decision continue)"});
  CHECK(lines(reviewed(), closed()) ==
        L{"status: active -> closed", "closure 1 added (reason goals-achieved)"});
  CHECK(lines(closed(), reviewed()) ==
        L{"status: closed -> active", "closure 1 removed (reason goals-achieved)"});
}

TEST_CASE("diff_records: notes by position with their kind, a consent withdrawn by its date") {
  Record a = planned(), b = planned();
  b.notes.push_back({D("2026-11-20"), "sato", "home-visit", "Mother at home"});
  b.consents[0].withdrawn = D("2026-12-01");
  auto changes = diff_records(a, b);
  CHECK(lines(a, b) == L{"note 2 added (home-visit)", "consent 1 withdrawn: (none) -> 2026-12-01"});
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].path == "notes[#2]");
  CHECK(changes[1].path == "consents[n=1].withdrawn");  // consents are numbered (n)
  CHECK(changes[1].change == ChangeKind::added);
}

TEST_CASE("diff_records: nested items matched by id, codes and dates shown old -> new") {
  Record a = planned(), b = planned();
  b.plans[0].goals[1].due = D("2027-03-10");
  b.plans[0].services[1].end = D("2027-03-15");
  b.plans[0].services[1].type = "social-welfare";
  // Reordered goals are matched by id, not by position.
  std::swap(b.plans[0].goals[0], b.plans[0].goals[2]);
  b.plans[0].goals.pop_back();  // G1 (now last) removed
  auto changes = diff_records(a, b);
  CHECK(lines(a, b) == L{"plan 1 goal G2 due: 2027-01-10 -> 2027-03-10", "plan 1 goal G1 removed",
                         "plan 1 service S2 type: educational -> social-welfare",
                         "plan 1 service S2 end: 2027-02-15 -> 2027-03-15"});
  CHECK(changes[0].path == "plans[n=1].goals[id=G2].due");
  CHECK(changes[0].old_value == "2027-01-10");
  CHECK(changes[0].new_value == "2027-03-10");
}

TEST_CASE("diff_records: review progress matched by goal, risks by domain, lists of codes joined") {
  Record a = reviewed(), b = reviewed();
  b.reviews[0].progress[2].status = "achieved";
  b.assessments[0].risks[0].level = "very-high";
  b.referral.concerns.push_back("neglect");
  b.plans[0].goals[0].needs = {"N1", "N3"};
  CHECK(lines(a, b) == L{"referral.concerns: physical-abuse -> physical-abuse, neglect",
                         "assessment 1 risk physical-abuse level: high -> very-high",
                         "plan 1 goal G1 needs: N1 -> N1, N3",
                         "review 1 progress G3 status: in-progress -> achieved"});
}

TEST_CASE("diff_records: free text and the client's identifying data are named, never carried") {
  Record a = closed(), b = closed();
  b.client.name = "Suzuki Secret";
  b.client.address = "1-2-3 Hidden Street";
  b.client.birth_date = D("2018-05-01");
  b.client.sex = "other";
  b.referral.reason = "secret reason";
  b.notes[0].text = "secret note";
  b.plans[0].participation.client_views = "secret views";
  b.plans[0].services[0].provider = "secret provider";
  b.assessments[0].strengths = {"secret strength"};
  b.closures[0].evaluation.clear();
  b.household = {{"Secret Father", "father", ""}};
  auto changes = diff_records(a, b);
  CHECK(lines(a, b) == L{"client.name changed", "client.birth_date changed", "client.sex: female -> other",
                         "client.address added", "household member 1 added", "referral.reason changed",
                         "assessment 1 strengths added", "plan 1 service S1 provider changed",
                         "plan 1 participation.client_views changed", "note 1 text changed",
                         "closure 1 evaluation removed"});
  std::string json = changes_json(changes).dump();
  for (const char* secret : {"Secret", "secret", "Hidden", "2018-05-01", "2018-04-12", "Yamada"})
    CHECK(json.find(secret) == std::string::npos);
  for (const auto& c : changes) {
    if (!c.value || c.path == "client.sex") continue;
    CHECK(c.withheld);
    CHECK(!c.old_value);
    CHECK(!c.new_value);
  }
}

TEST_CASE("diff_records: a list with repeated keys is matched by position") {
  Record a = planned(), b = planned();
  a.plans[0].goals[1].id = "G1";
  b.plans[0].goals[1].id = "G1";
  b.plans[0].goals[1].due = D("2027-05-01");
  CHECK(lines(a, b) == L{"plan 1 goal 2 due: 2027-01-10 -> 2027-05-01"});
  CHECK(diff_records(a, b)[0].path == "plans[n=1].goals[#2].due");
}

TEST_CASE("changes_json: path and change always, old and new only for values shown") {
  Record a = planned(), b = planned();
  b.status = "closed";
  b.client.address = "Somewhere";
  b.notes.push_back({D("2026-11-20"), "sato", "phone", "x"});
  b.plans[0].next_review.reset();
  auto j = changes_json(diff_records(a, b));
  CHECK(j.dump() ==
        R"([{"path":"status","change":"changed","old":"active","new":"closed"},)"
        R"({"path":"client.address","change":"added"},)"
        R"({"path":"plans[n=1].next_review","change":"removed","old":"2026-12-10","new":null},)"
        R"({"path":"notes[#2]","change":"added"}])");
}
