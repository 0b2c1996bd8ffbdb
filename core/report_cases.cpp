// The reports on open cases: caseload (per worker), overdue (every missed deadline), risk.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>

#include "core/deadlines.hpp"
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

// Per worker: intake, assessed, active, open, overdue, then the risks low..very-high and none.
class Caseload : public ReportBuilder {
 public:
  explicit Caseload(const ReportParams& p) : p_(p) {}
  SummaryFields fields() const override { return SummaryFields::of({"status", "worker", "deadlines", "risk"}); }
  void add(const CaseSummary& s, std::size_t) override {
    if (!selected(s, p_) || !open_case(s)) return;
    Counts& c = by_worker_.try_emplace(s.worker, Counts{}).first->second;
    if (s.status == "intake") ++c[0];
    if (s.status == "assessed") ++c[1];
    if (s.status == "active") ++c[2];
    ++c[3];
    if (s.any_deadline_overdue(p_.now)) ++c[4];
    ++c[5 + risk_slot(s.risk)];
  }
  Report finish() override {
    const ReportParams& p = p_;
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
    for (const auto& [worker, c] : by_worker_) {
      t.rows.push_back(row_of(worker, c));
      for (std::size_t i = 0; i < c.size(); ++i) total[i] += c[i];
    }
    // People read a total line; scripts sum the rows themselves.
    if (p.people && !by_worker_.empty()) t.rows.push_back(row_of(in_locale(p.locale, "TOTAL", "合計"), total));
    return Report{ReportKind::caseload, {}}
        .add("workers", in_locale(p.locale, "Open cases per worker", "担当者別の継続ケース"), std::move(t));
  }

 private:
  using Counts = std::array<long, 10>;
  ReportParams p_;
  std::map<std::string, Counts> by_worker_;
};

// Every missed deadline, most urgent first (ties in case order), as `due` words them.
class Overdue : public ReportBuilder {
 public:
  explicit Overdue(const ReportParams& p) : p_(p) {}
  SummaryFields fields() const override { return DueList::fields(); }
  void add(const CaseSummary& s, std::size_t seq) override {
    if (selected(s, p_)) missed_.add(s, seq, p_.now, 0, true);
  }
  // Gathered on every core as `due` gathers (a list a run, appended in order).
  std::unique_ptr<ReportBuilder> part() const override { return std::make_unique<Overdue>(p_); }
  void join(ReportBuilder&& part) override { missed_.append(std::move(static_cast<Overdue&>(part).missed_)); }
  Report finish() override {
    // The rows made as the report is written, from the missed deadlines the section keeps.
    auto m = std::make_shared<Missed>(Missed{std::move(missed_), {}, p_});
    m->items = m->list.sorted();
    Table t;
    t.columns = due_columns(p_.locale, p_.people);
    std::size_t n = m->items.size();
    return Report{ReportKind::overdue, {}}.add_later(
        "deadlines", in_locale(p_.locale, "Missed deadlines", "期限超過"), std::move(t), n,
        [m](std::size_t k) { return due_row(*m->items[k], m->p.now, m->p.locale, m->p.people); });
  }

 private:
  struct Missed {
    DueList list;
    std::vector<const DueItem*> items;  // sorted, pointing into list
    ReportParams p;
  };
  ReportParams p_;
  DueList missed_;
};

// Open cases by risk (rows, with "not assessed") and safety (columns, with "unknown"); the high
// and very high ones with their last contact.
class Risk : public ReportBuilder {
 public:
  explicit Risk(const ReportParams& p) : p_(p) {
    for (auto& c : counts_) c.assign(enums::safety.values.size() + 2, 0);
  }
  SummaryFields fields() const override {
    return SummaryFields::of({"status", "worker", "risk", "safety", "last_contact", "client_name", "birth_date"});
  }
  void add(const CaseSummary& s, std::size_t seq) override {
    if (!selected(s, p_) || !open_case(s)) return;
    const auto& safeties = enums::safety.values;
    std::vector<long>& row = counts_[risk_slot(s.risk)];
    std::size_t col = safeties.size();
    for (std::size_t i = 0; i < safeties.size(); ++i)
      if (s.safety == safeties[i].value) col = i;
    ++row[col];
    ++row.back();
    if (s.risk != "high" && s.risk != "very-high") return;
    std::vector<std::string> cells{s.id, s.worker};
    person_cells(cells, s, p_);
    cells.push_back(value(enums::risk, s.risk, p_));
    cells.push_back(value(enums::safety, s.safety, p_));
    cells.push_back(iso(s.last_contact));
    long since = s.last_contact ? days_between(*s.last_contact, p_.as_of) : kNever;
    cells.push_back(s.last_contact ? std::to_string(since) : "");
    high_.emplace_back(seq, High{risk_slot(s.risk), since, std::move(cells)});
  }
  Report finish() override {
    const ReportParams& p = p_;
    Table t;
    t.columns = {column("risk", "RISK", "リスク", p)};
    for (const EnumValue& v : enums::safety.values) {
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
      for (long n : counts_[r]) row.push_back(std::to_string(n));
      t.rows.push_back(std::move(row));
    }
    // Very high first, then the longest without contact (none recorded: first of all).
    sort_rows(high_, [](const High& a, const High& b) {
      if (a.risk != b.risk) return a.risk > b.risk;
      return a.since > b.since;
    });
    Table h;
    h.columns = {column("case", "CASE", "ケース", p), column("worker", "WORKER", "担当", p)};
    person_columns(h, p);
    for (auto c : {column("risk", "RISK", "リスク", p), column("safety", "SAFETY", "安全", p),
                   column("last_contact", "LAST CONTACT", "最終接触", p),
                   column("days_since_contact", "DAYS SINCE", "経過日数", p, true)})
      h.columns.push_back(c);
    for (auto& [seq, row] : high_) h.rows.push_back(std::move(row.cells));
    return Report{ReportKind::risk, {}}
        .add("counts", in_locale(p.locale, "Open cases by risk and safety", "リスク・安全別の継続ケース"), std::move(t))
        .add("high", in_locale(p.locale, "High and very high risk: last contact", "リスク高・非常に高い: 最終接触"), std::move(h));
  }

 private:
  static constexpr long kNever = 1L << 30;
  struct High {
    std::size_t risk;
    long since;
    std::vector<std::string> cells;
  };
  ReportParams p_;
  std::array<std::vector<long>, 5> counts_;
  std::vector<std::pair<std::size_t, High>> high_;
};

}  // namespace

std::unique_ptr<ReportBuilder> caseload_builder(const ReportParams& p) { return std::make_unique<Caseload>(p); }
std::unique_ptr<ReportBuilder> overdue_builder(const ReportParams& p) { return std::make_unique<Overdue>(p); }
std::unique_ptr<ReportBuilder> risk_builder(const ReportParams& p) { return std::make_unique<Risk>(p); }

}  // namespace casectl::report_detail
