// casectl due: every outstanding deadline (SPEC section 4) overdue or falling due soon, most urgent
// first, from the index's summaries (never by reading every record). No names or free text: a
// due list is mailed around.
#include <cstdio>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/progress.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/due.hpp"
#include "core/index.hpp"
#include "core/locale_text.hpp"
#include "core/practice_text.hpp"
#include "core/terminal_text.hpp"

namespace casectl::cli {
namespace {

struct DueOptions {
  int within = 7;
  Strings workers;
  bool check = false;
};

// Text in the case directory's language, as `show` picks it (casectl.yaml's locale).
const char* tr(const std::string& locale, const char* en, const char* ja) { return in_locale(locale, en, ja); }

// For people: the kind's label as `show` prints it (with the urgent mark), what it is about,
// when, and how late or how soon.
Table people_table(const std::vector<DueItem>& items, const DateTime& now, const std::string& locale) {
  Table t;
  t.columns = {{"case", tr(locale, "CASE", "ケース")},        {"worker", tr(locale, "WORKER", "担当")},
               {"kind", tr(locale, "DEADLINE", "期限")},      {"ref", tr(locale, "ABOUT", "対象")},
               {"due", tr(locale, "DUE", "期日")},            {"when", tr(locale, "WHEN", "状況")}};
  for (const DueItem& i : items) {
    const OpenDeadline& d = i.deadline;
    std::string kind = deadline_kind_text(d.kind, locale);
    if (d.urgent) kind += tr(locale, ", ", "、") + deadline_urgent_text(locale);
    t.rows.push_back({i.case_id, i.worker, kind, deadline_ref_text(d.ref, locale), d.due.str(),
                      deadline_when_text(minutes_late(d.due, now), locale)});
  }
  return t;
}

// For scripts (csv, json): canonical codes and numbers, the same keys in every language.
Table script_table(const std::vector<DueItem>& items, const DateTime& now) {
  Table t;
  t.columns = {{"case", "CASE"},
               {"worker", "WORKER"},
               {"kind", "DEADLINE"},
               {"ref", "ABOUT"},
               {"due", "DUE"},
               {"urgent", "URGENT", false, false, true},
               {"overdue", "OVERDUE", false, false, true},
               {"minutes_late", "MINUTES LATE", true}};
  for (const DueItem& i : items) {
    const OpenDeadline& d = i.deadline;
    long late = minutes_late(d.due, now);
    t.rows.push_back({i.case_id, i.worker, code(d.kind), d.ref, d.due.str(), d.urgent ? "true" : "false",
                      late > 0 ? "true" : "false", std::to_string(late)});
  }
  return t;
}

void run(const DueOptions& o, const Globals& g) {
  std::string root = find_root(g.dir);
  Format f = parse_format(format_of(g, {"table", "csv", "json"}));
  Config config = load_config(root);
  CaseIndex index(root, config.policy);
  attach_progress(index);
  DateTime at = now();
  CaseFilter filter;
  filter.workers = o.workers;
  std::vector<DueItem> items;
  std::size_t unreadable = 0;
  index.for_each(filter, [&](const CaseSummary& s) {
    if (!s.ok()) {
      ++unreadable;
      std::fprintf(stderr,
                   "casectl: %s (cannot be read, its deadlines are not listed: run `casectl validate %s`)\n",
                   terminal_text(s.error, Newlines::escape).c_str(), s.id.c_str());
    }
    collect_due(s, at, o.within, items);
  });
  sort_due(items);
  if (f != Format::table)
    out(render(script_table(items, at), f, false));
  else if (!items.empty())
    out(render(people_table(items, at, config.locale), f, use_colour(1)));
  else
    out(fmt::format(fmt::runtime(tr(config.locale, "Nothing overdue or due within {} days.\n",
                                     "期限超過も{}日以内の期限もありません。\n")),
                    o.within));
  bool late = false;
  for (const DueItem& i : items) late = late || minutes_late(i.deadline.due, at) > 0;
  if (o.check && (late || unreadable > 0)) throw ExitStatus{1};
}

}  // namespace

void register_due(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DueOptions>();
  auto* cmd = app.add_subcommand("due", "deadlines missed and coming, most urgent first (--format table|csv|json)");
  cmd->add_option("--within", o->within,
                  "also list deadlines due by the end of the day DAYS days from today (default 7)")
      ->type_name("DAYS")
      ->check(CLI::Range(0, 3660));
  cmd->add_option("--worker", o->workers, "only cases of this worker in charge (repeatable)")->type_name("ID");
  cmd->add_flag("--check", o->check,
                "exit 1 when any deadline is overdue or a record cannot be read (still printing the list)");
  cmd->footer(
      "\nEvery outstanding deadline of the deadline model (safety check, first assessment, plan,\n"
      "reviews, plan revisions and re-assessments, custody limits, services past their end, consent\n"
      "expiry; see casectl.yaml's policy) that is overdue now or falls due within DAYS days: urgent\n"
      "ones first (an unsafe safety check with no assessment since), then by due time. Columns:\n"
      "CASE, WORKER (in charge), DEADLINE, ABOUT (e.g. plan 1, custody 1), DUE (YYYY-MM-DD HH:MM;\n"
      "day deadlines fall due at 23:59), WHEN (\"3 days late\", \"in 5 h\"). No names or free text.\n"
      "csv and json give the keys case, worker, kind (code), ref, due, urgent, overdue and\n"
      "minutes_late (minutes since it fell due; negative before). Deadlines never block a command.\n\n"
      "Example:\n  casectl due\n  casectl due --within 14 --worker sato\n"
      "  casectl due --check >/dev/null || casectl due | mail -s \"Overdue cases\" team@example.org");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
