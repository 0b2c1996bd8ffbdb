// casectl show ID [--at REV|DATE]: the record as a readable summary, or exactly as YAML, or as JSON;
// at a revision before the case was renumbered, the version under its former ID.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/summary_text.hpp"
#include "cli/terminal.hpp"
#include "core/error.hpp"
#include "core/revision.hpp"
#include "core/utf8.hpp"

namespace casectl::cli {
namespace {

struct ShowOptions {
  std::string id;
  std::string at;
  bool all = false;
};

// The status of a related case as it stands, and nothing else of it (another child's record).
OtherCase other_case(const CaseStore& store, const std::string& text) {
  auto id = parse_case_id(text);
  if (!id) return {OtherCase::State::not_found, ""};
  try {
    if (!store.exists(*id)) return {OtherCase::State::not_found, ""};
    return {OtherCase::State::found, store.load(*id).record.status};
  } catch (const Error& e) {
    return {e.kind() == ErrorKind::not_found ? OtherCase::State::not_found : OtherCase::State::unreadable, ""};
  }
}

void run(const ShowOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseStore store = open_store(g);
  std::string rel = case_file(id);
  std::string text;
  std::string display = rel;
  CaseId own = id;  // the ID the version shown has: before a renumbering, the former one
  if (o.at.empty()) {
    require_no_symlinks(store.root(), rel);
    if (!store.exists(id)) throw case_not_found(id);
    text = read_input(store.root() + "/" + rel);
  } else {
    CaseVersion v = resolve_revision(store.repo().handle(), id, o.at);
    own = v.id;
    auto at = store.repo().read_at(case_file(own), v.commit);
    if (!at) throw case_not_found(id, o.at);
    text = *at;
    display = o.at + ":" + case_file(own);
  }
  std::string f = format_of(g, {"summary", "yaml", "json"});
  // Every format goes through the safe loader first: a malformed file is refused (FILE:LINE:COL),
  // never printed; yaml then gives the file's exact bytes (escaped on a terminal), json escapes
  // what could deceive.
  LoadedRecord loaded{{}, load_yaml(text, display), display};
  loaded.record = decode_record(loaded.tree, display);
  require_own_id(loaded, own.str());
  const Record& r = loaded.record;
  if (f == "yaml") return out(for_stdout(text));
  if (f == "json") return out(json_escape_deceptive(record_json(r).dump(2)) + "\n");
  out(summary_text(r, store.config(), now(), o.all,
                   [&store](const std::string& other) { return other_case(store, other); }));
}

}  // namespace

void register_show(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ShowOptions>();
  auto* cmd = app.add_subcommand("show", tx("show a case: a readable summary, or --format yaml|json"));
  cmd->add_option("ID", o->id, tx("case ID, e.g. C-2026-0001"))->required();
  cmd->add_flag("--all", o->all, tx("every note of the contact log (the summary shows the last five)"));
  cmd->add_option("--at", o->at, tx("the record as it was at a past commit (id, HEAD~N, tag, branch) or on a date "
                 "YYYY-MM-DD (the version entered by the end of that day)"))
      ->type_name("REV|DATE");
  example(cmd, "  casectl show C-2026-0001\n  casectl show C-2026-0001 --format json\n"
               "  casectl show C-2026-0001 --at HEAD~3 --format yaml\n"
               "  casectl show C-2026-0001 --at 2026-12-01");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
