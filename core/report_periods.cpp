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
  long closures = 0, goals = 0, achieved = 0;
  std::vector<long> days;
};

std::vector<std::string> tally_cells(const Tally& t) {
  return {std::to_string(t.closures), std::to_string(t.goals), std::to_string(t.achieved), median(t.days)};
}

// Closures dated in the period: totals, by reason, and one row each.
class Outcomes : public ReportBuilder {
 public:
  explicit Outcomes(const ReportParams& p) : p_(p) {}
  SummaryFields fields() const override { return SummaryFields::of({"worker", "closures", "client_name", "birth_date"}); }
  void add(const CaseSummary& s, std::size_t seq) override {
    if (!selected(s, p_)) return;
    for (const ClosureFact& c : s.closures) {
      if (in_period(c.reopened, p_)) ++reopened_;
      if (!in_period(c.date, p_)) continue;
      std::optional<long> days;
      if (c.began && c.date) days = days_between(*c.began, *c.date);
      for (Tally* t : {&all_, &by_reason_[c.reason]}) {
        ++t->closures;
        t->goals += c.goals;
        t->achieved += c.achieved;
        if (days) t->days.push_back(*days);
      }
      std::vector<std::string> row{s.id, s.worker, std::to_string(c.n)};
      person_cells(row, s, p_);
      for (std::string cell : {iso(c.began), iso(c.date), days ? std::to_string(*days) : std::string(),
                               value(enums::closure_reason, c.reason, p_), std::to_string(c.goals),
                               std::to_string(c.achieved), iso(c.reopened)})
        row.push_back(std::move(cell));
      rows_.emplace_back(seq, std::move(row));
    }
  }
  Report finish() override {
    const ReportParams& p = p_;
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
    for (std::string cell : tally_cells(all_)) row.push_back(std::move(cell));
    row.push_back(std::to_string(reopened_));
    summary.rows.push_back(std::move(row));

    Table reasons;
    reasons.columns = {column("reason", "REASON", "終結理由", p)};
    tally_columns(reasons);
    for (const auto& [reason, t] : by_reason_) {
      std::vector<std::string> r{value(enums::closure_reason, reason, p)};
      for (std::string cell : tally_cells(t)) r.push_back(std::move(cell));
      reasons.rows.push_back(std::move(r));
    }

    Table cases;
    cases.columns = {column("case", "CASE", "ケース", p), column("worker", "WORKER", "担当", p),
                     column("closure", "CLOSURE", "終結", p, true)};
    person_columns(cases, p);
    for (auto c : {column("began", "BEGAN", "開始", p), column("closed", "CLOSED", "終結日", p),
                   column("days_open", "DAYS OPEN", "日数", p, true), column("reason", "REASON", "終結理由", p),
                   column("goals", "GOALS", "目標", p, true), column("achieved", "ACHIEVED", "達成", p, true),
                   column("reopened", "REOPENED", "再開", p)})
      cases.columns.push_back(c);
    sort_rows(rows_, [](const auto&, const auto&) { return false; });  // case order, closures in order
    for (auto& [seq, r] : rows_) cases.rows.push_back(std::move(r));
    return Report{ReportKind::outcomes, {}}
        .add("summary", in_locale(p.locale, "Closures in the period", "期間中の終結"), std::move(summary))
        .add("reasons", in_locale(p.locale, "By reason", "終結理由別"), std::move(reasons))
        .add("cases", in_locale(p.locale, "Closed cases", "終結ケース"), std::move(cases));
  }

 private:
  ReportParams p_;
  Tally all_;
  long reopened_ = 0;  // closures reopened within the period
  std::map<std::string, Tally> by_reason_;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> rows_;
};

// Services of open cases running on as_of: by type and provider (providers left out when
// redacted: a provider may be a person), and one type twice in a case.
class Services : public ReportBuilder {
 public:
  explicit Services(const ReportParams& p) : p_(p) {}
  SummaryFields fields() const override { return SummaryFields::of({"status", "worker", "services"}); }
  void add(const CaseSummary& s, std::size_t seq) override {
    if (!selected(s, p_) || !open_case(s)) return;
    std::map<std::string, std::string> ids_by_type;
    for (const ServiceEnd& e : s.services) {
      bool running = (!e.start || *e.start <= p_.as_of) && (!e.end || *e.end >= p_.as_of);
      if (!running) continue;
      Count& c = by_type_[{e.type, p_.redact ? std::string() : e.provider}];
      ++c.services;
      ++c.cases;
      if (c.last_seq == seq + 1) --c.cases;  // this case counted already
      c.last_seq = seq + 1;
      std::string& ids = ids_by_type[e.type];
      ids += (ids.empty() ? "" : " ") + e.service;
    }
    for (auto& [type, ids] : ids_by_type)
      if (ids.find(' ') != std::string::npos)
        dup_.emplace_back(seq, std::vector<std::string>{s.id, s.worker, value(enums::service_type, type, p_), ids});
  }
  Report finish() override {
    const ReportParams& p = p_;
    Table types;
    types.columns = {column("type", "TYPE", "種類", p)};
    if (!p.redact) types.columns.push_back(column("provider", "PROVIDER", "提供機関", p));
    types.columns.push_back(column("services", "SERVICES", "サービス数", p, true));
    types.columns.push_back(column("cases", "CASES", "ケース数", p, true));
    for (const auto& [key, c] : by_type_) {
      std::vector<std::string> row{value(enums::service_type, key.first, p)};
      if (!p.redact) row.push_back(key.second);
      row.push_back(std::to_string(c.services));
      row.push_back(std::to_string(c.cases));
      types.rows.push_back(std::move(row));
    }
    Table dup;
    dup.columns = {column("case", "CASE", "ケース", p), column("worker", "WORKER", "担当", p),
                   column("type", "TYPE", "種類", p),
                   Column{"services", p.people ? in_locale(p.locale, "SERVICES", "サービス") : "services", false, true}};
    sort_rows(dup_, [](const auto&, const auto&) { return false; });
    for (auto& [seq, r] : dup_) dup.rows.push_back(std::move(r));
    return Report{ReportKind::services, {}}
        .add("types", in_locale(p.locale, "Services in force by type and provider", "種類・提供機関別の実施中サービス"), std::move(types))
        .add("duplicates", in_locale(p.locale, "The same type twice in one case", "同一ケースで同じ種類のサービス"), std::move(dup));
  }

 private:
  struct Count {
    long services = 0, cases = 0;
    std::size_t last_seq = 0;  // seq + 1 of the last case counted (cases are added once each)
  };
  ReportParams p_;
  std::map<std::pair<std::string, std::string>, Count> by_type_;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> dup_;
};

}  // namespace

std::unique_ptr<ReportBuilder> outcomes_builder(const ReportParams& p) { return std::make_unique<Outcomes>(p); }
std::unique_ptr<ReportBuilder> services_builder(const ReportParams& p) { return std::make_unique<Services>(p); }

}  // namespace casectl::report_detail
