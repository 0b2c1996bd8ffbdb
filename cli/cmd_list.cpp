// casectl list: one line per case, from the index (.casectl/), filtered.
#include <cstdio>
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "cli/terminal.hpp"
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/index.hpp"
#include "core/name_match.hpp"
#include "core/terminal_text.hpp"

namespace casectl::cli {
namespace {

struct ListOptions {
  CaseFilter filter;
  std::string name;  // --name as typed
  bool redact = false;
};

std::string d(const OptDate& date) { return date ? date->iso() : ""; }

std::string join(const Strings& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

// The table's columns: names and birth dates only when not redacted.
Table columns_of(bool redact) {
  Table t;
  t.columns = {{"id", "ID"}, {"status", "STATUS"}, {"worker", "WORKER"}};
  if (!redact) t.columns.push_back({"name", "NAME"});
  t.columns.push_back({"age", "AGE", true});
  if (!redact) t.columns.push_back({"birth_date", "BORN"});
  t.columns.insert(t.columns.end(), {{"opened", "OPENED"}, {"urgency", "URGENCY"}, {"risk", "RISK"},
                                     {"safety", "SAFETY"}, {"outstanding", "OUTSTANDING"},
                                     {"concerns", "CONCERNS", false, true}});
  return t;
}

// One row of the table for case s.
std::vector<std::string> row_of(const CaseSummary& s, bool redact, const Date& today) {
  std::vector<std::string> row{s.id, s.ok() ? s.status : "unreadable", s.worker};
  if (!redact) row.push_back(s.client_name);
  row.push_back(s.birth_date ? std::to_string(age_on(*s.birth_date, today)) : "");
  if (!redact) row.push_back(d(s.birth_date));
  row.insert(row.end(), {d(s.opened), s.urgency, s.risk, s.safety, s.outstanding == "none" ? "" : s.outstanding,
                         join(s.concerns)});
  return row;
}

void run(const ListOptions& o, const Globals& g) {
  std::string root = find_root(g.dir);
  std::string f = format_of(g, {"table", "csv", "json", "yaml", "md"});
  CaseIndex index(root, load_config(root).policy);
  CaseFilter filter = o.filter;
  filter.name = normalise_name(o.name);
  Table t = columns_of(o.redact);
  Date now = today();
  index.for_each(filter, [&](const CaseSummary& s) {
    if (!s.ok())
      std::fprintf(stderr, "casectl: %s (cannot be read: run `casectl validate %s`)\n",
                   terminal_text(s.error, Newlines::escape).c_str(), s.id.c_str());
    t.rows.push_back(row_of(s, o.redact, now));
  });
  out(render(t, parse_format(f), use_colour(1)));
}

}  // namespace

void register_list(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ListOptions>();
  auto* cmd = app.add_subcommand("list", "one line per case (--format table|csv|json|yaml|md)");
  cmd->add_option("--status", o->filter.statuses, "only cases of this status (repeatable)")
      ->transform(member_of(enums::status));
  cmd->add_option("--worker", o->filter.workers, "only cases of this worker (repeatable)")->type_name("ID");
  cmd->add_option("--risk", o->filter.risks, "only cases at this current risk (repeatable)")
      ->transform(member_of(enums::risk));
  cmd->add_option("--concern", o->filter.concerns, "only cases with this concern (repeatable)")
      ->transform(member_of(enums::concern));
  cmd->add_option("--name", o->name, "only cases whose client name contains this text (NFKC, case and spaces ignored)")
      ->type_name("TEXT");
  cmd->add_flag("--redact", o->redact, "for sharing statistics: no names, ages instead of birth dates");
  example(cmd, "  casectl list --status active --risk high\n  casectl list --format csv --redact > cases.csv");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
