// casectl due: every outstanding deadline (SPEC section 4) overdue or falling due soon, most urgent
// first, from the index's summaries (never by reading every record). No names or free text: a
// due list is mailed around.
#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "cli/messages.hpp"
#include "cli/progress.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/due.hpp"
#include "core/i18n.hpp"
#include "core/index.hpp"
#include "core/error.hpp"
#include "core/locale_text.hpp"
#include "core/report_input.hpp"
#include "core/terminal_text.hpp"

namespace casectl::cli {
namespace {

struct DueOptions {
  int within = 7;
  Strings workers;
  bool check = false;
  std::string as_of;  // YYYY-MM-DD: the deadlines as they stood at the end of that day
};

// Runs of cases the deadlines are gathered in (CaseIndex::for_each_part), as list's rows are.
constexpr std::size_t kDueParts = 32;

void run(const DueOptions& o, const Globals& g) {
  std::string root = find_root(g.dir);
  Format f = parse_format(format_of(g, {"table", "csv", "json"}));
  Config config = load_config(root);
  CaseIndex::prepare_memory(root);
  CaseIndex index(root, config.policy);
  attach_progress(index);
  DateTime at = now();
  // The deadlines gathered on every core, a run of cases each, and joined in case order.
  struct Part {
    DueList due;
    std::size_t cases = 0, unreadable = 0;
    std::string warnings;  // what stderr says of the run's unreadable records
  };
  std::vector<Part> parts(kDueParts);
  auto take = [&](Part& p, const CaseSummary& s, std::size_t seq) {
    if (!s.ok()) {
      ++p.unreadable;
      p.warnings += "casectl: " + txf("{} (cannot be read, its deadlines are not listed: run `casectl validate {}`)",
                                      terminal_text(s.error, Newlines::escape), s.id) + "\n";
    }
    p.due.add(s, seq, at, o.within);
  };
  CaseFilter filter;  // unreadable records always (--check must see them)
  filter.workers = o.workers;
  if (o.as_of.empty()) {
    // A case's place: its run, then its place in the run.
    index.for_each_part(
        filter, parts.size(),
        [&](std::size_t i, const CaseSummary& s) { take(parts[i], s, (i << 32) + parts[i].cases++); },
        DueList::fields());
  } else {
    // The picture of a past day: its cases cut at it, the worker in charge then (the cases read
    // again come last: their seq puts them back in case order).
    Date day = as_of_option(o.as_of);
    at = judged_at(day);
    for_each_as_of(root, index, day, config.policy, [&](const CaseSummary& s, std::size_t seq) {
      if (filter.matches(s)) take(parts[0], s, seq);
    }, DueList::fields());
  }
  DueList due;
  std::size_t unreadable = 0;
  for (Part& p : parts) {
    if (!p.warnings.empty()) std::fputs(p.warnings.c_str(), stderr);
    unreadable += p.unreadable;
    due.append(std::move(p.due));
  }
  std::vector<const DueItem*> items = due.sorted();
  bool table = f == Format::table;
  if (table && items.empty()) {
    out(fmt::format(fmt::runtime(in_locale(ui_language(), "Nothing overdue or due within {} days.\n",
                                           "期限超過も{}日以内の期限もありません。\n")),
                    o.within));
  } else {
    TableStream stream(due_columns(ui_language(), table), f, out, table && use_colour(1));
    const std::string locale = ui_language();
    stream.rows_in_runs(items.size(), [&](std::size_t k, TableStream& part) {
      thread_local std::vector<std::string> row;  // its strings' memory used again
      due_row_into(row, *items[k], at, locale, table);
      part.row(std::move(row));
    });
    stream.finish();
  }
  bool late = false;
  for (const DueItem* i : items) late = late || minutes_late(i->deadline.due, at) > 0;
  if (o.check && (late || unreadable > 0)) throw ExitStatus{1};
}

}  // namespace

void register_due(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DueOptions>();
  auto* cmd = app.add_subcommand("due", tx("deadlines missed and coming, most urgent first (--format table|csv|json)"));
  cmd->add_option("--within", o->within,
                  tx("also list deadlines due by the end of the day DAYS days from today (or --as-of; default 7)"))
      ->type_name("DAYS")
      ->check(CLI::Range(0, 3660));
  cmd->add_option("--worker", o->workers, tx("only cases of this worker in charge (repeatable)"))->type_name("ID");
  cmd->add_option("--as-of", o->as_of,
                  tx("the deadlines as they stood at the end of that day, from the records' event dates"))
      ->type_name("DATE");
  cmd->add_flag("--check", o->check,
                tx("exit 1 when any deadline is overdue or a record cannot be read (still printing the list)"));
  footer_with_example(
      cmd,
      tx("Every outstanding deadline of the deadline model (safety check, first assessment, plan,\n"
      "reviews, plan revisions and re-assessments, custody limits, services past their end, consent\n"
      "expiry; see casectl.yaml's policy) that is overdue now or falls due within DAYS days: urgent\n"
      "ones first (an unsafe safety check with no assessment since), then by due time. Columns:\n"
      "CASE, WORKER (in charge), DEADLINE, ABOUT (e.g. plan 1, custody 1), DUE (YYYY-MM-DD HH:MM;\n"
      "day deadlines fall due at 23:59), WHEN (\"3 days late\", \"in 5 h\"). No names or free text.\n"
      "csv and json give the keys case, worker, kind (code), ref, due, urgent, overdue and\n"
      "minutes_late (minutes since it fell due; negative before). Deadlines never block a command.\n"
      "--as-of DATE lists them as they stood at the end of DATE (events after it left out), the\n"
      "same figures whenever it is run."),
      "  casectl due\n  casectl due --within 14 --worker sato\n"
      "  casectl due --check >/dev/null || casectl due | mail -s \"Overdue cases\" team@example.org");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
