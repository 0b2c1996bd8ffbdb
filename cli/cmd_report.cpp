// casectl report NAME: the batch reports of SPEC section 7 from the case index (never by reading
// every record), today or as of a past day, for people (table, md) or scripts (csv, json).
#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "cli/messages.hpp"
#include "cli/progress.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/history.hpp"
#include "core/i18n.hpp"
#include "core/index.hpp"
#include "core/locale_text.hpp"
#include "core/report.hpp"
#include "core/report_input.hpp"
#include "core/terminal_text.hpp"
#include "core/utf8.hpp"

namespace casectl::cli {
namespace {

// Runs of cases a report that can be made on every core is gathered in (ReportBuilder::part()):
// enough for both cores to stay busy, as `due`'s.
constexpr std::size_t kReportParts = 32;

struct ReportOptions {
  std::string name;
  std::string as_of, from, to, month, section;
  Strings workers;
  bool redact = false, bom = false;
};

// A period's day (--from, --to, --month's first): the value is quoted, which forms.hpp's
// date_option() never does (a birth date passes there).
Date period_day(const std::string& text, const char* option) {
  std::optional<Date> d = Date::parse(text);
  if (!d) fail(ErrorKind::usage, txf("{} {} is not a date (YYYY-MM-DD)", option, text));
  return *d;
}

// The day pictured and the period, from --as-of, --from, --to and --month (SPEC section 7):
// as of --as-of, else --to, else today; the period --from..--to, by default the month of its end
// up to that day; --month YYYY-MM is that whole month (up to today).
void choose_dates(const ReportOptions& o, ReportParams& p) {
  Date today = casectl::today();
  std::optional<Date> as_of;
  if (!o.as_of.empty()) as_of = as_of_option(o.as_of);
  if (!o.month.empty()) {
    if (!o.from.empty() || !o.to.empty())
      fail(ErrorKind::usage, tx("--month gives the period: leave out --from and --to"));
    Date first = period_day(o.month + "-01", "--month");
    Date next = first.m == 12 ? Date{first.y + 1, 1, 1} : Date{first.y, first.m + 1, 1};
    p.from = first;
    p.to = std::min(next.add_days(-1), today);
  } else {
    p.to = !o.to.empty() ? period_day(o.to, "--to") : as_of ? *as_of : today;
    p.from = !o.from.empty() ? period_day(o.from, "--from") : Date{p.to.y, p.to.m, 1};
  }
  p.as_of = as_of ? *as_of : p.to;
  if (p.to > today) fail(ErrorKind::usage, txf("--to {} is after today", p.to.iso()));
  if (p.from > p.to) fail(ErrorKind::usage, txf("the period starts ({}) after it ends ({})", p.from.iso(), p.to.iso()));
  p.now = judged_at(p.as_of);
}

// The reports over a period count what happened in it: a picture taken before it ends would
// silently leave its last days out.
void check_period(ReportKind kind, const ReportOptions& o, const ReportParams& p) {
  bool period = kind == ReportKind::outcomes || kind == ReportKind::activity;
  if (period && !o.as_of.empty() && p.as_of < p.to)
    fail(ErrorKind::usage, txf("--as-of {} is before the end of the period ({}): leave --as-of out, "
                                       "or end the period on it (--to)", p.as_of.iso(), p.to.iso()));
}

// The report's first line for people: what, as of when, over which period, for whom.
std::string title(const Report& r, const ReportParams& p) {
  struct Name {
    ReportKind kind;
    const char *en, *ja;
  };
  static const Name names[] = {{ReportKind::caseload, "Caseload", "担当ケース数"},
                               {ReportKind::overdue, "Overdue", "期限超過"},
                               {ReportKind::risk, "Risk", "リスク"},
                               {ReportKind::outcomes, "Outcomes", "終結の成果"},
                               {ReportKind::services, "Services", "サービス"},
                               {ReportKind::activity, "Activity", "入力の状況"}};
  std::string name;
  for (const Name& n : names)
    if (n.kind == r.kind) name = in_locale(p.locale, n.en, n.ja);
  bool period = r.kind == ReportKind::outcomes || r.kind == ReportKind::activity;
  std::string when = period ? format_period(p.from, p.to, p.locale, DateStyle::iso)
                            : fmt::format(fmt::runtime(in_locale(p.locale, "as of {}", "{}現在")), p.as_of.iso());
  std::string who;
  for (const auto& w : p.workers) who += (who.empty() ? "" : ", ") + w;
  if (!who.empty()) who = fmt::format(fmt::runtime(in_locale(p.locale, " (worker: {})", "（担当: {}）")), who);
  return name + " — " + when + who + (p.redact ? in_locale(p.locale, " [redacted]", " [匿名化]") : "");
}

// Writes the report to stdout as it is made: a big table (every missed deadline) goes out in
// pieces, never held whole as text.
void write_report(const Report& r, const ReportParams& p, Format f, const ReportOptions& o) {
  std::vector<const ReportSection*> shown;
  for (const ReportSection& s : r.sections)
    if (o.section.empty() || s.name == o.section) shown.push_back(&s);
  if (shown.empty()) {
    std::string names;
    for (const ReportSection& s : r.sections) names += (names.empty() ? "" : ", ") + s.name;
    fail(ErrorKind::usage, txf("report {} has no section {} (its sections: {})", code(r.kind), o.section, names));
  }
  if (f == Format::json) {
    nlohmann::ordered_json j;
    j["report"] = code(r.kind);
    j["as_of"] = p.as_of.iso();
    j["from"] = p.from.iso();
    j["to"] = p.to.iso();
    j["workers"] = p.workers;
    j["redacted"] = p.redact;
    auto& sections = j["sections"] = nlohmann::ordered_json::object();
    for (const ReportSection* s : shown) {
      ReportSection held;  // a section whose rows are made later, its rows made now: JSON is one document
      if (s->row_later) {
        held = *s;
        held.hold_rows();
      }
      sections[s->name] = nlohmann::ordered_json::parse(render_json(s->row_later ? held.table : s->table));
    }
    return out(json_escape_deceptive(j.dump(2)) + "\n");  // as render_json writes them: no raw bidi controls
  }
  if (f == Format::csv) {
    // One block per section, a blank line between (--section picks one).
    SpreadsheetCsv sheet;
    auto sink = [&](const std::string& piece) { out(o.bom ? sheet(piece) : piece); };
    for (const ReportSection* s : shown) {
      if (s != shown.front()) sink("\n");
      s->write_to(Format::csv, false, sink);
    }
    return;
  }
  bool md = f == Format::md;
  out(md ? "# " + title(r, p) + "\n" : terminal_text(title(r, p)) + "\n");
  for (const ReportSection* s : shown) {
    out(md ? "\n## " + s->title + "\n\n" : "\n" + s->title + "\n");
    if (s->row_count() == 0)
      out(std::string(in_locale(p.locale, "(none)", "（なし）")) + "\n");
    else
      s->write_to(md ? Format::md : Format::table, !md && use_colour(1), out);
  }
}

void run(const ReportOptions& o, const Globals& g) {
  std::string root = find_root(g.dir);
  Format f = parse_format(format_of(g, {"table", "csv", "json", "md"}));
  if (o.bom && f != Format::csv) fail(ErrorKind::usage, tx("--bom is for --format csv"));
  Config config = load_config(root);
  ReportKind kind = *report_kind(o.name);
  ReportParams p;
  choose_dates(o, p);
  check_period(kind, o, p);
  p.workers = o.workers;
  p.redact = o.redact;
  p.people = f == Format::table || f == Format::md;
  p.locale = ui_language();  // headings and labels in the language chosen (SPEC section 5)
  Report r;
  if (kind == ReportKind::activity) {
    History history(root);
    // The period's changes only (a day either side for time zones: the report checks local dates).
    r = activity_report(history.entered_between(local_start(p.from) - 86400, local_start(p.to.add_days(1)) + 86400),
                        config.workers, p);
  } else {
    CaseIndex::prepare_memory(root);
    CaseIndex index(root, config.policy);
    attach_progress(index);
    std::unique_ptr<ReportBuilder> builder = report_builder(kind, p);
    // What stderr says of an unreadable record (it is not counted).
    auto unreadable = [](const CaseSummary& s) {
      return s.ok() ? std::string()
                    : "casectl: " + txf("{} (cannot be read, not counted: run `casectl validate {}`)",
                                        terminal_text(s.error, Newlines::escape), s.id) + "\n";
    };
    auto add = [&](const CaseSummary& s, std::size_t seq) {
      std::fputs(unreadable(s).c_str(), stderr);
      builder->add(s, seq);
    };
    if (p.as_of != today()) {
      for_each_as_of(root, index, p.as_of, config.policy, add, builder->fields());
    } else if (std::unique_ptr<ReportBuilder> first = builder->part()) {
      // On every core: a builder a run of cases (its place: the run, then its place in it),
      // joined in case order.
      struct Part {
        std::unique_ptr<ReportBuilder> builder;
        std::size_t cases = 0;
        std::string warnings;
      };
      std::vector<Part> parts(kReportParts);
      parts[0].builder = std::move(first);
      for (std::size_t i = 1; i < parts.size(); ++i) parts[i].builder = builder->part();
      index.for_each_part({}, parts.size(), [&](std::size_t i, const CaseSummary& s) {
        Part& part = parts[i];
        part.warnings += unreadable(s);
        part.builder->add(s, (i << 32) + part.cases++);
      }, builder->fields());
      for (Part& part : parts) {
        std::fputs(part.warnings.c_str(), stderr);
        builder->join(std::move(*part.builder));
      }
    } else {
      std::size_t seq = 0;
      index.for_each({}, [&](const CaseSummary& s) { add(s, seq++); }, builder->fields());
    }
    r = builder->finish();
  }
  write_report(r, p, f, o);
}

}  // namespace

void register_report(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand("report", tx("batch reports: caseload, overdue, risk, outcomes, services, activity (--format table|csv|json|md)"));
  std::vector<std::string> names;
  for (ReportKind k : all_reports) names.push_back(code(k));
  cmd->add_option("NAME", o->name, tx("the report"))->required()->check(CLI::IsMember(names));
  cmd->add_option("--as-of", o->as_of, tx("the picture at the end of that day, from the records' event dates (default: the period's last day: --to, --month's end, else today)"))
      ->type_name("DATE");
  cmd->add_option("--from", o->from, tx("first day of the period (outcomes, activity; default: the 1st of --to's month)"))->type_name("DATE");
  cmd->add_option("--to", o->to, tx("last day of the period (default: --as-of, else today)"))->type_name("DATE");
  cmd->add_option("--month", o->month, tx("the period is this month (up to today); instead of --from/--to"))->type_name("YYYY-MM");
  cmd->add_option("--worker", o->workers, tx("only the cases of this worker in charge (activity: this worker's changes); repeatable"))
      ->type_name("ID");
  cmd->add_flag("--redact", o->redact, tx("no names, birth dates (ages instead) or free text (providers): for sharing statistics"));
  cmd->add_option("--section", o->section, tx("only this section of the report (its key, e.g. high)"))->type_name("NAME");
  cmd->add_flag("--bom", o->bom, tx("csv for spreadsheet software: a UTF-8 byte order mark first, CRLF line ends"));
  footer_with_example(
      cmd,
      tx("Reports (sections in brackets; csv and json use the section and column keys, the same in\n"
      "every language; see casectl-report(1) for every column):\n"
      "  caseload  open cases per worker and status, overdue cases, risk counts [workers]\n"
      "  overdue   every missed deadline, most urgent first [deadlines]\n"
      "  risk      open cases by risk and safety; high and very high with last contact [counts, high]\n"
      "  outcomes  closures in the period: reasons, goals achieved, days open, reopenings [summary, reasons, cases]\n"
      "  services  services in force by type and provider; one type twice in a case [types, duplicates]\n"
      "  activity  changes entered in the period per worker and action, from the audit trail [summary, workers]"),
      "  casectl report caseload\n  casectl report overdue --worker sato\n"
      "  casectl report outcomes --month 2026-10 --format csv --bom > outcomes-2026-10.csv\n"
      "  casectl report risk --as-of 2026-09-30 --redact --format md");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
