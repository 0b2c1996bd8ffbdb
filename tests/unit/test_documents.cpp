// Documents: plan, review and closure rendered from the built-in templates and from overrides.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/documents.hpp"
#include "core/documents_builtin.hpp"
#include "core/error.hpp"
#include "fixtures.hpp"

using namespace casectl;
using casectl::test::D;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// An agency with two workers, in locale loc.
Config sample_config(const std::string& loc) {
  Config c;
  c.agency = loc == "ja" ? "例市児童相談所" : "Example City Child Guidance Centre";
  c.locale = loc;
  c.workers = {{"sato", "佐藤 由紀", "sato@example.org", "worker"},
               {"tanaka", "田中 健", "tanaka@example.org", "supervisor"}};
  return c;
}

// A case taken through assessment, plan, review and closure, with Japanese names and text.
Record sample_record() {
  Record r;
  r.id = "C-2026-0001";
  r.status = "closed";
  r.opened = D("2026-11-02");
  r.worker = "sato";
  r.client = {"山田 花子", D("2018-04-12"), "female", "例市中央1-2-3", "例市立第一小学校"};
  r.household = {{"山田 太郎", "father", ""}, {"山田 良子", "mother", ""}};
  r.referral = {D("2026-11-01"), DateTime::parse("2026-11-01 09:30"), "school", "担任", "urgent", "",
                {"physical-abuse"}, "両腕にあざ。"};

  Assessment a;
  a.n = 1;
  a.date = D("2026-11-03");
  a.by = "sato";
  a.methods = {"home-visit", "interview-child"};
  a.safety = "unsafe";
  a.risk = "high";
  a.risks = {{"physical-abuse", "high", "両腕のあざ"}};
  a.needs = {{"N1", "safety", "家庭で安全に過ごせること"},
             {"N2", "mental-health", "不安が強く、夜眠れない"},
             {"N3", "education", "登校を続けること"}};
  a.strengths = {"近所に協力的な祖母がいる"};
  a.immediate_actions = {"一時保護"};
  r.assessments.push_back(a);

  Plan p;
  p.n = 1;
  p.date = D("2026-11-10");
  p.by = "sato";
  p.assessment = 1;
  p.goals = {{"G1", {"N1"}, "家庭で叩かれずに過ごす", "月1回の家庭訪問で新たなあざがない", D("2027-02-10")},
             {"G2", {"N2", "N3"}, "安心して眠り、毎日登校する", "欠席が月2日以内", D("2027-03-10")}};
  p.services = {{"S1", {"G2"}, "psychological", "Family & Child Counselling <Centre>", "sato",
                 "週1回", D("2026-11-15"), D("2027-02-15")},
                {"S2", {"G1"}, "parenting", "例市子育て支援課", "tanaka", "月2回",
                 D("2026-11-20"), std::nullopt}};
  p.participation.client_views = "おうちに帰りたい。\n\nでも、たたかれるのはいや。";
  p.participation.family_views = "母は養育支援を受けることに同意している。";
  p.participation.agreed_by = {"母", "本人"};
  p.next_review = D("2026-12-10");
  r.plans.push_back(p);

  Review rv;
  rv.n = 1;
  rv.date = D("2026-12-10");
  rv.by = "sato";
  rv.plan = 1;
  rv.progress = {{"G1", "in-progress", "新たなあざは見られない"}, {"G2", "not-started", ""}};
  rv.services = {{"S1", "partly", "2回欠席"}, {"S2", "yes", ""}};
  rv.safety = "safe-with-plan";
  rv.risk = "medium";
  rv.decision = "continue";
  rv.next_review = D("2027-01-10");
  rv.summary = "改善がみられる。\n引き続き見守る。";
  r.reviews.push_back(rv);

  r.approvals = {{1, "closure", D("2027-02-28"), "tanaka", "同意"}};
  Closure c;
  c.n = 1;
  c.date = D("2027-03-01");
  c.by = "sato";
  c.plan = 1;
  c.reason = "goals-achieved";
  c.approval = 1;
  c.outcomes = {{"G1", "achieved"}, {"G2", "achieved"}};
  c.evaluation = "祖母の協力が大きかった。";
  c.follow_up = "学校が見守りを続ける。";
  r.closures = {c};
  return r;
}

// The sample case with every practice section (issue 11) on the dates of plan 1 and review 1:
// safety checks, a custody extended before the plan and ended before the review, conferences,
// a handover before each document, a related case.
Record practice_record() {
  Record r = sample_record();
  r.safety_checks = {{1, DateTime::parse("2026-11-02 15:00"), "sato", "seen-at-school", "safe", ""}};
  Custody k;
  k.n = 1;
  k.start = D("2026-11-03");
  k.basis = "ex-officio";
  k.extensions = {{D("2026-11-08"), D("2027-01-31"), "director", ""}};
  k.ended = D("2026-12-01");
  k.outcome = "returned-home";
  r.custody = {k};
  r.conferences = {{1, D("2026-11-04"), "plan", {"sato", "tanaka"}, "一時保護を継続する。"}};
  r.assignments = {{D("2026-11-05"), "tanaka", "sato", "tanaka", "workload"},
                   {D("2026-11-20"), "tanaka", "tanaka", "sato", "other"}};
  r.links = {{"C-2026-0002", "sibling"}};
  return r;
}

// The names of a template's tags that do not resolve in view as Mustache looks them up
// (innermost section first), and sections opened on text (always true in kainjow). The inside
// of a section over an empty list is not rendered, so not checked.
std::vector<std::string> unresolved_tags(const std::string& tmpl, const json& view) {
  static const json none = nullptr;
  static const std::regex tag(R"(\{\{\{?\s*([#^/&!>]?)\s*([^}\s]*)\s*\}?\}\})");
  std::vector<const json*> stack{&view};
  std::vector<std::string> bad;
  int skipped = 0;  // depth inside a section over an empty list
  for (auto it = std::sregex_iterator(tmpl.begin(), tmpl.end(), tag); it != std::sregex_iterator(); ++it) {
    std::string kind = (*it)[1], name = (*it)[2];
    if (kind == "!" || kind == ">") continue;
    if (skipped > 0) {
      skipped += kind == "#" || kind == "^" ? 1 : kind == "/" ? -1 : 0;
      continue;
    }
    if (kind == "/") {
      stack.pop_back();
      continue;
    }
    const json* found = nullptr;
    for (auto s = stack.rbegin(); s != stack.rend() && !found; ++s)
      if ((*s)->is_object() && (*s)->contains(name)) found = &(**s)[name];
    if (!found) bad.push_back(name);
    bool section = kind == "#" || kind == "^";
    if (found && section && found->is_string()) bad.push_back(name + " (section on text)");
    if (found && !section && !found->is_string()) bad.push_back(name + " (not text)");
    if (kind == "#" && found && found->is_array() && found->empty()) skipped = 1;
    else if (kind == "#" && found && found->is_array()) stack.push_back(&(*found)[0]);
    else if (section) stack.push_back(&none);
  }
  return bad;
}

// True when s holds three newlines in a row (two blank lines).
bool has_blank_run(const std::string& s) { return s.find("\n\n\n") != std::string::npos; }

// A fresh empty folder under the system temp folder.
fs::path temp_root() {
  std::string tmpl = (fs::temp_directory_path() / "casectl-docs-XXXXXX").string();
  REQUIRE(mkdtemp(tmpl.data()) != nullptr);
  return tmpl;
}

// Writes text to root/templates/<loc>/<name>.
fs::path write_override(const fs::path& root, const std::string& loc, const std::string& name,
                        const std::string& text) {
  fs::path dir = root / "templates" / loc;
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

const std::vector<std::pair<DocKind, int>> kAllDocs = {
    {DocKind::plan, 1}, {DocKind::review, 1}, {DocKind::closure, 1}};
// Every document and the family version of the plan.
const std::vector<std::tuple<DocKind, int, bool>> kAllVersions = {
    {DocKind::plan, 1, false}, {DocKind::plan, 1, true}, {DocKind::review, 1, false}, {DocKind::closure, 1, false}};

}  // namespace

TEST_CASE("document file and kind names") {
  CHECK(doc_file_name(DocKind::plan, 1) == "plan-1.md");
  CHECK(doc_file_name(DocKind::review, 2) == "review-2.md");
  CHECK(doc_file_name(DocKind::closure, 3) == "closure-3.md");
  CHECK(template_file_name(DocKind::review) == "review.md.mustache");
  CHECK(parse_doc_kind("closure") == DocKind::closure);
  CHECK(!parse_doc_kind("plans").has_value());
  Record r = sample_record();
  CHECK(latest_doc_number(r, DocKind::plan) == 1);
  CHECK(latest_doc_number(r, DocKind::review) == 1);
  CHECK(latest_doc_number(r, DocKind::closure) == 1);
  r.closures.clear();
  r.reviews.clear();
  CHECK(latest_doc_number(r, DocKind::review) == 0);
  CHECK(latest_doc_number(r, DocKind::closure) == 0);
}

TEST_CASE("dates in each locale and style") {
  Date d = D("2026-11-10");
  CHECK(format_date(d, "en", DateStyle::western) == "10 November 2026");
  CHECK(format_date(D("2027-03-01"), "en", DateStyle::western) == "1 March 2027");
  CHECK(format_date(d, "ja", DateStyle::western) == "2026年11月10日");
  CHECK(format_date(d, "ja", DateStyle::era) == "令和8年11月10日");
  CHECK(format_date(d, "en", DateStyle::era) == "10 November 2026");
  CHECK(format_date(d, "ja", DateStyle::iso) == "2026-11-10");
  CHECK(format_date(d, "en", DateStyle::iso) == "2026-11-10");
  // Era boundaries: the first year is 元年.
  CHECK(format_date(D("2019-05-01"), "ja", DateStyle::era) == "令和元年5月1日");
  CHECK(format_date(D("2019-04-30"), "ja", DateStyle::era) == "平成31年4月30日");
  CHECK(format_date(D("1989-01-08"), "ja", DateStyle::era) == "平成元年1月8日");
  CHECK(format_date(D("1989-01-07"), "ja", DateStyle::era) == "昭和64年1月7日");
  CHECK(format_date(D("1926-12-25"), "ja", DateStyle::era) == "昭和元年12月25日");
  CHECK(format_date(D("1926-12-24"), "ja", DateStyle::era) == "大正15年12月24日");
  CHECK(format_date(D("1850-01-01"), "ja", DateStyle::era) == "1850年1月1日");
  for (DateStyle s : {DateStyle::iso, DateStyle::western, DateStyle::era})
    CHECK(parse_date_style(date_style_name(s)) == s);
  CHECK(!parse_date_style("reiwa").has_value());
  CHECK(format_period(D("2026-11-15"), D("2027-02-15"), "ja", DateStyle::western) ==
        "2026年11月15日〜2027年2月15日");
  CHECK(format_period(D("2026-11-15"), std::nullopt, "en", DateStyle::western) ==
        "from 15 November 2026");
}

TEST_CASE("ages, days and lists") {
  CHECK(format_age(8, "en") == "8 years");
  CHECK(format_age(1, "en") == "1 year");
  CHECK(format_age(8, "ja") == "8歳");
  CHECK(format_days(119, "ja") == "119日");
  CHECK(format_days(1, "en") == "1 day");
  CHECK(join_list({"母", "本人"}, "ja") == "母、本人");
  CHECK(join_list({"N2", "N3"}, "en") == "N2, N3");
  CHECK(!is_child_on(D("2008-11-10"), D("2026-11-10")));
  CHECK(is_child_on(D("2008-11-11"), D("2026-11-10")));
}

TEST_CASE("plan document in English") {
  std::string doc = render_document(sample_record(), DocKind::plan, 1, sample_config("en"), "");
  CHECK(doc.rfind("# Support plan\n", 0) == 0);
  CHECK(doc.find("Example City Child Guidance Centre") != std::string::npos);
  CHECK(doc.find("C-2026-0001") != std::string::npos);
  CHECK(doc.find("- Child: 山田 花子") != std::string::npos);
  CHECK(doc.find("12 April 2018 (8 years on the plan date)") != std::string::npos);
  CHECK(doc.find("- Plan: 1, 10 November 2026") != std::string::npos);
  CHECK(doc.find("- Prepared by: 佐藤 由紀") != std::string::npos);
  CHECK(doc.find("risk high, safety unsafe") != std::string::npos);
  CHECK(doc.find("- N2 (mental health): 不安が強く、夜眠れない") != std::string::npos);
  CHECK(doc.find("- 近所に協力的な祖母がいる") != std::string::npos);
  CHECK(doc.find("### Goal G2\n\n安心して眠り、毎日登校する\n") != std::string::npos);
  CHECK(doc.find("- Needs answered: N2, N3") != std::string::npos);
  CHECK(doc.find("- How we will know: 欠席が月2日以内") != std::string::npos);
  CHECK(doc.find("- Due: 10 February 2027") != std::string::npos);
  CHECK(doc.find("### Service S1: psychological support") != std::string::npos);
  CHECK(doc.find("- Provider: Family & Child Counselling <Centre>") != std::string::npos);
  CHECK(doc.find("- Responsible worker: 田中 健") != std::string::npos);
  CHECK(doc.find("- Frequency: 週1回") != std::string::npos);
  CHECK(doc.find("- Period: 15 November 2026 – 15 February 2027") != std::string::npos);
  CHECK(doc.find("- Period: from 20 November 2026") != std::string::npos);
  CHECK(doc.find("## The child's views\n\n> おうちに帰りたい。\n>\n> でも、たたかれるのはいや。\n") !=
        std::string::npos);
  CHECK(doc.find("## The family's views\n\n> 母は養育支援を受けることに同意している。") != std::string::npos);
  CHECK(doc.find("- Agreed by: 母, 本人") != std::string::npos);
  CHECK(doc.find("- Next review: 10 December 2026") != std::string::npos);
  CHECK(doc.find("mental-health") == std::string::npos);  // the value; the label is "mental health"
  CHECK(doc.find("The client's wishes") == std::string::npos);
}

TEST_CASE("plan document in Japanese shows labels, not values") {
  std::string doc = render_document(sample_record(), DocKind::plan, 1, sample_config("ja"), "");
  CHECK(doc.rfind("# 支援計画書\n", 0) == 0);
  CHECK(doc.find("例市児童相談所") != std::string::npos);
  CHECK(doc.find("- 子ども: 山田 花子") != std::string::npos);
  CHECK(doc.find("2018年4月12日(計画作成日時点で8歳)") != std::string::npos);
  CHECK(doc.find("リスク: 高、安全: 安全でない") != std::string::npos);
  CHECK(doc.find("- N2(心の健康): 不安が強く") != std::string::npos);
  CHECK(doc.find("## 強み・資源") != std::string::npos);
  CHECK(doc.find("### サービス S1: 心理的支援") != std::string::npos);
  CHECK(doc.find("### サービス S2: 養育支援") != std::string::npos);
  CHECK(doc.find("- 期間: 2026年11月15日〜2027年2月15日") != std::string::npos);
  CHECK(doc.find("- 対応するニーズ: N2、N3") != std::string::npos);
  CHECK(doc.find("## 子どもの意見") != std::string::npos);
  CHECK(doc.find("## 家族の意向") != std::string::npos);
  CHECK(doc.find("- 同意した人: 母、本人") != std::string::npos);
  CHECK(doc.find("- 次回モニタリング予定日: 2026年12月10日") != std::string::npos);
  for (const char* raw : {"psychological", "parenting", "mental-health", "unsafe", "high"})
    CHECK_MESSAGE(doc.find(raw) == std::string::npos, raw);
}

TEST_CASE("plan document: the child's views until 18, then the client's wishes") {
  Record r = sample_record();
  r.client.birth_date = D("2008-11-11");  // 17 on the plan date 2026-11-10
  std::string en = render_document(r, DocKind::plan, 1, sample_config("en"), "");
  std::string ja = render_document(r, DocKind::plan, 1, sample_config("ja"), "");
  CHECK(en.find("## The child's views") != std::string::npos);
  CHECK(en.find("(17 years on the plan date)") != std::string::npos);
  CHECK(ja.find("## 子どもの意見") != std::string::npos);

  r.client.birth_date = D("2008-11-10");  // 18 on the plan date
  en = render_document(r, DocKind::plan, 1, sample_config("en"), "");
  ja = render_document(r, DocKind::plan, 1, sample_config("ja"), "");
  CHECK(en.find("## The client's wishes") != std::string::npos);
  CHECK(en.find("The child's views") == std::string::npos);
  CHECK(en.find("- Client: 山田 花子") != std::string::npos);
  CHECK(ja.find("## 本人の意向") != std::string::npos);
  CHECK(ja.find("子どもの意見") == std::string::npos);
  CHECK(ja.find("- 本人: 山田 花子") != std::string::npos);
}

TEST_CASE("plan document: the reason the views are absent") {
  Record r = sample_record();
  r.plans[0].participation.client_views = "";
  r.plans[0].participation.client_views_absent_reason = "乳児のため聴取できない";
  std::string en = render_document(r, DocKind::plan, 1, sample_config("en"), "");
  std::string ja = render_document(r, DocKind::plan, 1, sample_config("ja"), "");
  CHECK(en.find("## The child's views\n\nNot recorded: 乳児のため聴取できない\n") != std::string::npos);
  CHECK(ja.find("## 子どもの意見\n\n聴取できなかった理由: 乳児のため聴取できない\n") != std::string::npos);
}

TEST_CASE("dates in documents follow the agency's date style") {
  Record r = sample_record();
  Config ja = sample_config("ja");
  ja.date_style = DateStyle::era;
  std::string era = render_document(r, DocKind::plan, 1, ja, "");
  CHECK(era.find("- 次回モニタリング予定日: 令和8年12月10日") != std::string::npos);
  CHECK(era.find("平成30年4月12日") != std::string::npos);  // birth date 2018-04-12
  Config en = sample_config("en");
  en.date_style = DateStyle::iso;
  std::string iso = render_document(r, DocKind::plan, 1, en, "");
  CHECK(iso.find("- Next review: 2026-12-10") != std::string::npos);
}

TEST_CASE("review document: progress, services, risk then and now") {
  Record r = sample_record();
  std::string en = render_document(r, DocKind::review, 1, sample_config("en"), "");
  CHECK(en.rfind("# Review record\n", 0) == 0);
  CHECK(en.find("- Review: 1, 10 December 2026") != std::string::npos);
  CHECK(en.find("- Plan reviewed: 1 of 10 November 2026") != std::string::npos);
  CHECK(en.find("- G1: 家庭で叩かれずに過ごす\n  - Progress: in progress\n  - Note: 新たなあざは見られない") !=
        std::string::npos);
  CHECK(en.find("- G2: 安心して眠り、毎日登校する\n  - Progress: not started\n\n## Services delivered\n") != std::string::npos);
  CHECK(en.find("- S1: psychological support (Family & Child Counselling <Centre>)\n  - Delivered: partly") !=
        std::string::npos);
  CHECK(en.find("- Risk then: high (safety unsafe; assessment 1, 3 November 2026)") != std::string::npos);
  CHECK(en.find("- Risk now: medium") != std::string::npos);
  CHECK(en.find("- Safety now: safe with a safety plan") != std::string::npos);
  CHECK(en.find("- Decision: continue") != std::string::npos);
  CHECK(en.find("- Next review: 10 January 2027") != std::string::npos);
  CHECK(en.find("> 改善がみられる。\n> 引き続き見守る。") != std::string::npos);

  std::string ja = render_document(r, DocKind::review, 1, sample_config("ja"), "");
  CHECK(ja.rfind("# モニタリング記録\n", 0) == 0);
  CHECK(ja.find("  - 状況: 取組中") != std::string::npos);
  CHECK(ja.find("  - 状況: 未着手") != std::string::npos);
  CHECK(ja.find("  - 実施状況: 一部実施") != std::string::npos);  // not "実施: 実施" for yes
  CHECK(ja.find("- 前回のリスク: 高(安全: 安全でない。アセスメント第1回、2026年11月3日)") != std::string::npos);
  CHECK(ja.find("- 現在のリスク: 中") != std::string::npos);
  CHECK(ja.find("- 判断: 継続") != std::string::npos);
  for (const char* raw : {"in-progress", "partly", "continue", "medium"})
    CHECK_MESSAGE(ja.find(raw) == std::string::npos, raw);
}

TEST_CASE("review document: risk then comes from the previous review or a new assessment") {
  Record r = sample_record();
  r.closures.clear();
  Review second = r.reviews[0];
  second.n = 2;
  second.date = D("2027-01-10");
  second.risk = "low";
  second.decision = "close";
  second.next_review.reset();
  r.reviews.push_back(second);
  std::string en = render_document(r, DocKind::review, 2, sample_config("en"), "");
  CHECK(en.find("- Risk then: medium (safety safe with a safety plan; review 1, 10 December 2026)") !=
        std::string::npos);
  CHECK(en.find("- Risk now: low") != std::string::npos);
  CHECK(en.find("- Next review: none") != std::string::npos);

  // A re-assessment and a new plan after review 1: review 2 compares with that assessment.
  Assessment a2 = r.assessments[0];
  a2.n = 2;
  a2.date = D("2026-12-12");
  a2.risk = "very-high";
  r.assessments.push_back(a2);
  Plan p2 = r.plans[0];
  p2.n = 2;
  p2.assessment = 2;
  p2.date = D("2026-12-15");
  r.plans.push_back(p2);
  r.reviews[1].plan = 2;
  en = render_document(r, DocKind::review, 2, sample_config("en"), "");
  CHECK(en.find("- Risk then: very high (safety unsafe; assessment 2, 12 December 2026)") !=
        std::string::npos);
}

TEST_CASE("closure document: reason, approval, outcomes, days open") {
  Record r = sample_record();
  std::string en = render_document(r, DocKind::closure, 1, sample_config("en"), "");
  CHECK(en.rfind("# Closure report 1\n", 0) == 0);
  CHECK(en.find("- Opened: 2 November 2026") != std::string::npos);
  CHECK(en.find("- Closed: 1 March 2027") != std::string::npos);
  CHECK(en.find("- Days open: 119 days") != std::string::npos);
  CHECK(en.find("- Reason: goals achieved") != std::string::npos);
  CHECK(en.find("- Approved by: 田中 健 (28 February 2027)") != std::string::npos);
  CHECK(en.find("## Outcomes (support plan 1)") != std::string::npos);
  CHECK(en.find("- G2: 安心して眠り、毎日登校する\n  - Outcome: achieved") != std::string::npos);
  CHECK(en.find("## Evaluation\n\n> 祖母の協力が大きかった。") != std::string::npos);
  CHECK(en.find("## Follow-up\n\n> 学校が見守りを続ける。") != std::string::npos);

  std::string ja = render_document(r, DocKind::closure, 1, sample_config("ja"), "");
  CHECK(ja.rfind("# 終結報告書 1\n", 0) == 0);
  CHECK(ja.find("- 支援期間: 119日") != std::string::npos);
  CHECK(ja.find("- 理由: 目標達成") != std::string::npos);
  CHECK(ja.find("- 承認者: 田中 健") != std::string::npos);
  CHECK(ja.find("  - 結果: 達成") != std::string::npos);
  CHECK(ja.find("goals-achieved") == std::string::npos);

  r.closures[0].approval.reset();
  en = render_document(r, DocKind::closure, 1, sample_config("en"), "");
  CHECK(en.find("Approved by") == std::string::npos);

  // Closed on the day it opened: no "0 days" (the two dates say it).
  r.closures[0].date = r.opened;
  en = render_document(r, DocKind::closure, 1, sample_config("en"), "");
  CHECK(en.find("- Closed: 2 November 2026") != std::string::npos);
  CHECK(en.find("Days open") == std::string::npos);
  ja = render_document(r, DocKind::closure, 1, sample_config("ja"), "");
  CHECK(ja.find("支援期間") == std::string::npos);
}

TEST_CASE("closure N is bound to its own plan, not to a later one") {
  Record r = sample_record();
  // Reopened, re-assessed, a new plan whose G1 says something else, closed again.
  r.reopenings = {{1, D("2027-03-10"), std::nullopt, "sato", 1, "新たなあざ", ""}};
  Assessment a2 = r.assessments[0];
  a2.n = 2;
  a2.date = D("2027-03-12");
  r.assessments.push_back(a2);
  Plan p2 = r.plans[0];
  p2.n = 2;
  p2.assessment = 2;
  p2.date = D("2027-03-15");
  p2.goals[0].text = "祖母宅で安全に過ごす";
  r.plans.push_back(p2);
  Closure c2 = r.closures[0];
  c2.n = 2;
  c2.date = D("2027-04-01");
  c2.plan = 2;
  c2.approval.reset();
  c2.reason = "moved-away";
  c2.outcomes = {{"G1", "in-progress"}};
  r.closures.push_back(c2);

  std::string one = render_document(r, DocKind::closure, 1, sample_config("en"), "");
  CHECK(one.rfind("# Closure report 1\n", 0) == 0);
  CHECK(one.find("## Outcomes (support plan 1)") != std::string::npos);
  CHECK(one.find("- G1: 家庭で叩かれずに過ごす\n  - Outcome: achieved") != std::string::npos);
  CHECK(one.find("祖母宅で安全に過ごす") == std::string::npos);
  CHECK(one.find("- Closed: 1 March 2027") != std::string::npos);
  CHECK(one.find("- Reason: goals achieved") != std::string::npos);
  CHECK(one.find("- Approved by: 田中 健") != std::string::npos);

  std::string two = render_document(r, DocKind::closure, 2, sample_config("en"), "");
  CHECK(two.rfind("# Closure report 2\n", 0) == 0);
  CHECK(two.find("## Outcomes (support plan 2)") != std::string::npos);
  CHECK(two.find("- G1: 祖母宅で安全に過ごす\n  - Outcome: in progress") != std::string::npos);
  CHECK(two.find("家庭で叩かれずに過ごす") == std::string::npos);
  CHECK(two.find("- Closed: 1 April 2027") != std::string::npos);
  CHECK(two.find("- Reason: moved away") != std::string::npos);
  CHECK(two.find("Approved by") == std::string::npos);
  CHECK(latest_doc_number(r, DocKind::closure) == 2);

  // A closure naming no plan: no plan heading, the goal ids only.
  r.closures[1].plan.reset();
  two = render_document(r, DocKind::closure, 2, sample_config("en"), "");
  CHECK(two.find("## Outcomes\n") != std::string::npos);
  CHECK(two.find("- G1\n  - Outcome: in progress") != std::string::npos);
}

TEST_CASE("amendments are listed in the documents they name, and only there") {
  Record r = sample_record();
  r.amendments = {{D("2027-03-05"), "tanaka", "typo", {"plans"}, {"plan-1.md"}, "誤字"},
                  {D("2027-03-06"), "sato", "late-information", {"plans", "closures"},
                   {"plan-1.md", "closure-1.md"}, ""}};
  std::string plan = render_document(r, DocKind::plan, 1, sample_config("en"), "");
  CHECK(plan.find("## Amendments\n\n- Amended on 5 March 2027 by 田中 健 (typo)\n"
                  "- Amended on 6 March 2027 by 佐藤 由紀 (late information)\n") != std::string::npos);
  CHECK(plan.find("誤字") == std::string::npos);  // the note stays in the record
  std::string closure = render_document(r, DocKind::closure, 1, sample_config("en"), "");
  CHECK(closure.find("- Amended on 6 March 2027 by 佐藤 由紀 (late information)") != std::string::npos);
  CHECK(closure.find("5 March 2027") == std::string::npos);
  std::string review = render_document(r, DocKind::review, 1, sample_config("en"), "");
  CHECK(review.find("Amendments") == std::string::npos);
  CHECK(review.find("Amended") == std::string::npos);
  std::string ja = render_document(r, DocKind::plan, 1, sample_config("ja"), "");
  CHECK(ja.find("## 訂正履歴\n\n- 2027年3月5日 田中 健が訂正(誤記)\n") != std::string::npos);
  json view = document_view(r, DocKind::review, 1, sample_config("en"));
  CHECK(view["has_amendments"] == false);
  view = document_view(r, DocKind::closure, 1, sample_config("en"));
  CHECK(view["has_amendments"] == true);
  CHECK(view["amendments"].size() == 1);
}

TEST_CASE("every variable of the built-in templates is set") {
  Record full = sample_record();
  Record practice = practice_record();
  Record bare;  // a hand-edited record with almost nothing in it
  bare.id = "C-2026-0002";
  bare.plans.push_back(Plan{});
  bare.plans[0].n = 1;
  bare.reviews.push_back(Review{});
  bare.reviews[0].n = 1;
  bare.closures = {Closure{}};
  bare.closures[0].n = 1;
  CHECK(builtin_templates().size() == 8);
  for (const char* loc : {"en", "ja"}) {
    for (const auto& [kind, n, family] : kAllVersions) {
      std::string tmpl = builtin_template(kind, loc, family);
      for (const Record* r : {&full, &practice, &bare}) {
        json view = document_view(*r, kind, n, sample_config(loc));
        CHECK_MESSAGE(unresolved_tags(tmpl, view).empty(),
                      std::string(loc) << " " << doc_kind_name(kind) << ": " << json(unresolved_tags(tmpl, view)).dump());
        std::string doc = render_document(*r, kind, n, sample_config(loc), "", family);
        CHECK(doc.find("{{") == std::string::npos);
        CHECK_MESSAGE(!has_blank_run(doc), std::string(loc) << " " << doc_kind_name(kind) << "\n" << doc);
        CHECK(doc.back() == '\n');
        CHECK(doc.substr(doc.size() - 2) != "\n\n");
      }
    }
  }
}

TEST_CASE("the tag checker finds what is missing") {
  json view = {{"a", "x"}, {"has_a", true}, {"list", json::array({{{"b", "y"}}})}};
  CHECK(unresolved_tags("{{a}}{{#list}}{{b}}{{a}}{{/list}}{{#has_a}}{{a}}{{/has_a}}", view).empty());
  CHECK(unresolved_tags("{{#list}}{{c}}{{/list}}", view) == std::vector<std::string>{"c"});
  CHECK(unresolved_tags("{{#a}}{{/a}}", view) == std::vector<std::string>{"a (section on text)"});
  CHECK(unresolved_tags("{{has_a}}", view) == std::vector<std::string>{"has_a (not text)"});
  json empty = {{"list", json::array()}};
  CHECK(unresolved_tags("{{#list}}{{#x}}{{c}}{{/x}}{{/list}}", empty).empty());
  CHECK(unresolved_tags("{{#list}}{{/list}}{{c}}", empty) == std::vector<std::string>{"c"});
}

TEST_CASE("output is deterministic and free text is kept as written") {
  Record r = sample_record();
  r.plans[0].goals[0].text = "{{case_id}} と *強調* と <b>";
  for (const auto& [kind, n] : kAllDocs) {
    std::string a = render_document(r, kind, n, sample_config("ja"), "");
    Record copy = r;
    std::string b = render_document(copy, kind, n, sample_config("ja"), "");
    CHECK(a == b);
  }
  std::string doc = render_document(r, DocKind::plan, 1, sample_config("en"), "");
  CHECK(doc.find("\n{{case_id}} と *強調* と <b>\n") != std::string::npos);
}

TEST_CASE("multi-line text stays multi-line") {
  Record r = sample_record();
  r.plans[0].goals[0].measure = "月1回の家庭訪問\r\n\r\n新たなあざがない  \n";
  r.plans[0].participation.family_views = "\n父: 反対\n\n母: 賛成\n";
  std::string doc = render_document(r, DocKind::plan, 1, sample_config("en"), "");
  CHECK(doc.find("- How we will know: 月1回の家庭訪問\n    新たなあざがない\n") != std::string::npos);
  CHECK(doc.find("## The family's views\n\n> 父: 反対\n>\n> 母: 賛成\n") != std::string::npos);
}

TEST_CASE("a section line skipped or rendered leaves no blank line: a Markdown list stays one list") {
  json item_a = {{"a", "1"}, {"n", false}}, item_b = {{"a", "2"}, {"n", true}}, item_c = {{"a", "3"}, {"n", false}};
  json view = {{"list", json::array({item_a, item_b, item_c})}, {"yes", true}, {"no", false}};
  std::string tmpl = "{{#list}}\n- {{a}}\n{{#n}}\n  - note\n{{/n}}\n{{/list}}\n{{^list}}\nnone\n{{/list}}\n\nend\n"
                     "  {{#no}}  \nx\n{{/no}}\n{{! a comment }}\n- y\n{{#yes}}\n- z\n{{/yes}}\n";
  CHECK(render_template(tmpl, view, "t") == "- 1\n- 2\n  - note\n- 3\n\nend\n- y\n- z\n");
  // Tags sharing a line with text are not standalone; a mark in the view's text is dropped.
  CHECK(render_template("a{{#no}}b{{/no}}\n{{#yes}}c{{/yes}}\n", view, "t") == "a\nc\n");
  CHECK(render_template("{{x}}\n", json{{"x", "p\x01q"}}, "t") == "pq\n");
}

TEST_CASE("the family version of a plan: plain words, no IDs, no risk, views and signature lines") {
  Record r = sample_record();
  for (const char* loc : {"en", "ja"}) {
    std::string doc = render_document(r, DocKind::plan, 1, sample_config(loc), "", true);
    CAPTURE(doc);
    CHECK_FALSE(std::regex_search(doc, std::regex(R"(\b[NGS][0-9]+\b)")));
    CHECK(doc.find("C-2026-0001") == std::string::npos);
    for (const char* word : {"risk", "Risk", "リスク", "unsafe", "安全でない", "Needs", "ニーズ"})
      CHECK_MESSAGE(doc.find(word) == std::string::npos, word);
    CHECK(doc.find("家庭で叩かれずに過ごす") != std::string::npos);  // goal text
    CHECK(doc.find("例市子育て支援課") != std::string::npos);          // provider
    CHECK(doc.find("月2回") != std::string::npos);                     // frequency as written
    CHECK(doc.find("> おうちに帰りたい。") != std::string::npos);        // the child's views
    CHECK(doc.find("> 母は養育支援を受けることに同意している。") != std::string::npos);
  }
  std::string en = render_document(r, DocKind::plan, 1, sample_config("en"), "", true);
  CHECK(en.find("- 家庭で叩かれずに過ごす (by 10 February 2027)\n  - How we will know: ") != std::string::npos);
  CHECK(en.find("## The child's views") != std::string::npos);
  CHECK(en.find("We will meet again on or before 10 December 2026") != std::string::npos);
  CHECK(en.find("Name: ______________________ Relationship: 母 Date: ______________") != std::string::npos);
  CHECK(en.find("Name: ______________________ Relationship: 本人 Date: ______________") != std::string::npos);
  std::string ja = render_document(r, DocKind::plan, 1, sample_config("ja"), "", true);
  CHECK(ja.find("- 子ども: 山田 花子") != std::string::npos);
  CHECK(ja.find("## 子どもの意見") != std::string::npos);
  CHECK(ja.find("氏名: ______________________ 続柄: 母 日付: ______________") != std::string::npos);

  // An adult client: the client, never the child; blank signature lines when nobody agreed yet.
  r.client.birth_date = D("1990-01-01");
  r.plans[0].participation.agreed_by.clear();
  en = render_document(r, DocKind::plan, 1, sample_config("en"), "", true);
  CHECK(en.find("- Client: 山田 花子") != std::string::npos);
  CHECK(en.find("## The client's wishes") != std::string::npos);
  CHECK(en.find("Child:") == std::string::npos);
  CHECK(en.find("child's") == std::string::npos);
  CHECK(en.find("Relationship: ______________") != std::string::npos);
  ja = render_document(r, DocKind::plan, 1, sample_config("ja"), "", true);
  CHECK(ja.find("- 本人: 山田 花子") != std::string::npos);
  CHECK(ja.find("## 本人の意向") != std::string::npos);
  CHECK(ja.find("子ども") == std::string::npos);

  CHECK_THROWS_AS(render_document(r, DocKind::review, 1, sample_config("en"), "", true), Error);
  CHECK(doc_file_name(DocKind::plan, 2, true) == "plan-2-family.md");
  CHECK(doc_file_name(DocKind::plan, 2, true, DocFormat::html) == "plan-2-family.html");
  CHECK(doc_file_name(DocKind::review, 1, false, DocFormat::html) == "review-1.html");
  CHECK(template_file_name(DocKind::plan, true) == "plan-family.md.mustache");
}

TEST_CASE("an override template under root/templates is taken") {
  fs::path root = temp_root();
  write_override(root, "en", "plan.md.mustache",
                 "Custom plan {{case_id}}\r\n\r\n\r\n\r\n{{client_views_heading}}:{{#goals}} {{id}}{{/goals}}\n\n\n");
  Record r = sample_record();
  CHECK(render_document(r, DocKind::plan, 1, sample_config("en"), root.string()) ==
        "Custom plan C-2026-0001\n\nThe child's views: G1 G2\n");
  // Only plan is overridden, and only for en.
  CHECK(render_document(r, DocKind::review, 1, sample_config("en"), root.string())
            .rfind("# Review record\n", 0) == 0);
  CHECK(render_document(r, DocKind::plan, 1, sample_config("ja"), root.string())
            .rfind("# 支援計画書\n", 0) == 0);
  fs::remove_all(root);
}

TEST_CASE("a malformed override template is refused with its place") {
  fs::path root = temp_root();
  fs::path file = write_override(root, "ja", "review.md.mustache", "# 記録\n\n{{#progress}}\n- {{goal}}\n");
  Record r = sample_record();
  try {
    render_document(r, DocKind::review, 1, sample_config("ja"), root.string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().file == file.string());
    CHECK(e.place().line == 3);
    CHECK(e.place().col == 1);
    CHECK(std::string(e.what()).find("progress") != std::string::npos);
    CHECK(std::string(e.what()).find("山田") == std::string::npos);
  }
  write_override(root, "ja", "closure.md.mustache", "終結 {{reason");
  CHECK_THROWS_AS(render_document(r, DocKind::closure, 1, sample_config("ja"), root.string()), Error);
  fs::remove_all(root);
}

TEST_CASE("a document that the record does not hold is not found") {
  Record r = sample_record();
  for (auto [kind, n] : std::vector<std::pair<DocKind, int>>{{DocKind::plan, 2}, {DocKind::review, 5}}) {
    try {
      render_document(r, kind, n, sample_config("en"), "");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::not_found);
      CHECK(std::string(e.what()).find("C-2026-0001") != std::string::npos);
    }
  }
  CHECK_THROWS_AS(render_document(r, DocKind::closure, 2, sample_config("en"), ""), Error);
  r.closures.clear();
  CHECK_THROWS_AS(render_document(r, DocKind::closure, 1, sample_config("en"), ""), Error);
}

TEST_CASE("an override that is a symbolic link, or under one, is refused and never read") {
  fs::path root = temp_root();
  fs::path secret = root / "id_rsa";
  std::ofstream(secret) << "-----BEGIN OPENSSH PRIVATE KEY-----\n";
  fs::create_directories(root / "templates" / "en");
  fs::create_symlink(secret, root / "templates" / "en" / "plan.md.mustache");
  Record r = sample_record();
  auto refused = [&](const std::string& named) {
    try {
      render_document(r, DocKind::plan, 1, sample_config("en"), root.string());
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::conflict);
      CHECK(std::string(e.what()).find(named + " is a symbolic link") != std::string::npos);
      CHECK(std::string(e.what()).find("PRIVATE") == std::string::npos);
    }
  };
  refused((root / "templates" / "en" / "plan.md.mustache").string());
  fs::remove_all(root / "templates");
  write_override(root / "theirs", "en", "plan.md.mustache", "theirs\n");
  fs::create_directories(root / "templates");
  fs::create_symlink(root / "theirs" / "templates" / "en", root / "templates" / "en");
  refused((root / "templates" / "en").string());
  fs::remove_all(root / "templates");
  fs::create_symlink(root / "theirs" / "templates", root / "templates");
  refused((root / "templates").string());
  fs::remove_all(root);
}

TEST_CASE("an override of 64 KiB is taken, one byte more is refused naming the file and the limit") {
  fs::path root = temp_root();
  fs::path file = write_override(root, "en", "plan.md.mustache", std::string(64 * 1024 - 1, 'x') + "\n");
  Record r = sample_record();
  CHECK(render_document(r, DocKind::plan, 1, sample_config("en"), root.string()).size() == 64 * 1024);
  write_override(root, "en", "plan.md.mustache", std::string(64 * 1024, 'x') + "\n");
  try {
    render_document(r, DocKind::plan, 1, sample_config("en"), root.string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().file == file.string());
    CHECK(std::string(e.what()).find("64 KiB") != std::string::npos);
  }
  // A folder where the file would be is no override: the built-in template is taken.
  fs::remove(file);
  fs::create_directory(file);
  CHECK(render_document(r, DocKind::plan, 1, sample_config("en"), root.string()).rfind("# Support plan\n", 0) == 0);
  fs::remove_all(root);
}
