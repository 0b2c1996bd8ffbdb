// casectl list: one line per case, from the index (.casectl/), filtered.
#include <cstdio>
#include <iterator>
#include <optional>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "cli/messages.hpp"
#include "cli/progress.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/deadlines.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/index.hpp"
#include "core/name_match.hpp"
#include "core/practice_text.hpp"
#include "core/terminal_text.hpp"

namespace casectl::cli {
namespace {

struct ListOptions {
  CaseFilter filter;
  std::string name;  // --name as typed
  bool redact = false;
  bool overdue = false;
  bool bom = false;
};

std::string d(const OptDate& date) { return date ? date->iso() : ""; }

// Runs of cases the rows are made in (CaseIndex::for_each_part): enough for both cores to stay
// busy to the end, few enough that each is thousands of rows at 100,000 cases.
constexpr std::size_t kListParts = 32;

// How the table shows values: in Japanese (the language chosen, SPEC section 5) by the value
// lists' labels, in English and in every other format by their codes, as stored. Each writes
// into a cell whose memory is used again from row to row (a row is 14 cells, 100,000 rows).
struct Shown {
  bool ja = false;
  // The text of one value: its Japanese label, or the code (in English, or when unknown).
  std::string_view text(const Enum& e, const std::string& code) const {
    const EnumValue* v = ja ? e.of_code(code) : nullptr;
    return v ? std::string_view(v->ja) : std::string_view(code);
  }
  void operator()(std::string& cell, const Enum& e, const std::string& code) const { cell.assign(text(e, code)); }
  void list(std::string& cell, const Enum& e, const Strings& codes) const {
    cell.clear();
    for (const auto& c : codes) {
      if (!cell.empty()) cell += ja ? "、" : " ";
      cell += text(e, c);
    }
  }
  // What the case waits for next (rules.hpp outstanding_name()), "" for none.
  std::string outstanding(const std::string& code) const {
    if (code == "none") return "";
    if (!ja) return code;
    if (code == "assessment") return "アセスメント";
    if (code == "plan") return "支援計画";
    if (code == "review") return "モニタリング";
    if (code == "closure") return "終結";
    return code;
  }
};

// The next deadline as people read it: "[OVERDUE ][URGENT ]KIND YYYY-MM-DD HH:MM", "" if none;
// in Japanese "[期限超過 ][最優先 ]種類 YYYY-MM-DD HH:MM".
std::string next_deadline_text(const CaseSummary& s, const DateTime& now, const Shown& shown) {
  if (s.next_deadline.empty() || !s.next_deadline_due) return "";
  std::optional<DeadlineKind> kind = deadline_kind(s.next_deadline);
  std::string what = shown.ja && kind ? deadline_kind_text(*kind, "ja") : s.next_deadline;
  return fmt::format("{}{}{} {}", s.next_deadline_overdue(now) ? (shown.ja ? "期限超過 " : "OVERDUE ") : "",
                     s.next_deadline_urgent ? (shown.ja ? deadline_urgent_text("ja") + " " : "URGENT ") : "",
                     what, s.next_deadline_due->str());
}

// The next deadline's columns: one cell for people (table, after OUTSTANDING), separate keys
// for scripts (the other formats, after CONCERNS so that the older keys keep their places).
std::vector<Column> deadline_columns(bool table, bool ja) {
  if (table) return {{"next_deadline", ja ? "次の期限" : "NEXT DEADLINE"}};
  return {{"next_deadline", "NEXT DEADLINE"},
          {"next_deadline_due", "DUE"},
          {"next_deadline_ref", "DEADLINE REF"},
          {"next_deadline_urgent", "URGENT", false, false, true},
          {"next_deadline_overdue", "OVERDUE", false, false, true}};
}

// The cells of deadline_columns() for case s.
std::vector<std::string> deadline_cells(const CaseSummary& s, bool table, const DateTime& now, const Shown& shown) {
  if (table) return {next_deadline_text(s, now, shown)};
  return {s.next_deadline, s.next_deadline_due ? s.next_deadline_due->str() : "", s.next_deadline_ref,
          s.next_deadline_urgent ? "true" : "false", s.next_deadline_overdue(now) ? "true" : "false"};
}

// The table's columns: names and birth dates only when not redacted; headings in Japanese when
// the table is shown in Japanese.
Table columns_of(bool redact, bool table, bool ja) {
  auto h = [&](const char* en, const char* jp) { return std::string(ja ? jp : en); };
  Table t;
  t.columns = {{"id", "ID"}, {"status", h("STATUS", "状況")}, {"worker", h("WORKER", "担当")}};
  if (!redact) t.columns.push_back({"name", h("NAME", "氏名")});
  t.columns.push_back({"age", h("AGE", "年齢"), true});
  if (!redact) t.columns.push_back({"birth_date", h("BORN", "生年月日")});
  t.columns.insert(t.columns.end(), {{"opened", h("OPENED", "受理日")}, {"urgency", h("URGENCY", "緊急度")},
                                     {"risk", h("RISK", "リスク")}, {"safety", h("SAFETY", "安全")},
                                     {"outstanding", h("OUTSTANDING", "次の手続")},
                                     {"concerns", h("CONCERNS", "主訴"), false, true}});
  std::vector<Column> next = deadline_columns(table, ja);
  t.columns.insert(table ? t.columns.end() - 1 : t.columns.end(), next.begin(), next.end());
  return t;
}

// The summary fields the rows show.
const SummaryFields& row_fields() {
  static const SummaryFields f = SummaryFields::of(
      {"status", "worker", "client_name", "birth_date", "opened", "urgency", "risk", "safety", "outstanding",
       "concerns", "next_deadline", "next_deadline_due", "next_deadline_ref", "next_deadline_urgent"});
  return f;
}

// One row of the table for case s, made in row: each cell assigned in place, its memory used
// again from row to row.
void fill_row(std::vector<std::string>& row, const CaseSummary& s, bool redact, bool table, const DateTime& now,
              const Shown& shown) {
  std::size_t n = 0;
  auto cell = [&]() -> std::string& {
    if (n == row.size()) row.emplace_back();
    return row[n++];
  };
  cell().assign(s.id);
  if (s.ok())
    shown(cell(), enums::status, s.status);
  else
    cell().assign(shown.ja ? "読めません" : "unreadable");
  cell().assign(s.worker);
  if (!redact) cell().assign(s.client_name);
  std::string& age = cell();
  age.clear();
  if (s.birth_date) fmt::format_to(std::back_inserter(age), "{}", age_on(*s.birth_date, now.date));
  if (!redact) cell().assign(d(s.birth_date));
  cell().assign(d(s.opened));
  shown(cell(), enums::urgency, s.urgency);
  shown(cell(), enums::risk, s.risk);
  shown(cell(), enums::safety, s.safety);
  cell().assign(shown.outstanding(s.outstanding));
  // The table has the deadline before the concerns, the other formats after (columns_of()).
  if (!table) shown.list(cell(), enums::concern, s.concerns);
  for (std::string& c : deadline_cells(s, table, now, shown)) cell().swap(c);
  if (table) shown.list(cell(), enums::concern, s.concerns);
  row.resize(n);
}

void run(const ListOptions& o, const Globals& g) {
  std::string root = find_root(g.dir);
  Format f = parse_format(format_of(g, {"table", "csv", "json", "yaml", "md"}));
  bool table = f == Format::table;
  if (o.bom && f != Format::csv) fail(ErrorKind::usage, tx("--bom is for --format csv"));
  SpreadsheetCsv sheet;
  auto sink = [&](const std::string& piece) { out(o.bom ? sheet(piece) : piece); };
  CaseIndex::prepare_memory(root);
  CaseIndex index(root, load_config(root).policy);
  attach_progress(index);
  DateTime at = now();
  CaseFilter filter = o.filter;
  filter.name = normalise_name(o.name);
  if (o.overdue) filter.overdue_at = at;
  Shown shown{table && ui_language() == "ja"};
  TableStream stream(columns_of(o.redact, table, shown.ja).columns, f, sink, table && use_colour(1));
  // The rows are made on every core, a run of cases each, and joined in ID order.
  struct Part {
    TableStream rows;
    std::string unreadable;  // what stderr says of the run's unreadable records
    std::vector<std::string> row;
  };
  std::vector<Part> parts;
  for (std::size_t i = 0; i < kListParts; ++i) parts.push_back(Part{stream.part(), {}, {}});
  index.for_each_part(
      filter, parts.size(),
      [&](std::size_t i, const CaseSummary& s) {
        Part& p = parts[i];
        if (!s.ok())
          p.unreadable += "casectl: " + txf("{} (cannot be read: run `casectl validate {}`)",
                                            terminal_text(s.error, Newlines::escape), s.id) + "\n";
        fill_row(p.row, s, o.redact, table, at, shown);
        p.rows.row(std::move(p.row));
      },
      row_fields());
  for (Part& p : parts) {
    if (!p.unreadable.empty()) std::fputs(p.unreadable.c_str(), stderr);
    stream.append(std::move(p.rows));
  }
  stream.finish();
}

}  // namespace

void register_list(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ListOptions>();
  auto* cmd = app.add_subcommand("list", tx("one line per case (--format table|csv|json|yaml|md)"));
  cmd->add_option("--status", o->filter.statuses, txf("only cases of this status (repeatable): {}", values_help(enums::status)))
      ->transform(member_of(enums::status));
  cmd->add_option("--worker", o->filter.workers, tx("only cases of this worker (repeatable)"))->type_name("ID");
  cmd->add_option("--risk", o->filter.risks, txf("only cases at this current risk (repeatable): {}", values_help(enums::risk)))
      ->transform(member_of(enums::risk));
  cmd->add_option("--concern", o->filter.concerns, txf("only cases with this concern (repeatable): {}", values_help(enums::concern)))
      ->transform(member_of(enums::concern));
  cmd->add_option("--name", o->name, tx("only cases whose client name contains this text (NFKC, case and spaces ignored)"))
      ->type_name("TEXT");
  cmd->add_flag("--overdue", o->overdue, tx("only cases whose next deadline is overdue now"));
  cmd->add_flag("--redact", o->redact, tx("for sharing statistics: no names, ages instead of birth dates"));
  cmd->add_flag("--bom", o->bom, tx("csv for spreadsheet software: a UTF-8 byte order mark first, CRLF line ends"));
  footer_with_example(
      cmd,
      tx("NEXT DEADLINE is the case's next outstanding deadline (urgent first, then the earliest; see\n"
      "casectl.yaml's policy): its kind and when it is due, after OVERDUE when that time has passed\n"
      "and URGENT for an assessment made urgent by an unsafe safety check. Other formats give\n"
      "next_deadline (the kind's code), next_deadline_due (YYYY-MM-DD HH:MM), next_deadline_ref,\n"
      "next_deadline_urgent and next_deadline_overdue as separate keys."),
      "  casectl list --status active --risk high\n  casectl list --overdue\n"
      "  casectl list --format csv --redact > cases.csv\n"
      "  casectl list --format csv --bom > cases.csv              # for a spreadsheet");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
