// casectl log [ID]: the audit trail, one line per change, newest first (SPEC section 6).
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/background.hpp"
#include "cli/forms.hpp"
#include "cli/messages.hpp"
#include "cli/terminal.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/history.hpp"
#include "core/i18n.hpp"
#include "core/locale_text.hpp"
#include "core/signature_check.hpp"

namespace casectl::cli {
namespace {

struct LogOptions {
  std::string id;
  std::vector<std::string> workers;
  std::string from, to;
  bool update_index = false;
};

// The columns: the table shows people's columns (a CASE column for the whole directory: the cases
// each change touched; for a case renumbered: the ID it had in each change; a SIGNATURE column
// only when signing is in use); csv and json always give the same keys (a stable interface,
// documented in casectl(1)).
Table columns_of(Format f, bool whole, bool renumbered, bool signatures) {
  Table t;
  if (f == Format::table) {
    // Headings in the language chosen (SPEC section 5); the cells keep the commits' codes.
    const std::string& l = ui_language();
    t.columns = {{"entered", in_locale(l, "ENTERED", "入力日時")},
                 {"event", in_locale(l, "EVENT", "実施日")},
                 {"worker", in_locale(l, "WORKER", "担当")},
                 {"worker_name", in_locale(l, "NAME", "氏名")},
                 {"action", in_locale(l, "ACTION", "操作")}};
    if (whole) t.columns.push_back({"cases", in_locale(l, "CASE", "ケース"), false, true});
    if (renumbered) t.columns.push_back({"case", in_locale(l, "CASE", "ケース")});
    t.columns.insert(t.columns.end(),
                     {{"summary", in_locale(l, "SUMMARY", "内容")}, {"late", in_locale(l, "LATE", "遅延入力")}});
    if (signatures) t.columns.push_back({"signature", in_locale(l, "SIGNATURE", "署名")});
    t.columns.push_back({"commit", in_locale(l, "COMMIT", "コミット")});
    return t;
  }
  t.columns = {{"commit", "COMMIT"},         {"entered", "ENTERED"},
               {"event", "EVENT"},           {"worker", "WORKER"},
               {"worker_name", "NAME"},      {"action", "ACTION"},
               {"cases", "CASES", false, true}, {"summary", "SUMMARY"},
               {"late", "LATE", false, false, true}, {"kind", "KIND"},
               {"signature", "SIGNATURE"}, {"case", "CASE"},
               {"renumbered_from", "RENUMBERED_FROM"}};
  return t;
}

// In a case's log, the ID the case had before this change renumbered it ("" for other changes).
std::string renumbered_from(const Change& c) {
  for (const auto& r : c.renames)
    if (!c.case_id.empty() && r.to == c.case_id) return r.from;
  return "";
}

// Who made a change: a casectl change's worker (ID, and name from casectl.yaml); another
// commit's author as git gives it (email, name).
std::pair<std::string, std::string> who(const Change& c, const Config& config) {
  if (!c.casectl) return {c.author_email, c.author_name};
  const Worker* w = config.worker(c.worker);
  return {c.worker, w && !w->name.empty() ? w->name : c.author_name};
}

// True when the change passes the --worker filter: its worker, or a plain git commit whose
// author's email is that worker's.
bool by_worker(const Change& c, const std::vector<std::string>& ids, const Config& config) {
  if (ids.empty()) return true;
  for (const auto& id : ids) {
    if (c.casectl && c.worker == id) return true;
    const Worker* w = config.worker(id);
    if (!c.casectl && w && !w->email.empty() && w->email == c.author_email) return true;
  }
  return false;
}

// One row. A plain git commit's subject is free text a person wrote: it is shown only in a table
// on a terminal (through terminal_text, like every cell), never written to csv, json or a file.
std::vector<std::string> row_of(const Change& c, Format f, bool whole, bool renumbered, bool subjects,
                                const Config& config, const std::string& signature, bool signatures) {
  auto [worker, name] = who(c, config);
  bool late = late_entry(c);
  std::string summary = c.casectl || subjects ? c.summary : "";
  std::string cases;
  for (const auto& id : c.cases) cases += (cases.empty() ? "" : " ") + id;
  if (f == Format::table) {
    DateTime entered = local_time(static_cast<std::time_t>(c.entered));
    Date event = local_time(static_cast<std::time_t>(c.event)).date;
    std::vector<std::string> row{entered.str(), event == entered.date ? "" : event.iso(), worker, name,
                                 c.action};
    if (whole) row.push_back(cases);
    std::string from = renumbered_from(c);
    if (renumbered) row.push_back(from.empty() ? c.case_id : from + " -> " + c.case_id);
    if (!subjects && !c.casectl) summary = txf("(subject not shown: git show {})", c.commit.substr(0, 10));
    row.insert(row.end(), {summary, late ? in_locale(ui_language(), "late", "遅延") : ""});
    if (signatures) row.push_back(signature);
    row.push_back(c.commit.substr(0, 10));
    return row;
  }
  return {c.commit, iso_time(static_cast<std::time_t>(c.entered)), iso_time(static_cast<std::time_t>(c.event)),
          worker, name, c.action, cases, summary, late ? "true" : "false", c.casectl ? "casectl" : "git", signature,
          c.case_id, renumbered_from(c)};
}

// Error(not_found) for the log of an ID whose case was renumbered away by `away`: where its
// changes are listed now.
[[noreturn]] void renumbered_away(const std::string& id, const Change& away) {
  std::string to;
  for (const auto& r : away.renames)
    if (r.from == id) to = r.to;
  fail(ErrorKind::not_found,
       txf("case {0} was renumbered to {1} (commit {2}, entered {3}); `casectl log {1}` lists its changes, "
           "those made as {0} included",
           id, to, away.commit.substr(0, 10), local_time(static_cast<std::time_t>(away.entered)).str()));
}

// How many commits HEAD's history must have for `log ID` to answer without a usable history
// index (History::changes): History::kWalkMin, or $CASECTL_HISTORY_WALK_MIN (tests, tuning).
std::size_t walk_min() {
  const char* v = std::getenv("CASECTL_HISTORY_WALK_MIN");
  if (!v || !*v) return History::kWalkMin;
  char* end = nullptr;
  unsigned long long n = std::strtoull(v, &end, 10);
  if (*end || v[0] == '-') fail(ErrorKind::usage, txf("CASECTL_HISTORY_WALK_MIN={}: not a number of commits", v));
  return static_cast<std::size_t>(n);
}

// --update-index: brings the history index up to date and says what it did.
void update_index(const LogOptions& o, const Globals& g) {
  if (!o.id.empty() || !o.workers.empty() || !o.from.empty() || !o.to.empty())
    fail(ErrorKind::usage, tx("--update-index takes no ID and no filter"));
  CaseStore store = open_store(g);
  History history(store.root());
  std::optional<HistoryStats> st = history.refresh_unless_busy();
  if (!st) {
    out(std::string(tx("history index: another process is bringing it up to date")) + "\n");
    return;
  }
  out((st->rebuilt ? txf("history index: up to date ({} commits added, {} dropped, made anew)", st->added, st->removed)
                   : txf("history index: up to date ({} commits added, {} dropped)", st->added, st->removed)) +
      "\n");
}

void run(const LogOptions& o, const Globals& g) {
  if (o.update_index) return update_index(o, g);
  std::string id;
  if (!o.id.empty()) id = require_case_id(o.id).str();
  std::optional<Date> from, to;
  if (!o.from.empty()) from = date_option("--from", o.from);
  if (!o.to.empty()) to = date_option("--to", o.to);
  Format f = parse_format(format_of(g, {"table", "csv", "json"}));
  CaseStore store = open_store(g);
  for (const auto& w : o.workers)
    if (!store.config().worker(w)) fail(ErrorKind::not_found, txf("--worker {}: no such worker in casectl.yaml", w));
  History history(store.root());
  history.set_walk_min(walk_min());
  std::vector<Change> changes = history.changes(id);
  if (!id.empty() && changes.empty()) {
    if (auto away = history.renumbered_away(id)) renumbered_away(id, *away);
    fail(ErrorKind::not_found, txf("no case {} in the history of the case directory", id));
  }
  bool renumbered = false;  // the case had another ID in some change
  for (const Change& c : changes) renumbered = renumbered || (!id.empty() && c.case_id != id);
  bool subjects = f == Format::table && stdout_is_terminal();
  std::vector<Change> shown;  // only these are verified
  for (Change& c : changes) {
    Date entered = local_time(static_cast<std::time_t>(c.entered)).date;
    if ((from && entered < *from) || (to && entered > *to) || !by_worker(c, o.workers, store.config())) continue;
    shown.push_back(std::move(c));
  }
  std::vector<std::string> verdicts =
      SignatureCheck(store.root(), store.repo().handle(), store.config(), history).verdicts(shown);
  bool signatures = signing_in_use(store.config());
  for (const auto& v : verdicts) signatures = signatures || v != "none";
  Table t = columns_of(f, id.empty(), renumbered, signatures);
  for (std::size_t i = 0; i < shown.size(); ++i)
    t.rows.push_back(row_of(shown[i], f, id.empty(), renumbered, subjects, store.config(), verdicts[i], signatures));
  out(render(t, f, use_colour(1)));
  if (history.behind()) update_history_in_background(store.root());
}

}  // namespace

void register_log(CLI::App& app, Globals& g) {
  auto o = std::make_shared<LogOptions>();
  auto* cmd = app.add_subcommand(
      "log", tx("the audit trail: one line per change (entered, event date, worker, action, late entries), newest first (--format table|csv|json)"));
  cmd->add_option("ID", o->id, tx("only the changes of this case, followed back across renumberings (default: the whole directory)"));
  cmd->add_option("--worker", o->workers, tx("only the changes made by this worker (repeatable)"))->type_name("ID");
  cmd->add_option("--from", o->from, tx("only changes entered on or after this date"))->type_name("DATE");
  cmd->add_option("--to", o->to, tx("only changes entered on or before this date"))->type_name("DATE");
  cmd->add_flag("--update-index", o->update_index,
                tx("bring the history index (.casectl/history.sqlite) up to date and print nothing else (after a clone: "
                "`log ID` on a long history otherwise asks git and updates it in the background)"));
  example(cmd, "  casectl log C-2026-0001\n  casectl log --worker sato --from 2026-11-01 --to 2026-11-30\n"
               "  casectl log C-2026-0001 --format json");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
