// The reports over a period or the services: outcomes (closures in the period) and services (in
// force at as_of).
#include <algorithm>
#include <map>
#include <set>

#include "core/locale_text.hpp"
#include "core/report_detail.hpp"

namespace casectl::report_detail {

namespace {

bool in_period(const OptDate& d, const ReportParams& p) { return d && *d >= p.from && *d <= p.to; }

struct Tally {
  long closures = 0, goals = 0, achieved = 0, reopened = 0;
  std::vector<long> days;
};

std::vector<std::string> tally_cells(const Tally& t) {
  return {std::to_string(t.closures), std::to_string(t.goals), std::to_string(t.achieved), median(t.days)};
}

}  // namespace

Report outcomes_report(const std::vector<CaseSummary>& summaries, const ReportParams& p) {
  Tally all;
  std::map<std::string, Tally> by_reason;
  Table cases;
  cases.columns = {column("case", "CASE", "ケース", p), column("worker", "WORKER", "担当", p),
                   column("closure", "CLOSURE", "終結", p, true)};
  person_columns(cases, p);
  for (auto c : {column("began", "BEGAN", "開始", p), column("closed", "CLOSED", "終結日", p),
                 column("days_open", "DAYS OPEN", "日数", p, true), column("reason", "REASON", "終結理由", p),
                 column("goals", "GOALS", "目標", p, true), column("achieved", "ACHIEVED", "達成", p, true),
                 column("reopened", "REOPENED", "再開", p)})
    cases.columns.push_back(c);
  for (const CaseSummary& s : summaries) {
    if (!selected(s, p)) continue;
    for (const ClosureFact& c : s.closures) {
      if (in_period(c.reopened, p)) ++all.reopened;
      if (!in_period(c.date, p)) continue;
      std::optional<long> days;
      if (c.began && c.date) days = days_between(*c.began, *c.date);
      for (Tally* t : {&all, &by_reason[c.reason]}) {
        ++t->closures;
        t->goals += c.goals;
        t->achieved += c.achieved;
        if (days) t->days.push_back(*days);
      }
      std::vector<std::string> row{s.id, s.worker, std::to_string(c.n)};
      person_cells(row, s, p);
      for (std::string cell : {iso(c.began), iso(c.date), days ? std::to_string(*days) : std::string(),
                               value(enums::closure_reason, c.reason, p), std::to_string(c.goals),
                               std::to_string(c.achieved), iso(c.reopened)})
        row.push_back(std::move(cell));
      cases.rows.push_back(std::move(row));
    }
  }
  auto tally_columns = [&](Table& t) {
    for (auto c : {column("closures", "CLOSED", "終結", p, true), column("goals", "GOALS", "目標", p, true),
                   column("achieved", "ACHIEVED", "達成", p, true),
                   column("median_days_open", "MEDIAN DAYS OPEN", "日数中央値", p, true)})
      t.columns.push_back(c);
  };
  Table summary;
  summary.columns = {column("from", "FROM", "開始", p), column("to", "TO", "終了", p)};
  tally_columns(summary);
  summary.columns.push_back(column("reopened", "REOPENED", "再開", p, true));
  std::vector<std::string> row{p.from.iso(), p.to.iso()};
  for (std::string cell : tally_cells(all)) row.push_back(std::move(cell));
  row.push_back(std::to_string(all.reopened));
  summary.rows.push_back(std::move(row));
  Table reasons;
  reasons.columns = {column("reason", "REASON", "終結理由", p)};
  tally_columns(reasons);
  for (const auto& [reason, t] : by_reason) {
    std::vector<std::string> r{value(enums::closure_reason, reason, p)};
    for (std::string cell : tally_cells(t)) r.push_back(std::move(cell));
    reasons.rows.push_back(std::move(r));
  }
  return Report{ReportKind::outcomes,
                {{"summary", in_locale(p.locale, "Closures in the period", "期間中の終結"), summary},
                 {"reasons", in_locale(p.locale, "By reason", "終結理由別"), reasons},
                 {"cases", in_locale(p.locale, "Closed cases", "終結ケース"), cases}}};
}

Report services_report(const std::vector<CaseSummary>& summaries, const ReportParams& p) {
  struct Count {
    long services = 0;
    std::set<std::string> cases;
  };
  // By type, then provider (left out when redacted: a provider may be a person).
  std::map<std::pair<std::string, std::string>, Count> by_type;
  Table dup;
  dup.columns = {column("case", "CASE", "ケース", p), column("worker", "WORKER", "担当", p),
                 column("type", "TYPE", "種類", p), Column{"services", p.people ? in_locale(p.locale, "SERVICES", "サービス") : "services", false, true}};
  for (const CaseSummary& s : summaries) {
    if (!selected(s, p) || !open_case(s)) continue;
    std::map<std::string, Strings> ids_by_type;
    for (const ServiceEnd& e : s.services) {
      bool running = (!e.start || *e.start <= p.as_of) && (!e.end || *e.end >= p.as_of);
      if (!running) continue;
      Count& c = by_type[{e.type, p.redact ? std::string() : e.provider}];
      ++c.services;
      c.cases.insert(s.id);
      ids_by_type[e.type].push_back(e.service);
    }
    for (const auto& [type, ids] : ids_by_type) {
      if (ids.size() < 2) continue;
      std::string list;
      for (const auto& id : ids) list += (list.empty() ? "" : " ") + id;
      dup.rows.push_back({s.id, s.worker, value(enums::service_type, type, p), list});
    }
  }
  Table types;
  types.columns = {column("type", "TYPE", "種類", p)};
  if (!p.redact) types.columns.push_back(column("provider", "PROVIDER", "提供機関", p));
  types.columns.push_back(column("services", "SERVICES", "サービス数", p, true));
  types.columns.push_back(column("cases", "CASES", "ケース数", p, true));
  for (const auto& [key, c] : by_type) {
    std::vector<std::string> row{value(enums::service_type, key.first, p)};
    if (!p.redact) row.push_back(key.second);
    row.push_back(std::to_string(c.services));
    row.push_back(std::to_string(c.cases.size()));
    types.rows.push_back(std::move(row));
  }
  return Report{ReportKind::services,
                {{"types", in_locale(p.locale, "Services in force by type and provider", "種類・提供機関別の実施中サービス"), types},
                 {"duplicates", in_locale(p.locale, "The same type twice in one case", "同一ケースで同じ種類のサービス"), dup}}};
}

}  // namespace casectl::report_detail
