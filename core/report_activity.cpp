// The activity report: changes entered in a period, per worker and action, from the audit trail.
#include <algorithm>
#include <map>
#include <set>

#include "core/locale_text.hpp"
#include "core/report_detail.hpp"

namespace casectl {

using namespace report_detail;

namespace {

// Who made a change, for the report.
std::string worker_of(const Change& c, const std::vector<Worker>& workers, const ReportParams& p) {
  if (c.casectl) return c.worker;
  for (const Worker& w : workers)
    if (!w.email.empty() && w.email == c.author_email) return w.id;
  return p.redact ? "(git)" : c.author_email;
}

}  // namespace

Report activity_report(const std::vector<Change>& changes, const std::vector<Worker>& workers, const ReportParams& p) {
  struct Count {
    long changes = 0, late = 0;
    std::set<std::string> cases;
  };
  std::map<std::pair<std::string, std::string>, Count> by;  // (worker, action)
  for (const Change& c : changes) {
    Date entered = local_time(static_cast<std::time_t>(c.entered)).date;
    if (entered < p.from || entered > p.to) continue;
    std::string worker = worker_of(c, workers, p);
    if (!p.workers.empty() && std::find(p.workers.begin(), p.workers.end(), worker) == p.workers.end()) continue;
    Count& n = by[{worker, c.merge ? std::string("merge") : c.action}];
    ++n.changes;
    if (late_entry(c)) ++n.late;
    if (!c.merge) n.cases.insert(c.cases.begin(), c.cases.end());
  }
  Table t;
  t.columns = {column("worker", "WORKER", "担当", p), column("action", "ACTION", "操作", p),
               column("changes", "CHANGES", "件数", p, true), column("cases", "CASES", "ケース数", p, true),
               column("late", "ENTERED LATE", "遅れた入力", p, true)};
  for (const auto& [key, n] : by)
    t.rows.push_back({key.first, key.second, std::to_string(n.changes), std::to_string(n.cases.size()),
                      std::to_string(n.late)});
  Table period;
  period.columns = {column("from", "FROM", "開始", p), column("to", "TO", "終了", p)};
  long total = 0;
  for (const auto& entry : by) total += entry.second.changes;
  period.columns.push_back(column("changes", "CHANGES", "件数", p, true));
  period.rows.push_back({p.from.iso(), p.to.iso(), std::to_string(total)});
  return Report{ReportKind::activity, {}}
      .add("summary", in_locale(p.locale, "Changes entered in the period", "期間中の入力"), std::move(period))
      .add("workers", in_locale(p.locale, "Per worker and action", "担当者・操作別"), std::move(t));
}

}  // namespace casectl
