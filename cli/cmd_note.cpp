// casectl note ID TEXT: an entry in the contact log.
#include "cli/forms.hpp"
#include "cli/stage_run.hpp"

namespace casectl::cli {
namespace {

struct NoteOptions {
  std::string id, text, kind = "other";
  std::optional<std::string> date;
};

// Adds the entry to the case's contact log.
void run(const NoteOptions& o, const Globals& g) {
  Note n{o.date ? OptDate(date_option("--date", *o.date)) : std::nullopt, "", o.kind, o.text};
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  run_stage(store, g, id, [&](Record& r, const StageContext& ctx) { return stage_note(r, n, ctx); });
}

}  // namespace

void register_note(CLI::App& app, Globals& g) {
  auto o = std::make_shared<NoteOptions>();
  auto* cmd = app.add_subcommand("note", tx("add an entry to the contact log"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("TEXT", o->text, tx("what happened"))->required();
  cmd->add_option("--kind", o->kind, txf("{} (default other)", values_help(enums::note_kind)))->transform(member_of(enums::note_kind));
  cmd->add_option("--date", o->date, tx("the contact date (default today)"))->type_name("DATE");
  example(cmd, "  casectl note C-2026-0001 \"Home visit: mother and child at home\" --kind home-visit");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
