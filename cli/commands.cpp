// The command table: every subcommand's register function, in the order --help lists them.
#include "cli/app.hpp"

namespace casectl::cli {

void register_init(CLI::App&, Globals&);
void register_new(CLI::App&, Globals&);
void register_show(CLI::App&, Globals&);
void register_diff(CLI::App&, Globals&);
void register_log(CLI::App&, Globals&);
void register_list(CLI::App&, Globals&);
void register_due(CLI::App&, Globals&);
void register_report(CLI::App&, Globals&);
void register_path(CLI::App&, Globals&);
void register_worker(CLI::App&, Globals&);
void register_confirm(CLI::App&, Globals&);
void register_custody(CLI::App&, Globals&);
void register_assess(CLI::App&, Globals&);
void register_plan(CLI::App&, Globals&);
void register_review(CLI::App&, Globals&);
void register_close(CLI::App&, Globals&);
void register_approve(CLI::App&, Globals&);
void register_reopen(CLI::App&, Globals&);
void register_note(CLI::App&, Globals&);
void register_consent(CLI::App&, Globals&);
void register_conference(CLI::App&, Globals&);
void register_assign(CLI::App&, Globals&);
void register_link(CLI::App&, Globals&);
void register_share(CLI::App&, Globals&);
void register_edit(CLI::App&, Globals&);
void register_validate(CLI::App&, Globals&);
void register_doc(CLI::App&, Globals&);
void register_doctor(CLI::App&, Globals&);
void register_schema(CLI::App&, Globals&);
void register_completion(CLI::App&, Globals&);
void register_merge_driver(CLI::App&, Globals&);
void register_clone(CLI::App&, Globals&);
void register_sync(CLI::App&, Globals&);
void register_status(CLI::App&, Globals&);
void register_resolve(CLI::App&, Globals&);

const std::vector<Register>& commands() {
  static const std::vector<Register> table = {
      register_init,   register_new,      register_assess, register_plan,   register_review,
      register_confirm, register_custody, register_conference, register_assign, register_link, register_share,  // issue 11
      register_approve, register_close,  register_reopen,   register_note,   register_consent, register_edit,
      register_show,   register_diff,     register_log,    register_validate, register_doc,
      register_doctor, register_list,     register_due,    register_report, register_path,
      register_worker, register_schema, register_completion,
      register_clone,  register_sync,     register_status,  register_resolve,  // issue 14
      register_merge_driver,  // issue 14: hidden, git runs it
  };
  return table;
}

}  // namespace casectl::cli
