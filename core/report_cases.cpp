// The reports on open cases: caseload (per worker), overdue (every missed deadline), risk.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "core/due.hpp"
#include "core/locale_text.hpp"
#include "core/practice_text.hpp"
#include "core/report_detail.hpp"

namespace casectl::report_detail {

namespace {

const char* const kRisks[] = {"low", "medium", "high", "very-high"};

// Index of a risk in kRisks, 4 for none (not yet assessed).
std::size_t risk_slot(const std::string& risk) {
  for (std::size_t i = 0; i < 4; ++i)
    if (risk == kRisks[i]) return i;
  return 4;
}

bool has_overdue(const CaseSummary& s, const DateTime& now) {
  return std::any_of(s.deadlines.begin(), s.deadlines.end(),
                     [&](const OpenDeadline& d) { return minutes_late(d.due, now) > 0; });
}

}  // namespace

Report caseload_report(const std::vector<CaseSummary>& summaries, const ReportParams& p) {
  // Per worker: intake, assessed, active, open, overdue, then the risks low..very-high and none.
  using Counts = std::array<long, 10>;
  std::map<std::string, Counts> by_worker;
  for (const CaseSummary& s : summaries) {
    if (!selected(s, p) || !open_case(s)) continue;
    Counts& c = by_worker.try_emplace(s.worker, Counts{}).first->second;
    if (s.status == "intake") ++c[0];
    if (s.status == "assessed") ++c[1];
    if (s.status == "active") ++c[2];
    ++c[3];
    if (has_overdue(s, p.now)) ++c[4];
    ++c[5 + risk_slot(s.risk)];
  }
  Table t;
  t.columns = {column("worker", "WORKER", "担当", p),
               column("intake", "INTAKE", "受理", p, true),
               column("assessed", "ASSESSED", "アセスメント済", p, true),
               column("active", "ACTIVE", "支援中", p, true),
               column("open", "OPEN", "計", p, true),
               column("overdue", "OVERDUE", "期限超過", p, true),
               column("risk_low", "LOW", "低", p, true),
               column("risk_medium", "MEDIUM", "中", p, true),
               column("risk_high", "HIGH", "高", p, true),
               column("risk_very_high", "VERY HIGH", "非常に高い", p, true),
               column("not_assessed", "NOT ASSESSED", "未評価", p, true)};
  Counts total{};
  auto row_of = [](std::string name, const Counts& c) {
    std::vector<std::string> row{std::move(name)};
    for (long n : c) row.push_back(std::to_string(n));
    return row;
  };
  for (const auto& [worker, c] : by_worker) {
    t.rows.push_back(row_of(worker, c));
    for (std::size_t i = 0; i < c.size(); ++i) total[i] += c[i];
  }
  // People read a total line; scripts sum the rows themselves.
  if (p.people && !by_worker.empty()) t.rows.push_back(row_of(in_locale(p.locale, "TOTAL", "合計"), total));
  return Report{ReportKind::caseload, {{"workers", in_locale(p.locale, "Open cases per worker", "担当者別の継続ケース"), t}}};
}

Report overdue_report(const std::vector<CaseSummary>& summaries, const ReportParams& p) {
  std::vector<DueItem> items;
  for (const CaseSummary& s : summaries)
    if (selected(s, p)) collect_due(s, p.now, 0, items);
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const DueItem& i) { return minutes_late(i.deadline.due, p.now) <= 0; }),
              items.end());
  sort_due(items);
  Table t = due_table(items, p.now, p.locale, p.people);
  return Report{ReportKind::overdue, {{"deadlines", in_locale(p.locale, "Missed deadlines", "期限超過"), t}}};
}

Report risk_report(const std::vector<CaseSummary>& summaries, const ReportParams& p) {
  // Open cases by risk (rows, with "not assessed") and safety (columns, with "unknown").
  const auto& safeties = enums::safety.values;
  std::array<std::vector<long>, 5> counts;
  for (auto& c : counts) c.assign(safeties.size() + 2, 0);
  std::vector<const CaseSummary*> high;
  for (const CaseSummary& s : summaries) {
    if (!selected(s, p) || !open_case(s)) continue;
    std::vector<long>& row = counts[risk_slot(s.risk)];
    std::size_t col = safeties.size();
    for (std::size_t i = 0; i < safeties.size(); ++i)
      if (s.safety == safeties[i].value) col = i;
    ++row[col];
    ++row.back();
    if (s.risk == "high" || s.risk == "very-high") high.push_back(&s);
  }
  Table t;
  t.columns = {column("risk", "RISK", "リスク", p)};
  for (const EnumValue& v : safeties) {
    std::string key = v.value;
    std::replace(key.begin(), key.end(), '-', '_');
    std::string heading = enums::safety.label(v.value, p.locale);
    for (char& c : heading) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));  // ASCII only
    t.columns.push_back(Column{key, p.people ? heading : key, true});
  }
  t.columns.push_back(column("safety_unknown", "UNKNOWN", "不明", p, true));
  t.columns.push_back(column("total", "TOTAL", "計", p, true));
  for (std::size_t r = 0; r < 5; ++r) {
    std::vector<std::string> row{r < 4 ? value(enums::risk, kRisks[r], p)
                                       : (p.people ? in_locale(p.locale, "not assessed", "未評価") : "none")};
    for (long n : counts[r]) row.push_back(std::to_string(n));
    t.rows.push_back(std::move(row));
  }

  // High and very high: the longest without contact first (none recorded: first of all).
  auto since = [&](const CaseSummary* s) {
    return s->last_contact ? days_between(*s->last_contact, p.as_of) : 1L << 30;
  };
  std::stable_sort(high.begin(), high.end(), [&](const CaseSummary* a, const CaseSummary* b) {
    if (risk_slot(a->risk) != risk_slot(b->risk)) return risk_slot(a->risk) > risk_slot(b->risk);
    return since(a) > since(b);
  });
  Table h;
  h.columns = {column("case", "CASE", "ケース", p), column("worker", "WORKER", "担当", p)};
  person_columns(h, p);
  for (auto c : {column("risk", "RISK", "リスク", p), column("safety", "SAFETY", "安全", p),
                 column("last_contact", "LAST CONTACT", "最終接触", p),
                 column("days_since_contact", "DAYS SINCE", "経過日数", p, true)})
    h.columns.push_back(c);
  for (const CaseSummary* s : high) {
    std::vector<std::string> row{s->id, s->worker};
    person_cells(row, *s, p);
    row.push_back(value(enums::risk, s->risk, p));
    row.push_back(value(enums::safety, s->safety, p));
    row.push_back(iso(s->last_contact));
    row.push_back(s->last_contact ? std::to_string(since(s)) : "");
    h.rows.push_back(std::move(row));
  }
  return Report{ReportKind::risk,
                {{"counts", in_locale(p.locale, "Open cases by risk and safety", "リスク・安全別の継続ケース"), t},
                 {"high", in_locale(p.locale, "High and very high risk: last contact", "リスク高・非常に高い: 最終接触"), h}}};
}

}  // namespace casectl::report_detail
