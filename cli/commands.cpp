// The command table: every subcommand's register function, in the order --help lists them.
#include "cli/app.hpp"

namespace casectl::cli {

void register_init(CLI::App&, Globals&);
void register_new(CLI::App&, Globals&);
void register_show(CLI::App&, Globals&);
void register_list(CLI::App&, Globals&);
void register_path(CLI::App&, Globals&);
void register_worker(CLI::App&, Globals&);

const std::vector<Register>& commands() {
  static const std::vector<Register> table = {
      register_init, register_new, register_show, register_list, register_path, register_worker,
  };
  return table;
}

}  // namespace casectl::cli
