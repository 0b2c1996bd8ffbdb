// The three-way record merge (issue 14): grow-only lists keep both sides' items in date order
// and renumbered, different fields merge, the same field changed differently or the same
// number added twice is a conflict naming codes only, a merge breaking a rule is a conflict;
// and the merge of casectl.yaml.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/config_merge.hpp"
#include "core/record_merge.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;

namespace {

Note note(const char* date, const char* by, const char* text) {
  Note n;
  n.date = D(date);
  n.by = by;
  n.kind = "phone";
  n.text = text;
  return n;
}

Consent consent(int n, const char* party, const char* date) {
  Consent c;
  c.n = n;
  c.party = party;
  c.scope = "share-plan";
  c.given_by = "mother";
  c.date = D(date);
  return c;
}

std::vector<std::string> lines(const std::vector<MergeConflict>& cs) {
  std::vector<std::string> out;
  for (const auto& c : cs) out.push_back(c.str());
  return out;
}

using L = std::vector<std::string>;

}  // namespace

TEST_CASE("merge_records: nothing changed, one side changed, the same change on both sides") {
  Record base = planned();
  CHECK(merge_records(base, base, base).merged == base);
  Record ours = base;
  ours.client.school = "Sakura Elementary";
  auto m = merge_records(base, ours, base);
  CHECK(m.clean());
  CHECK(m.merged == ours);
  m = merge_records(base, base, ours);
  CHECK(m.clean());
  CHECK(m.merged == ours);
  m = merge_records(base, ours, ours);
  CHECK(m.clean());
  CHECK(m.merged == ours);
}

TEST_CASE("merge_records: notes added on both sides are all kept, in date order") {
  Record base = planned();
  base.notes = {note("2026-11-05", "sato", "First call")};
  Record ours = base, theirs = base;
  ours.notes.push_back(note("2026-11-09", "sato", "Ours, later"));
  theirs.notes.push_back(note("2026-11-07", "suzuki", "Theirs, earlier"));
  auto m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  REQUIRE(m.merged.notes.size() == 3);
  CHECK(m.merged.notes[0].text == "First call");
  CHECK(m.merged.notes[1].text == "Theirs, earlier");
  CHECK(m.merged.notes[2].text == "Ours, later");
}

TEST_CASE("merge_records: an item added identically on both sides is kept once") {
  Record base = planned();
  Record ours = base;
  ours.notes.push_back(note("2026-11-09", "sato", "Same"));
  auto m = merge_records(base, ours, ours);
  CHECK(m.merged.notes.size() == base.notes.size() + 1);
  Record theirs = base;
  theirs.notes.push_back(note("2026-11-09", "sato", "Same"));
  theirs.client.school = "Sakura Elementary";
  m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  CHECK(m.merged.notes.size() == base.notes.size() + 1);
  CHECK(m.merged.client.school == "Sakura Elementary");
}

TEST_CASE("merge_records: numbered items added on both sides are renumbered, references follow") {
  Record base = planned();  // consent 1
  REQUIRE(base.consents.size() == 1);
  Record ours = base, theirs = base;
  ours.consents.push_back(consent(2, "hospital", "2026-11-08"));
  theirs.consents.push_back(consent(2, "police", "2026-11-06"));
  Disclosure d;
  d.n = 1;
  d.date = D("2026-11-09");
  d.by = "suzuki";
  d.with = "police";
  d.what = {"plan"};
  d.consent = 2;  // theirs' consent 2, which becomes 2 (earlier) ...
  theirs.disclosures.push_back(d);
  auto m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  REQUIRE(m.merged.consents.size() == 3);
  CHECK(m.merged.consents[1].n == 2);
  CHECK(m.merged.consents[1].party == "police");
  CHECK(m.merged.consents[2].n == 3);
  CHECK(m.merged.consents[2].party == "hospital");
  REQUIRE(m.merged.disclosures.size() == 1);
  CHECK(*m.merged.disclosures[0].consent == 2);

  // ... and when theirs' consent is the later one, it becomes 3 and the disclosure follows.
  theirs.consents.back().date = D("2026-11-09");
  m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  CHECK(m.merged.consents[2].party == "police");
  CHECK(*m.merged.disclosures[0].consent == 3);
}

TEST_CASE("merge_records: a grow-only list never loses an item, even one deleted on one side") {
  Record base = planned();
  base.notes = {note("2026-11-05", "sato", "First call"), note("2026-11-06", "sato", "Second")};
  Record ours = base, theirs = base;
  ours.notes.erase(ours.notes.begin());
  theirs.notes.push_back(note("2026-11-08", "suzuki", "Third"));
  auto m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  REQUIRE(m.merged.notes.size() == 3);
  CHECK(m.merged.notes[0].text == "First call");
  CHECK(m.merged.notes[2].text == "Third");
  // A consent withdrawn on one side while another is added on the other: both kept.
  ours = base;
  ours.consents[0].withdrawn = D("2026-11-09");
  theirs = base;
  theirs.consents.push_back(consent(2, "police", "2026-11-08"));
  m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  REQUIRE(m.merged.consents.size() == 2);
  CHECK(m.merged.consents[0].withdrawn == D("2026-11-09"));
}

TEST_CASE("merge_records: different fields changed on each side merge") {
  Record base = planned();
  Record ours = base, theirs = base;
  ours.client.school = "Sakura Elementary";
  theirs.plans[0].next_review = D("2026-12-01");
  theirs.referral.category = "protection";
  auto m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  CHECK(m.merged.client.school == "Sakura Elementary");
  CHECK(m.merged.plans[0].next_review == D("2026-12-01"));
  CHECK(m.merged.referral.category == "protection");
}

TEST_CASE("merge_records: the same field changed differently is a conflict naming codes only") {
  Record base = assessed();
  Record ours = base, theirs = base;
  ours.assessments[0].risk = "very-high";
  theirs.assessments[0].risk = "medium";
  ours.client.address = "Ours street";
  theirs.client.address = "Theirs street";
  ours.assessments[0].summary = "Ours summary";
  theirs.assessments[0].summary = "Theirs summary";
  auto m = merge_records(base, ours, theirs);
  std::string id = base.id;
  CHECK(lines(m.conflicts) == L{id + ": client.address: ours (text differs), theirs (text differs)",
                                id + ": assessments[n=1].risk: ours very-high, theirs medium",
                                id + ": assessments[n=1].summary: ours (text differs), theirs (text differs)"});
  // Ours is kept in the merged record.
  CHECK(m.merged.assessments[0].risk == "very-high");
}

TEST_CASE("merge_records: a birth date changed on both sides is withheld, a date elsewhere shown") {
  Record base = planned();
  Record ours = base, theirs = base;
  ours.client.birth_date = D("2018-04-13");
  theirs.client.birth_date = D("2018-04-14");
  ours.plans[0].next_review = D("2026-12-01");
  theirs.plans[0].next_review = D("2026-12-02");
  auto m = merge_records(base, ours, theirs);
  CHECK(lines(m.conflicts) ==
        L{base.id + ": client.birth_date: ours (value differs), theirs (value differs)",
          base.id + ": plans[n=1].next_review: ours 2026-12-01, theirs 2026-12-02"});
}

TEST_CASE("merge_records: two assessments with the same number are a conflict, the same one is not") {
  Record base = assessed();
  Record ours = base, theirs = base;
  Assessment a2 = assessment1();
  a2.n = 2;
  a2.date = D("2026-11-08");
  ours.assessments.push_back(a2);
  auto m = merge_records(base, ours, ours);
  CHECK(m.clean());
  CHECK(m.merged.assessments.size() == 2);
  a2.risk = "medium";
  theirs.assessments.push_back(a2);
  m = merge_records(base, ours, theirs);
  CHECK(lines(m.conflicts) == L{base.id + ": assessments[n=2]: ours (added), theirs (added)",
                                base.id + ": assessments[n=2].risk: ours high, theirs medium"});
  CHECK(m.merged.assessments.size() == 2);
}

TEST_CASE("merge_records: a goal removed on one side and unchanged on the other is removed") {
  Record base = planned();
  REQUIRE(base.plans[0].goals.size() >= 2);
  Record ours = base, theirs = base;
  ours.plans[0].goals.pop_back();
  theirs.plans[0].next_review = D("2026-12-01");
  auto m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  CHECK(m.merged.plans[0].goals.size() == base.plans[0].goals.size() - 1);
  CHECK(m.merged.plans[0].next_review == D("2026-12-01"));
}

TEST_CASE("rule_conflicts: a merge that breaks a rule is a conflict, problems of a side are not") {
  Record base = planned();
  Record ours = base, theirs = base;
  // Each side alone keeps the rules; together the plan has a goal with no service.
  Goal g;
  g.id = "G9";
  g.needs = {base.assessments[0].needs[0].id};
  g.text = "More";
  g.measure = "Seen";
  g.due = D("2027-01-10");
  Service s;
  s.id = "S9";
  s.goals = {"G9"};
  s.type = "psychological";
  s.provider = "Centre";
  s.responsible = "sato";
  s.frequency = "weekly";
  s.start = D("2026-11-15");
  s.end = D("2027-01-10");
  ours.plans[0].goals.push_back(g);
  ours.plans[0].services.push_back(s);
  theirs.plans[0].next_review = D("2026-12-01");
  RuleContext ctx{cfg(), D("2026-11-10"), std::nullopt, nullptr, std::nullopt};
  REQUIRE(check_record(ours, ctx).empty());
  auto m = merge_records(base, ours, theirs);
  CHECK(m.clean());
  CHECK(rule_conflicts(m.merged, ours, theirs, ctx).empty());
  // Theirs drops the service ours' goal needs: the merge keeps G9 and loses S9.
  base = ours;
  Record ours2 = base, theirs2 = base;
  ours2.notes.push_back(note("2026-11-09", "sato", "x"));
  theirs2.plans[0].services.pop_back();
  theirs2.plans[0].goals.pop_back();
  ours2.plans[0].goals.back().text = "Changed";  // ours keeps G9, changed; theirs drops it
  m = merge_records(base, ours2, theirs2);
  CHECK(lines(m.conflicts) == L{base.id + ": plans[n=1].goals[id=G9]: ours (changed), theirs (deleted)"});
  auto rc = rule_conflicts(m.merged, ours2, theirs2, ctx);
  REQUIRE(!rc.empty());
  CHECK(rc[0].rule != "");
  CHECK(rc[0].case_id == base.id);
}

TEST_CASE("merge_configs: workers added on both sides are kept, a policy changed on both is a conflict") {
  Config base = config();
  Config ours = base, theirs = base;
  Worker ito;
  ito.id = "ito";
  ito.name = "Ito Aya";
  ito.email = "ito@example.org";
  Worker kato;
  kato.id = "kato";
  kato.name = "Kato Jun";
  kato.email = "kato@example.org";
  ours.workers.push_back(ito);
  theirs.workers.push_back(kato);
  ours.policy.custody_days = 50;
  auto m = merge_configs(base, ours, theirs);
  CHECK(m.clean());
  REQUIRE(m.merged.workers.size() == base.workers.size() + 2);
  CHECK(m.merged.worker("ito"));
  CHECK(m.merged.worker("kato"));
  CHECK(m.merged.policy.custody_days == 50);

  theirs.policy.custody_days = 45;
  theirs.workers[0].role = "supervisor";
  ours.workers[0].name = "Renamed";
  m = merge_configs(base, ours, theirs);
  CHECK(lines(m.conflicts) == L{"casectl.yaml: policy.custody_days: ours 50, theirs 45"});
  CHECK(m.merged.workers[0].role == "supervisor");
  CHECK(m.merged.workers[0].name == "Renamed");

  // The same worker added on both sides with different emails: named, never shown.
  Worker ito2 = ito;
  ito2.email = "aya.ito@example.org";
  theirs = base;
  theirs.workers.push_back(ito2);
  m = merge_configs(base, ours, theirs);
  CHECK(lines(m.conflicts) == L{"casectl.yaml: workers.ito.email: ours (text differs), theirs (text differs)"});
}

TEST_CASE("covers and choice_for: a path covers itself and what is under it, and the longest choice wins") {
  CHECK(covers("assessments[n=2]", "assessments[n=2].risk"));
  CHECK(covers("assessments[n=2]", "assessments[n=2]"));
  CHECK(covers("assessments", "assessments[n=2].risk"));
  CHECK(covers("", "client.address"));
  CHECK_FALSE(covers("assessments[n=2]", "assessments[n=20].risk"));
  CHECK_FALSE(covers("client.address", "client.address_note"));
  CHECK_FALSE(covers("assessments[n=2].risk", "assessments[n=2]"));
  MergeChoices cs{{"", Side::theirs}, {"assessments[n=2].risk", Side::ours}, {"assessments", Side::theirs}};
  REQUIRE(choice_for(cs, "assessments[n=2].risk"));
  CHECK(choice_for(cs, "assessments[n=2].risk")->side == Side::ours);
  CHECK(choice_for(cs, "assessments[n=2].summary")->path == "assessments");
  CHECK(choice_for(cs, "client.address")->path == "");
  CHECK(choice_for(MergeChoices{}, "client.address") == nullptr);
}

TEST_CASE("merge_records with choices: the conflicts chosen take that side, the others stay named") {
  Record base = assessed();
  Record ours = base, theirs = base;
  ours.assessments[0].risk = "very-high";
  theirs.assessments[0].risk = "medium";
  ours.client.address = "Ours street";
  theirs.client.address = "Theirs street";
  std::string id = base.id;
  auto m = merge_records(base, ours, theirs, {{"assessments[n=1].risk", Side::theirs}});
  CHECK(lines(m.conflicts) == L{id + ": client.address: ours (text differs), theirs (text differs)"});
  CHECK(m.merged.assessments[0].risk == "medium");
  CHECK(m.merged.client.address == "Ours street");
  // A choice above the field covers it; one more choice settles the rest.
  m = merge_records(base, ours, theirs, {{"assessments", Side::theirs}, {"client", Side::theirs}});
  CHECK(m.clean());
  CHECK(m.merged.client.address == "Theirs street");
  // No path: every conflict; an earlier, narrower choice is kept.
  m = merge_records(base, ours, theirs, {{"client.address", Side::theirs}, {"", Side::ours}});
  CHECK(m.clean());
  CHECK(m.merged.assessments[0].risk == "very-high");
  CHECK(m.merged.client.address == "Theirs street");
  // Choices where nothing conflicts change nothing.
  Record other = base;
  other.client.school = "Sakura";
  m = merge_records(base, other, base, {{"", Side::theirs}});
  CHECK(m.merged == other);
}

TEST_CASE("merge_records with choices: an item deleted on one side and changed on the other") {
  Record base = planned();
  REQUIRE(base.plans[0].goals.size() >= 2);
  Record ours = base, theirs = base;
  ours.plans[0].goals.back().text = "Changed";
  theirs.plans[0].goals.pop_back();
  std::string at = "plans[n=1].goals[id=" + base.plans[0].goals.back().id + "]";
  auto m = merge_records(base, ours, theirs, {{at, Side::theirs}});
  CHECK(m.clean());
  CHECK(m.merged.plans[0].goals.size() == base.plans[0].goals.size() - 1);
  m = merge_records(base, ours, theirs, {{at, Side::ours}});
  CHECK(m.clean());
  CHECK(m.merged.plans[0].goals.back().text == "Changed");
}

TEST_CASE("merge_records with choices: one number added on both sides, taken whole or field by field") {
  Record base = assessed();
  Record ours = base, theirs = base;
  Assessment a2 = assessment1();
  a2.n = 2;
  a2.date = D("2026-11-08");
  a2.summary = "Ours summary";
  ours.assessments.push_back(a2);
  a2.risk = "medium";
  a2.summary = "Theirs summary";
  theirs.assessments.push_back(a2);
  auto m = merge_records(base, ours, theirs, {{"assessments[n=2]", Side::theirs}});
  CHECK(m.clean());
  CHECK(m.merged == theirs);
  // One field chosen: the item is still in conflict, the choice applied to it.
  m = merge_records(base, ours, theirs, {{"assessments[n=2].risk", Side::theirs}});
  CHECK(lines(m.conflicts) == L{base.id + ": assessments[n=2]: ours (added), theirs (added)",
                                base.id + ": assessments[n=2].summary: ours (text differs), theirs (text differs)"});
  CHECK(m.merged.assessments.back().risk == "medium");
  // Every field chosen: settled.
  m = merge_records(base, ours, theirs, {{"assessments[n=2].risk", Side::theirs}, {"assessments[n=2].summary", Side::ours}});
  CHECK(m.clean());
  CHECK(m.merged.assessments.back().risk == "medium");
  CHECK(m.merged.assessments.back().summary == ours.assessments.back().summary);
}

TEST_CASE("merge_problems: what the merge broke, as Problems, and rule_conflicts names the same") {
  Record base = planned();
  Record ours = base, theirs = base;
  RuleContext ctx{cfg(), D("2026-11-10"), std::nullopt, nullptr, std::nullopt};
  CHECK(merge_problems(base, ours, theirs, ctx).empty());
  Record broken = base;
  broken.plans[0].services.clear();
  auto ps = merge_problems(broken, ours, theirs, ctx);
  REQUIRE(!ps.empty());
  auto rc = rule_conflicts(broken, ours, theirs, ctx);
  REQUIRE(rc.size() == ps.size());
  CHECK(rc[0].rule == ps[0].rule);
  CHECK(rc[0].path == ps[0].field);
  // A problem ours already had is not the merge's.
  CHECK(merge_problems(broken, broken, theirs, ctx).empty());
}

TEST_CASE("merge_configs with choices: a setting chosen takes that side") {
  Config base = config();
  Config ours = base, theirs = base;
  ours.policy.custody_days = 50;
  theirs.policy.custody_days = 45;
  auto m = merge_configs(base, ours, theirs, {{"policy.custody_days", Side::theirs}});
  CHECK(m.clean());
  CHECK(m.merged.policy.custody_days == 45);
  m = merge_configs(base, ours, theirs, {{"policy", Side::ours}});
  CHECK(m.clean());
  CHECK(m.merged.policy.custody_days == 50);
  m = merge_configs(base, ours, theirs, {{"workers", Side::theirs}});
  CHECK(lines(m.conflicts) == L{"casectl.yaml: policy.custody_days: ours 50, theirs 45"});
}
