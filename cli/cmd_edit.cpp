// casectl edit ID: the whole record in $EDITOR; on save every rule is checked, and only a valid
// change is committed (the record re-emitted in its stable form). An invalid one is offered
// again on a terminal; otherwise nothing is written.
#include <cstdio>
#include <fmt/format.h>
#include <fstream>

#include "cli/app.hpp"
#include "cli/editor.hpp"
#include "cli/forms.hpp"
#include "cli/report.hpp"
#include "cli/stage_run.hpp"
#include "cli/terminal.hpp"
#include "core/documents.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/record_io.hpp"
#include "core/rules.hpp"
#include "core/stages.hpp"

namespace casectl::cli {
namespace {

constexpr const char* kMark = "# casectl: ";

// The lines of an error (its problems, then its message), places shifted down by `shift` lines.
std::vector<std::string> error_lines(const Error& e, int shift) {
  auto at = [shift](Place p) {
    if (p.line > 0) p.line += shift;
    std::string s = p.str();
    return s.empty() ? s : s + ": ";
  };
  std::vector<std::string> lines;
  for (const auto& p : e.problems()) lines.push_back(at(p.place) + p.str());
  lines.push_back(at(e.place()) + e.what());
  return lines;
}

// The text to offer again: the problems as comment lines on top (replacing those of an earlier
// round), their line numbers counted in the text offered.
std::string annotate(const std::string& text, const Error& e) {
  std::size_t start = 0;
  int old = 0;
  while (text.compare(start, std::string(kMark).size(), kMark) == 0) {
    std::size_t nl = text.find('\n', start);
    start = nl == std::string::npos ? text.size() : nl + 1;
    ++old;
  }
  std::size_t count = e.problems().size() + 2;
  std::string top;
  for (const auto& l : error_lines(e, static_cast<int>(count) - old)) top += kMark + l + "\n";
  top += std::string(kMark) + tx("fix the record below and save; these comment lines are ignored") + "\n";
  return top + text.substr(start);
}

// Asks "edit again? [Y/n]" on the terminal; true for yes (the default).
bool ask_again() {
  std::FILE* tty = std::fopen("/dev/tty", "r+");
  if (!tty) return false;
  std::fputs(tx("edit again? [Y/n] "), tty);
  std::fflush(tty);
  char buf[64] = {0};
  bool yes = std::fgets(buf, sizeof buf, tty) != nullptr && (buf[0] == '\n' || buf[0] == 'y' || buf[0] == 'Y');
  std::fclose(tty);
  return yes;
}

// Loads and checks the edited text and commits it. Returns false when the record is unchanged.
bool commit_edit(CaseStore& store, const Worker& by, const CaseId& id, const Record& current,
                 const std::string& text, const std::string& display, const Amendment& amendment) {
  LoadedRecord edited;
  edited.file = display;
  edited.tree = load_yaml(text, display);
  edited.record = decode_record(edited.tree, display);
  if (edited.record == current) return false;
  StageContext ctx{store.config(), store.root(), today(), by.id, now()};
  ChangeSummary done;
  std::string status;
  try {
    store.change(by, id, [&](Record& r) {
      if (r != current)
        fail(ErrorKind::conflict, txf("{0} was changed by another command while it was being edited; "
                                      "nothing written; run `casectl edit {0}` again",
                                      id.str()));
      done = stage_edit(r, edited.record, amendment, ctx);
      status = r.status;
      return done;
    });
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::refused || e.problems().empty()) throw;
    std::vector<Problem> placed = e.problems();
    for (auto& p : placed) p.place = locate(edited, p.field);
    throw Error(ErrorKind::refused, e.what(), placed);
  }
  out(change_said(done, id, status));
  return true;
}

struct EditOptions {
  std::string id, reason;
  std::optional<std::string> note;
};

void run(const EditOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  const Worker& by = acting_worker(store, g);
  std::string rel = case_file(id);
  if (!store.exists(id)) throw case_not_found(id);
  store.repo().require_unmodified(rel);  // before the editor, so no edit is wasted
  LoadedRecord current = store.load(id);
  check_may_edit(current.record, StageContext{store.config(), store.root(), today(), by.id, now()});
  Amendment amendment;
  amendment.reason = o.reason;
  if (o.note) amendment.note = *o.note;
  std::string original = read_input(store.root() + "/" + rel);
  std::string text = original;
  while (true) {
    text = edit_in_editor(store.root(), text, "-" + id.str() + ".yaml");
    if (text == original) return out(std::string(tx("no change")) + "\n");
    try {
      if (!commit_edit(store, by, id, current.record, text, rel, amendment)) return out(std::string(tx("no change")) + "\n");
      return;
    } catch (const Error& e) {
      bool again = e.kind() == ErrorKind::malformed || e.kind() == ErrorKind::refused;
      if (!again || !interactive()) throw;
      report(e);
      if (!ask_again()) throw;
      text = annotate(text, e);
    }
  }
}

}  // namespace

void register_edit(CLI::App& app, Globals& g) {
  auto o = std::make_shared<EditOptions>();
  auto* cmd = app.add_subcommand("edit", tx("correct a case record in $EDITOR, with a reason; committed only if every rule holds"));
  cmd->add_option("ID", o->id, tx("case ID, e.g. C-2026-0001"))->required();
  cmd->add_option("--reason", o->reason, txf("why the record is corrected: {}", values_help(enums::amendment_reason)))
      ->required()->transform(member_of(enums::amendment_reason));
  cmd->add_option("--note", o->note, tx("what was corrected and why (kept in the record, never in the commit message)"));
  example(cmd, "  casectl edit C-2026-0001 --reason typo\n"
               "  EDITOR=nano casectl edit C-2026-0001 --reason late-information --note \"School report arrived\"",
          tx("The record is checked when the editor exits: a valid change is one commit\n"
             "(\"edit C-2026-0001: SECTIONS\", trailer \"Amendment: REASON\") that records the amendment\n"
             "and renders again, marked as amended, the documents whose facts changed; on a terminal\n"
             "an invalid one is offered again, otherwise nothing is written (exit 6 malformed, 3\n"
             "refused by a rule). A closed case is edited only by a supervisor."));
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
