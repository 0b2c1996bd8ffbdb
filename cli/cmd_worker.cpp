// casectl worker add|list: the workers of casectl.yaml.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "cli/terminal.hpp"
#include "core/error.hpp"

namespace casectl::cli {
namespace {

struct AddOptions {
  std::string id, name, email, role = "worker";
};

void add(const AddOptions& o, const Globals& g) {
  if (!valid_worker_id(o.id))
    fail(ErrorKind::usage, fmt::format("worker id \"{}\" must be lower-case letters, digits, . _ - "
                                       "(starting with a letter, at most 32)", o.id));
  CaseStore store = open_store(g);
  // A copy: change_settings reloads the settings, which would leave a reference dangling.
  const Worker by = acting_worker(store, g);
  std::string by_id = by.id;
  store.change_settings(
      by,
      [&](Config& c) {
        if (c.worker(o.id)) fail(ErrorKind::refused, fmt::format("worker {} is already registered", o.id));
        if (c.worker_by_email(o.email))
          fail(ErrorKind::refused, fmt::format("another worker already has the email of {}", o.id));
        c.workers.push_back(Worker{o.id, o.name, o.email, o.role});
      },
      commit_message(ChangeSummary{"worker add " + o.id, o.role, {}}, by_id));
  out(o.id + "\n");
}

void list(const Globals& g) {
  CaseStore store = open_store(g);
  Table t;
  t.columns = {{"id", "ID"}, {"name", "NAME"}, {"email", "EMAIL"}, {"role", "ROLE"}};
  for (const auto& w : store.config().workers) t.rows.push_back({w.id, w.name, w.email, w.role});
  std::string f = format_of(g, {"table", "csv", "json", "yaml", "md"});
  out(render(t, parse_format(f), use_colour(1)));
}

}  // namespace

void register_worker(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("worker", "the workers who may act (casectl.yaml)");
  cmd->require_subcommand(1);
  example(cmd, "  casectl worker list\n"
               "  casectl --worker sato worker add tanaka --name \"Tanaka Ken\" --email tanaka@example.org");
  auto o = std::make_shared<AddOptions>();
  auto* add_cmd = cmd->add_subcommand("add", "register a worker (one commit)");
  add_cmd->add_option("ID", o->id, "short id, e.g. tanaka")->required();
  add_cmd->add_option("--name", o->name, "full name")->required();
  add_cmd->add_option("--email", o->email, "email; the commit author of this worker's changes")->required();
  add_cmd->add_option("--role", o->role, "worker | supervisor (default worker)")->check(member_of(enums::role));
  example(add_cmd, "  casectl worker add tanaka --name \"Tanaka Ken\" --email tanaka@example.org --role supervisor");
  add_cmd->callback([o, &g] { add(*o, g); });
  auto* list_cmd = cmd->add_subcommand("list", "list the workers (--format table|csv|json|yaml|md)");
  example(list_cmd, "  casectl worker list\n  casectl --format csv worker list");
  list_cmd->callback([&g] { list(g); });
}

}  // namespace casectl::cli
