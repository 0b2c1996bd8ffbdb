// The batch reports of SPEC section 7 (`casectl report NAME`): pure functions from the case
// index's summaries (and, for activity, the audit trail's changes) to tables. Data only: the CLI
// chooses the summaries (today's or as of a past day, core/report_input.hpp), renders and prints.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/history.hpp"
#include "core/summary.hpp"
#include "core/table.hpp"

namespace casectl {

// Every report, in the order `report --help` lists them.
enum class ReportKind { caseload, overdue, risk, outcomes, services, activity };
extern const std::vector<ReportKind> all_reports;
const char* code(ReportKind k);
std::optional<ReportKind> report_kind(std::string_view name);

struct ReportParams {
  Date as_of;        // the day pictured (cases open then, their status, risk and deadlines then)
  DateTime now;      // when deadlines are judged: the end of as_of (23:59), or the clock today
  Date from, to;     // the period of outcomes and activity (both days included)
  Strings workers;   // only these workers' cases (the worker in charge at as_of); empty: all
  bool redact = false;  // no names, birth dates (ages instead) or free text (providers)
  bool people = true;   // headings and values as labels in locale (table, md); else keys and codes
  std::string locale;   // "en" or "ja"
};

// One table of a report: `name` is its stable key (json, --section), `title` its heading.
struct ReportSection {
  std::string name;
  std::string title;
  Table table;
  // A big section's rows made as they are written instead of held (overdue's: 166,000 at 100,000
  // cases): `rows_later` of them, row k made by row_later(k) on any thread; table.rows is then
  // empty. Unset for the others.
  std::size_t rows_later = 0;
  std::function<std::vector<std::string>(std::size_t k)> row_later;

  std::size_t row_count() const { return row_later ? rows_later : table.rows.size(); }
  // Makes the rows now and holds them in table.rows (for JSON, and for a caller that reads them).
  void hold_rows();
  // The table's text as render_to() gives it, to sink in pieces; rows made later are made on
  // every core as the text is written, never all held.
  void write_to(Format f, bool colour, const std::function<void(const std::string&)>& sink) const;
};

struct Report {
  ReportKind kind = ReportKind::caseload;
  std::vector<ReportSection> sections;

  // Adds a section, its table moved in (a list of sections in braces would copy each table);
  // `return Report{kind, {}}.add(...).add(...)` moves the whole report out.
  Report&& add(std::string name, std::string title, Table&& table) && {
    sections.push_back(ReportSection{std::move(name), std::move(title), std::move(table), 0, {}});
    return std::move(*this);
  }
  // Adds a section of `rows` rows made as they are written (ReportSection::row_later); table
  // gives its columns.
  Report&& add_later(std::string name, std::string title, Table&& table, std::size_t rows,
                     std::function<std::vector<std::string>(std::size_t)> row) && {
    sections.push_back(ReportSection{std::move(name), std::move(title), std::move(table), rows, std::move(row)});
    return std::move(*this);
  }
};

// A report made one case at a time, so that 100,000 summaries are never held at once.
class ReportBuilder {
 public:
  virtual ~ReportBuilder() = default;
  // Counts one case (an unreadable one is skipped: the CLI warns). seq is its place in case-ID
  // order: rows about cases come out in that order, whatever order they were added in.
  virtual void add(const CaseSummary& s, std::size_t seq) = 0;
  // The report (a big section's rows may be made later: ReportSection::row_later).
  virtual Report finish() = 0;
  // The summary fields add() reads (CaseIndex::for_each's `read`): passing over the others is
  // most of the time a report of 100,000 cases takes.
  virtual SummaryFields fields() const = 0;
  // For a report whose cases may be added on every core: a builder of the same report for one run
  // of consecutive cases (added in case order, seq rising), whose cases join() then takes over,
  // the runs joined in case order before finish(). nullptr (the default): add() on one thread.
  virtual std::unique_ptr<ReportBuilder> part() const { return nullptr; }
  virtual void join(ReportBuilder&& part) { (void)part; }
};

// The builder of a report kind (not activity).
std::unique_ptr<ReportBuilder> report_builder(ReportKind kind, const ReportParams& p);
// The report over summaries in case-ID order, every row held (ReportSection::hold_rows()).
Report build_report(ReportKind kind, const std::vector<CaseSummary>& summaries, const ReportParams& p);
// The activity report: changes entered in the period, per worker and action. A change made with
// plain git is its author's: the worker of `workers` with that email, else "(git)" redacted or
// the email; a merge counts as action "merge" touching no case (its cases were changed by the
// commits it brings, counted themselves).
Report activity_report(const std::vector<Change>& changes, const std::vector<Worker>& workers, const ReportParams& p);

}  // namespace casectl
