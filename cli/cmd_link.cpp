// casectl link ID OTHER: relate two cases (きょうだい, 同一世帯, 以前のケース); both records change
// in one commit.
#include <fmt/format.h>

#include "cli/forms.hpp"
#include "cli/stage_run.hpp"
#include "core/stages_people.hpp"

namespace casectl::cli {
namespace {

struct LinkOptions {
  std::string id, other, relation;
};

// Links both records in one commit, then says so like every stage command.
void run(const LinkOptions& o, const Globals& g) {
  CaseId id = require_case_id(o.id);
  CaseId other = require_case_id(o.other);
  CaseStore store = open_store(g);
  const Worker& by = acting_worker(store, g);
  ChangeSummary done;
  std::string status;
  store.change_pair(by, id, other, [&](Record& a, Record& b) {
    StageContext ctx{store.config(), store.root(), today(), by.id, now()};
    done = stage_link(a, b, o.relation, ctx);
    status = a.status;
    return done;
  });
  out(change_said(done, id, status));
}

}  // namespace

void register_link(CLI::App& app, Globals& g) {
  auto o = std::make_shared<LinkOptions>();
  auto* cmd = app.add_subcommand("link", tx("relate two cases; both records get the link, in one commit"));
  cmd->add_option("ID", o->id, tx("case ID"))->required();
  cmd->add_option("OTHER", o->other, tx("the related case's ID"))->required();
  cmd->add_option("--relation", o->relation,
                  txf("{} (or the Japanese label); the same relation is kept on both records", values_help(enums::link_relation)))
      ->required()
      ->transform(member_of(enums::link_relation));
  example(cmd, "  casectl link C-2026-0001 C-2026-0002 --relation sibling");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
