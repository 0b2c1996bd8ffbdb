// casectl worker add|set|retire|list: the workers of casectl.yaml.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/forms.hpp"
#include "cli/messages.hpp"
#include "cli/terminal.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/locale_text.hpp"
#include "core/ssh_key.hpp"
#include "core/stages.hpp"

namespace casectl::cli {
namespace {

struct AddOptions {
  std::string id, name, email, role = "worker";
  std::optional<std::string> signing_key;
};

struct SetOptions {
  std::string id;
  std::optional<std::string> name, email, role, signing_key;
  bool active = false;
};

// The public key --signing-key gives: the key line itself, or @FILE (a .pub file: its first
// line); "" removes the key. Error(usage) naming what is wrong (the key is never echoed).
std::string signing_key_option(const std::string& value) {
  if (value.empty()) return "";
  std::string line = value;
  if (value.front() == '@') {
    std::string text = read_input(value.substr(1));
    line = text.substr(0, text.find('\n'));
  }
  std::string why;
  auto key = parse_public_key(line, &why);
  if (!key)
    fail(ErrorKind::usage, txf("--signing-key: not an OpenSSH public key ({}); give the line of the "
                               "key's .pub file, or @FILE",
                               why));
  return *key;
}

// Refuses (exit 3) a name or email that would break commits or mislead.
void check_identity(const Worker& w) { refuse_if(check_worker_identity(w)); }

// How many workers of c are supervisors and not retired.
int active_supervisors(const Config& c) {
  int n = 0;
  for (const auto& w : c.workers) n += w.supervisor() && !w.retired;
  return n;
}

// Changing who may approve, or who may act at all, is a supervisor's act once the directory
// has a supervisor (before that, any worker may name the first one).
void require_supervisor(const Config& c, const Worker& by, const std::string& what) {
  if (active_supervisors(c) > 0 && !by.supervisor())
    refuse_if({Problem{"", "worker.supervisor-only", "workers",
                       txf("{} is a supervisor's act, and {} is not a supervisor", what, by.id),
                       tx("ask a supervisor to do it"), {}}});
}

// Refuses a change that would leave a directory that had an active supervisor without one (then
// any worker could make themselves supervisor and approve their own closures).
void keep_a_supervisor(const Config& before, const Config& after) {
  if (active_supervisors(before) > 0 && active_supervisors(after) == 0)
    refuse_if({Problem{"", "worker.last-supervisor", "workers",
                       tx("the change would leave no active supervisor"),
                       tx("make another worker a supervisor first (casectl worker set ID --role supervisor)"), {}}});
}

// The worker id, refused (exit 4) when it is not registered.
Worker& registered(Config& c, const std::string& id) {
  for (auto& w : c.workers)
    if (w.id == id) return w;
  fail(ErrorKind::not_found, txf("{} is not a worker in {}", id, kConfigFile));
}

void add(const AddOptions& o, const Globals& g) {
  if (!valid_worker_id(o.id))
    fail(ErrorKind::usage, txf("worker id \"{}\" must be lower-case letters, digits, . _ - "
                               "(starting with a letter, at most 32)",
                               o.id));
  Worker added{o.id, o.name, o.email, o.role};
  if (o.signing_key) added.signing_key = signing_key_option(*o.signing_key);
  check_identity(added);
  CaseStore store = open_store(g);
  // A copy: change_settings reloads the settings, which would leave a reference dangling.
  const Worker by = acting_worker(store, g);
  store.change_settings(
      by,
      [&](Config& c) {
        if (c.worker(o.id)) fail(ErrorKind::refused, txf("worker {} is already registered", o.id));
        if (c.worker_by_email(o.email))
          fail(ErrorKind::refused, txf("another worker already has the email of {}", o.id));
        c.workers.push_back(added);
      },
      commit_message(ChangeSummary{"worker add " + o.id, o.role, {}, {}}, by.id));
  out(o.id + "\n");
}

void set(const SetOptions& o, const Globals& g) {
  std::optional<std::string> key;
  if (o.signing_key) key = signing_key_option(*o.signing_key);
  CaseStore store = open_store(g);
  const Worker by = acting_worker(store, g);
  std::string what;
  store.change_settings(
      by,
      [&](Config& c) {
        const Config before = c;
        Worker& w = registered(c, o.id);
        if (o.role || o.active) require_supervisor(c, by, tx("changing a role or bringing a worker back"));
        if (o.name) w.name = *o.name;
        if (o.email) {
          const Worker* other = c.worker_by_email(*o.email);
          if (other && other->id != w.id)
            fail(ErrorKind::refused, txf("another worker already has the email given for {}", o.id));
          w.email = *o.email;
        }
        if (o.role) w.role = *o.role;
        if (o.active) w.retired = false;
        if (key) {
          // Whoever sets a worker's key can sign as them: only they or a supervisor may.
          if (by.id != w.id) require_supervisor(c, by, tx("setting another worker's signing key"));
          w.signing_key = *key;
        }
        check_identity(w);
        keep_a_supervisor(before, c);
        for (const char* f : {o.name ? "name" : "", o.email ? "email" : "", o.role ? "role" : "", o.active ? "active" : "",
                              key ? "signing key" : ""})
          if (*f) what += (what.empty() ? "" : ", ") + std::string(f);
        if (what.empty())
          fail(ErrorKind::usage, tx("worker set: give --name, --email, --role, --signing-key or --active"));
      },
      commit_message(ChangeSummary{"worker set " + o.id, "", {}, {}}, by.id));
  out(txf("{}: {} changed", o.id, what) + "\n");
}

void retire(const std::string& id, const Globals& g) {
  CaseStore store = open_store(g);
  const Worker by = acting_worker(store, g);
  store.change_settings(
      by,
      [&](Config& c) {
        require_supervisor(c, by, tx("retiring a worker"));
        const Config before = c;
        Worker& w = registered(c, id);
        if (w.retired) fail(ErrorKind::refused, txf("worker {} is already retired", id));
        w.retired = true;
        keep_a_supervisor(before, c);
      },
      commit_message(ChangeSummary{"worker retire " + id, "", {}, {}}, by.id));
  out(txf("{} retired", id) + "\n");
}

void list(const Globals& g) {
  CaseStore store = open_store(g);
  std::string f = format_of(g, {"table", "csv", "json", "yaml", "md"});
  // Headings and labels in the language chosen for people (table, md); codes for scripts.
  const std::string lang = f == "table" || f == "md" ? ui_language() : "en";
  Table t;
  t.columns = {{"id", "ID"},
               {"name", in_locale(lang, "NAME", "氏名")},
               {"email", in_locale(lang, "EMAIL", "メール")},
               {"role", in_locale(lang, "ROLE", "役割")},
               {"status", in_locale(lang, "STATUS", "状況")}};
  for (const auto& w : store.config().workers)
    t.rows.push_back({w.id, w.name, w.email, lang == "ja" ? enums::role.label(w.role, lang) : w.role,
                      w.retired ? in_locale(lang, "retired", "退任") : in_locale(lang, "active", "在任")});
  out(render(t, parse_format(f), use_colour(1)));
}

}  // namespace

void register_worker(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("worker", tx("the workers who may act (casectl.yaml)"));
  cmd->require_subcommand(1);
  example(cmd, "  casectl worker list\n"
               "  casectl --worker sato worker add tanaka --name \"Tanaka Ken\" --email tanaka@example.org\n"
               "  casectl --worker tanaka worker retire ito");
  auto o = std::make_shared<AddOptions>();
  auto* add_cmd = cmd->add_subcommand("add", tx("register a worker (one commit)"));
  add_cmd->add_option("ID", o->id, tx("short id, e.g. tanaka"))->required();
  add_cmd->add_option("--name", o->name, tx("full name (one line, no < or >)"))->required();
  add_cmd->add_option("--email", o->email, tx("email; the commit author of this worker's changes"))->required();
  add_cmd->add_option("--role", o->role, txf("{} (default worker)", values_help(enums::role)))->transform(member_of(enums::role));
  add_cmd->add_option("--signing-key", o->signing_key, tx("the worker's SSH public key (a .pub line, or @FILE): their signed commits verify with it"))
      ->type_name("KEY|@FILE");
  example(add_cmd, "  casectl worker add tanaka --name \"Tanaka Ken\" --email tanaka@example.org --role supervisor");
  add_cmd->callback([o, &g] { add(*o, g); });

  auto s = std::make_shared<SetOptions>();
  auto* set_cmd = cmd->add_subcommand("set", tx("change a worker's name, email or role, or bring a retired worker back"));
  set_cmd->add_option("ID", s->id, tx("the worker"))->required();
  set_cmd->add_option("--name", s->name, tx("full name (one line, no < or >)"));
  set_cmd->add_option("--email", s->email, tx("email; the author of this worker's later commits"));
  set_cmd->add_option("--role", s->role, txf("{} (a supervisor's act)", values_help(enums::role)))->transform(member_of(enums::role));
  set_cmd->add_option("--signing-key", s->signing_key,
                      tx("the worker's SSH public key (a .pub line, or @FILE; '' removes it); another worker's is a supervisor's act"))
      ->type_name("KEY|@FILE");
  set_cmd->add_flag("--active", s->active, tx("bring a retired worker back (a supervisor's act)"));
  example(set_cmd, "  casectl --worker tanaka worker set sato --role supervisor\n"
                   "  casectl worker set sato --email yuki.sato@example.org\n"
                   "  casectl worker set sato --signing-key @$HOME/.ssh/id_ed25519.pub");
  set_cmd->callback([s, &g] { set(*s, g); });

  auto rid = std::make_shared<std::string>();
  auto* retire_cmd = cmd->add_subcommand("retire", tx("retire a worker: they can no longer act; history keeps them"));
  retire_cmd->add_option("ID", *rid, tx("the worker"))->required();
  example(retire_cmd, "  casectl --worker tanaka worker retire ito",
          tx("Retiring is a supervisor's act. Records and history keep naming the worker."));
  retire_cmd->callback([rid, &g] { retire(*rid, g); });

  auto* list_cmd = cmd->add_subcommand("list", tx("list the workers (--format table|csv|json|yaml|md)"));
  example(list_cmd, "  casectl worker list\n  casectl --format csv worker list");
  list_cmd->callback([&g] { list(g); });
}

}  // namespace casectl::cli
