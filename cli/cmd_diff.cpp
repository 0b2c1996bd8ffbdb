// casectl diff ID [REV [REV]] [--patch]: what changed in a case between two versions, one line per
// change in the case's terms (or JSON, or the record's unified diff).
//   diff ID            the last change to the case: the version before it -> HEAD
//   diff ID REV        REV -> HEAD
//   diff ID REV1 REV2  REV1 -> REV2
// REV is a commit (id, HEAD~N, tag, branch) or a date: the version entered by the end of that day;
// before a renumbering of the case, its version under the former ID (core/revision).
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/messages.hpp"
#include "cli/report.hpp"
#include "cli/terminal.hpp"
#include "core/case_diff.hpp"
#include "core/i18n.hpp"
#include "core/revision.hpp"
#include "core/terminal_text.hpp"
#include "core/utf8.hpp"

namespace casectl::cli {
namespace {

struct DiffOptions {
  std::string id;
  std::string from, to;  // REV1, REV2 ("" when not given)
  bool patch = false;
};

// The version REV names, which must hold the case (Error(not_found) otherwise); before a
// renumbering, under its former ID.
CaseVersion version_at(CaseStore& store, const CaseId& id, const std::string& rev) {
  CaseVersion v = resolve_revision(store.repo().handle(), id, rev);
  if (!store.repo().read_at(case_file(v.id), v.commit)) throw case_not_found(id, rev);
  return v;
}

// Says on stderr when the record has a hand edit not committed: no version holds it, so diff
// cannot show it, and it must not go unseen.
void note_uncommitted(CaseStore& store, const CaseId& id) {
  try {
    store.repo().require_unmodified(case_file(id));
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::conflict) throw;
    say("", txf("note: {} has changes not committed; diff compares committed versions (git diff shows the rest)",
                case_file(id)));
  }
}

void run(const DiffOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  std::string f = format_of(g, {"text", "json"});
  if (o.patch && !g.format.empty())
    fail(ErrorKind::usage, tx("--patch prints the record's unified diff; it takes no --format"));
  CaseStore store = open_store(g);
  LastChange span;
  if (o.from.empty()) {
    span = last_change(store.repo().handle(), id);
  } else {
    span.before = version_at(store, id, o.from);
    if (!o.to.empty()) {
      span.after = version_at(store, id, o.to);
    } else {
      if (!store.repo().read_at(case_file(id))) throw case_not_found(id);
      span.after = {store.repo().head(), id};
    }
  }
  note_uncommitted(store, id);
  git_repository* repo = store.repo().handle();
  if (o.patch) return out(for_stdout(record_patch(repo, span.before, span.after)));
  auto changes = diff_case(repo, span.before, span.after, ui_language());  // the json keeps the paths
  if (f == "json") return out(json_escape_deceptive(changes_json(changes).dump(2)) + "\n");
  std::string text;
  for (const auto& c : changes) text += terminal_text(change_line(c), Newlines::escape) + "\n";
  out(text);
}

}  // namespace

void register_diff(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DiffOptions>();
  auto* cmd = app.add_subcommand(
      "diff", tx("what changed in a case between two versions, one line per change (--format text|json)"));
  cmd->add_option("ID", o->id, tx("case ID, e.g. C-2026-0001"))->required();
  cmd->add_option("REV1", o->from,
                  tx("compare from this version (default: the one before the last change); a commit "
                  "(id, HEAD~N, tag, branch) or a date YYYY-MM-DD (the version entered by the end "
                  "of that day)"))
      ->type_name("REV|DATE");
  cmd->add_option("REV2", o->to, tx("compare to this version (default: HEAD)"))->type_name("REV|DATE");
  cmd->add_flag("--patch", o->patch,
                tx("the unified diff of case.yaml as `git diff` prints it (free text included)"));
  example(cmd, "  casectl diff C-2026-0001\n  casectl diff C-2026-0001 2026-12-01\n"
               "  casectl diff C-2026-0001 HEAD~3 HEAD~1 --format json\n"
               "  casectl diff C-2026-0001 2026-12-01 --patch");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
