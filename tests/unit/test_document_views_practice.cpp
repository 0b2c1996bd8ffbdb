// The practice sections of the plan and review documents (core/document_views_practice.cpp):
// the worker in charge on the document's date and the handovers since the document before it,
// safety checks, custody as it stood, the latest conference decision, related cases by ID and
// relation only; every one bounded by the document's date, and absent when the record holds
// nothing for it.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/document_views_detail.hpp"
#include "core/documents.hpp"
#include "fixtures.hpp"

using namespace casectl;
using namespace casectl::test;
using json = nlohmann::json;

namespace {

DateTime T(const char* text) { return *DateTime::parse(text); }

Config en() { return config(); }
Config ja() {
  Config c = config();
  c.locale = "ja";
  return c;
}

bool has(const std::string& doc, const std::string& part) { return doc.find(part) != std::string::npos; }

// The reviewed case (plan 1 on 2026-11-10, reviews on 2026-12-10 and 2027-02-20) with the
// practice sections: a report received 2026-11-01 09:30; checks on 11-03 10:30 (49 h, late)
// and on 2026-11-20; custody 1 from 11-03, extended on 12-28 until 2027-03-03, ended
// 2027-01-20; conferences on 11-04 (intake) and 11-09 (plan), and 2026-12-01 (review); a
// handover from sato to suzuki on 2026-11-25; a sibling case C-2026-0002.
Record practice() {
  Record r = reviewed();
  r.safety_checks = {{1, T("2026-11-03 10:30"), "sato", "seen-at-school", "safe", "a note"},
                     {2, T("2026-11-20 14:00"), "sato", "seen-at-home", "unsafe", ""}};
  Custody k;
  k.n = 1;
  k.start = D("2026-11-03");
  k.basis = "ex-officio";
  k.place = "Secret shelter";
  k.extensions = {{D("2026-12-28"), D("2027-03-03"), "council", ""}};
  k.ended = D("2027-01-20");
  k.outcome = "returned-home";
  r.custody = {k};
  r.conferences = {{1, D("2026-11-04"), "intake", {"sato"}, "Custody continues"},
                   {2, D("2026-11-09"), "plan", {"sato", "tanaka"}, "Plan agreed with the school"},
                   {3, D("2026-12-01"), "review", {"suzuki"}, "Keep the plan"}};
  r.assignments = {{D("2026-11-25"), "tanaka", "sato", "suzuki", "leave"}};
  r.worker = "suzuki";
  r.links = {{"C-2026-0002", "sibling"}};
  return r;
}

}  // namespace

TEST_CASE("the worker in charge on a date follows the handovers") {
  Record r = practice();
  using views_detail::in_charge_on;
  CHECK(in_charge_on(r, D("2026-11-10")) == "sato");
  CHECK(in_charge_on(r, D("2026-11-25")) == "suzuki");  // from the handover's day on
  CHECK(in_charge_on(r, D("2027-01-01")) == "suzuki");
  CHECK(in_charge_on(r, std::nullopt) == "suzuki");
  r.assignments.clear();
  CHECK(in_charge_on(r, D("2026-11-10")) == "suzuki");  // no history: the record's worker
}

TEST_CASE("the document before a plan or a review") {
  Record r = practice();
  using views_detail::date_before_plan;
  using views_detail::date_before_review;
  CHECK_FALSE(date_before_plan(r, r.plans[0]));
  CHECK(date_before_review(r, r.reviews[0]) == D("2026-11-10"));  // plan 1
  CHECK(date_before_review(r, r.reviews[1]) == D("2026-12-10"));  // review 1
  r.plans.push_back(revised_plan(2, "2026-12-10", "2027-01-09"));  // the same day as review 1
  CHECK(date_before_plan(r, r.plans[1]) == D("2026-12-10"));
}

TEST_CASE("plan document: in charge then, checks, custody and the conference as they stood, related cases") {
  Record r = practice();
  std::string doc = render_document(r, DocKind::plan, 1, en(), "");
  CHECK(has(doc, "- Worker in charge: Sato Yuki\n"));  // the handover came later
  CHECK_FALSE(has(doc, "Handed over"));
  CHECK(has(doc, "## Safety confirmation\n\n- Check 1, 3 November 2026 10:30: seen at school, safe (by Sato Yuki); "
                 "49 h after the report (limit 48 h): late\n\n"));
  CHECK_FALSE(has(doc, "Check 2"));  // after the plan date
  CHECK(has(doc, "## Temporary protective custody\n\n- Custody 1 from 3 November 2026 (ex officio)\n"
                 "  - In custody on the plan date; limit 2 January 2027\n\n"));
  CHECK_FALSE(has(doc, "Extended"));
  CHECK_FALSE(has(doc, "Secret shelter"));  // where the child stays is kept out of documents
  CHECK_FALSE(has(doc, "a note"));
  CHECK(has(doc, "## Case conference\n\nConference 2 of 9 November 2026 (plan) decided:\n\n> Plan agreed with the school\n"));
  CHECK_FALSE(has(doc, "Keep the plan"));
  CHECK(has(doc, "## Related cases\n\n- C-2026-0002: sibling\n"));
}

TEST_CASE("review documents: the handover in the first document after it, custody extended and ended") {
  Record r = practice();
  std::string one = render_document(r, DocKind::review, 1, en(), "");
  CHECK(has(one, "- Worker in charge: Suzuki Aoi\n- Handed over on 25 November 2026 from Sato Yuki to Suzuki Aoi (leave)\n"));
  CHECK(has(one, "- Check 2, 20 November 2026 14:00: seen at home, unsafe (by Sato Yuki); 460 h 30 min after the report"));
  CHECK(has(one, "  - In custody on the review date; limit 2 January 2027\n"));
  CHECK(has(one, "Conference 3 of 1 December 2026 (review) decided:\n\n> Keep the plan\n"));

  std::string two = render_document(r, DocKind::review, 2, en(), "");
  CHECK(has(two, "- Worker in charge: Suzuki Aoi\n"));
  CHECK_FALSE(has(two, "Handed over"));  // told in review 1 already
  CHECK(has(two, "- Custody 1 from 3 November 2026 (ex officio)\n"
                 "  - Extended on 28 December 2026 until 3 March 2027, approved by the child welfare council\n"
                 "  - Ended on 20 January 2027: returned home\n"));

  std::string j = render_document(r, DocKind::review, 2, ja(), "");
  CHECK(has(j, "## 一時保護\n\n- 第1回 2026年11月3日から(職権)\n  - 2026年12月28日に延長(2027年3月3日まで、承認: 児童福祉審議会)\n"
               "  - 2027年1月20日に解除: 家庭復帰\n"));
  CHECK(has(j, "## 安全確認\n\n- 第1回 2026年11月3日 10:30: 学校で目視、安全(確認者: Sato Yuki)。通告から49時間(期限48時間): 期限超過\n"));
  CHECK(has(j, "## 援助方針会議\n\n第3回(2026年12月1日、評価)の決定:\n"));
  CHECK(has(j, "## 関連ケース\n\n- C-2026-0002: きょうだい\n"));
  CHECK(has(j, "- 担当者: Suzuki Aoi\n"));
  std::string j1 = render_document(r, DocKind::review, 1, ja(), "");
  CHECK(has(j1, "- 2026年11月25日 担当変更: Sato YukiからSuzuki Aoiへ(休暇)\n"));
  CHECK(has(j1, "  - モニタリング実施日時点で保護中(期限: 2027年1月2日)\n"));
}

TEST_CASE("a record without the practice sections gets none of them") {
  Record r = reviewed();
  for (const Config& c : {en(), ja()})
    for (DocKind kind : {DocKind::plan, DocKind::review}) {
      json view = document_view(r, kind, 1, c);
      for (const char* key : {"has_handovers", "has_safety_checks", "has_custody", "has_conference", "has_links"})
        CHECK_MESSAGE(view[key] == false, key);
      std::string doc = render_document(r, kind, 1, c, "");
      for (const char* heading : {"Safety confirmation", "protective custody", "Case conference", "Related cases",
                                  "Handed over", "安全確認", "一時保護", "援助方針会議", "関連ケース", "担当変更"})
        CHECK_MESSAGE(!has(doc, heading), heading);
      CHECK(has(doc, c.locale == "ja" ? "- 担当者: Sato Yuki\n" : "- Worker in charge: Sato Yuki\n"));
    }
}

TEST_CASE("a conference without a decision, a check with no report time, a document with no date") {
  Record r = practice();
  r.conferences[1].decision = "";
  r.referral.received.reset();
  std::string doc = render_document(r, DocKind::plan, 1, en(), "");
  CHECK(has(doc, "Conference 2 of 9 November 2026 (plan) decided:\n\nNo decision recorded.\n"));
  CHECK(has(doc, "- Check 1, 3 November 2026 10:30: seen at school, safe (by Sato Yuki); "
                 "the time the report was received is not recorded\n"));
  r.plans[0].date.reset();  // a hand-edited plan without a date: nothing can be placed before it
  json view = document_view(r, DocKind::plan, 1, en());
  CHECK(view["has_safety_checks"] == false);
  CHECK(view["has_custody"] == false);
  CHECK(view["has_conference"] == false);
  CHECK(view["has_handovers"] == false);
  CHECK(view["has_links"] == true);
}
