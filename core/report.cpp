// The report table: names, shared columns and build_report()'s dispatch.
#include "core/i18n.hpp"
#include "core/report.hpp"

#include <algorithm>

#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/locale_text.hpp"
#include "core/parallel.hpp"
#include "core/report_detail.hpp"

namespace casectl {

const std::vector<ReportKind> all_reports = {ReportKind::caseload, ReportKind::overdue,  ReportKind::risk,
                                             ReportKind::outcomes, ReportKind::services, ReportKind::activity};

const char* code(ReportKind k) {
  switch (k) {
    case ReportKind::caseload: return "caseload";
    case ReportKind::overdue: return "overdue";
    case ReportKind::risk: return "risk";
    case ReportKind::outcomes: return "outcomes";
    case ReportKind::services: return "services";
    case ReportKind::activity: return "activity";
  }
  return "";
}

std::optional<ReportKind> report_kind(std::string_view name) {
  for (ReportKind k : all_reports)
    if (name == code(k)) return k;
  return std::nullopt;
}

namespace report_detail {

std::string value(const Enum& e, const std::string& code, const ReportParams& p) {
  return p.people && !code.empty() ? e.label(code, p.locale) : code;
}

Column column(const char* key, const char* en, const char* ja, const ReportParams& p, bool numeric) {
  return Column{key, p.people ? in_locale(p.locale, en, ja) : key, numeric};
}

bool selected(const CaseSummary& s, const ReportParams& p) {
  return s.ok() && (p.workers.empty() || std::find(p.workers.begin(), p.workers.end(), s.worker) != p.workers.end());
}

void person_columns(Table& t, const ReportParams& p) {
  if (p.redact) {
    t.columns.push_back(column("age", "AGE", "年齢", p, true));
    return;
  }
  t.columns.push_back(column("name", "NAME", "氏名", p));
  t.columns.push_back(column("birth_date", "BORN", "生年月日", p));
}

void person_cells(std::vector<std::string>& row, const CaseSummary& s, const ReportParams& p) {
  if (p.redact) {
    row.push_back(s.birth_date && *s.birth_date <= p.as_of ? std::to_string(age_on(*s.birth_date, p.as_of)) : "");
    return;
  }
  row.push_back(s.client_name);
  row.push_back(iso(s.birth_date));
}

long days_between(const Date& a, const Date& b) { return b.days() - a.days(); }

std::string median(std::vector<long> v) {
  if (v.empty()) return "";
  std::sort(v.begin(), v.end());
  std::size_t m = v.size() / 2;
  if (v.size() % 2) return std::to_string(v[m]);
  long twice = v[m - 1] + v[m];
  return twice % 2 ? std::to_string(twice / 2) + ".5" : std::to_string(twice / 2);
}

bool open_case(const CaseSummary& s) { return s.status != "closed"; }

}  // namespace report_detail

std::unique_ptr<ReportBuilder> report_builder(ReportKind kind, const ReportParams& p) {
  using namespace report_detail;
  switch (kind) {
    case ReportKind::caseload: return caseload_builder(p);
    case ReportKind::overdue: return overdue_builder(p);
    case ReportKind::risk: return risk_builder(p);
    case ReportKind::outcomes: return outcomes_builder(p);
    case ReportKind::services: return services_builder(p);
    case ReportKind::activity: break;
  }
  fail(ErrorKind::internal, tx("report: activity is made from the audit trail, not the summaries"));
}

Report build_report(ReportKind kind, const std::vector<CaseSummary>& summaries, const ReportParams& p) {
  std::unique_ptr<ReportBuilder> b = report_builder(kind, p);
  for (std::size_t i = 0; i < summaries.size(); ++i) b->add(summaries[i], i);
  Report r = b->finish();
  for (ReportSection& s : r.sections) s.hold_rows();
  return r;
}

void ReportSection::hold_rows() {
  if (!row_later) return;
  table.rows.resize(rows_later);
  parallel_runs(rows_later, 32, [&](std::size_t, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) table.rows[k] = row_later(k);
  });
  row_later = nullptr;
  rows_later = 0;
}

void ReportSection::write_to(Format f, bool colour, const std::function<void(const std::string&)>& sink) const {
  if (!row_later) return render_to(table, f, colour, sink);
  TableStream stream(table.columns, f, sink, colour);
  stream.rows_in_runs(rows_later, [&](std::size_t k, TableStream& part) { part.row(row_later(k)); });
  stream.finish();
}

}  // namespace casectl
