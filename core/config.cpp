#include "core/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <fmt/format.h>

#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/index_scan.hpp"
#include "core/ssh_key.hpp"
#include "core/yaml_io.hpp"
#include "core/yaml_scalar.hpp"

namespace casectl {
namespace {

[[noreturn]] void bad(const std::string& file, const Node& n, const std::string& what) {
  fail(ErrorKind::malformed, what, Place{file, n.line, n.col});
}

// Refuses keys of map n not in allowed (naming them).
void only_keys(const std::string& file, const Node& n, const char* section,
               std::initializer_list<const char*> allowed) {
  for (const auto& e : n.entries) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || e.key == a;
    if (!ok) {
      std::string names;
      for (const char* a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      fail(ErrorKind::malformed, txf("unknown key \"{}\" in {}; allowed: {}", e.key, section, names),
           Place{file, e.line, e.col});
    }
  }
}

const Node& need_map(const std::string& file, const Node& n, const std::string& what) {
  if (n.kind != Node::Kind::map) bad(file, n, txf("expected a map for {}", what));
  return n;
}

std::string text(const std::string& file, const Node& n, const std::string& what) {
  if (n.kind == Node::Kind::null) return "";
  if (n.kind != Node::Kind::scalar) bad(file, n, txf("expected text for {}", what));
  return n.value;
}

int days(const std::string& file, const Node& n, const std::string& what, const char* unit = "days") {
  if (n.kind != Node::Kind::scalar || !n.plain || n.value.empty() || n.value.size() > 5 ||
      n.value.find_first_not_of("0123456789") != std::string::npos)
    bad(file, n, txf("{} must be a whole number of {} (0 or more)", what, unit));
  return std::atoi(n.value.c_str());
}

// A map of enumeration value -> days, every key from e.
void day_table(const std::string& file, const Node& n, const Enum& e, const std::string& what,
               std::map<std::string, int>& out) {
  need_map(file, n, what);
  for (const auto& entry : n.entries) {
    if (!e.contains(entry.key))
      fail(ErrorKind::malformed,
           txf("{} key \"{}\" is not one of: {}", what, entry.key, e.allowed()),
           Place{file, entry.line, entry.col});
    out[entry.key] = days(file, entry.value, what + "." + entry.key);
  }
}


// true or false.
bool flag(const std::string& file, const Node& n, const std::string& what) {
  std::string v = text(file, n, what);
  if (v != "true" && v != "false") bad(file, n, txf("{} must be true or false", what));
  return v == "true";
}

// policy.approvals: for closure and plan, the list of risks at which a supervisor must approve.
void approval_table(const std::string& file, const Node& n,
                    std::map<std::string, std::vector<std::string>>& out) {
  need_map(file, n, "policy.approvals");
  only_keys(file, n, "policy.approvals", {"closure", "plan"});
  for (const auto& e : n.entries) {
    std::string what = "policy.approvals." + e.key;
    std::vector<std::string> risks;
    if (!e.value.is_null()) {
      if (e.value.kind != Node::Kind::sequence) bad(file, e.value, what + " must be a list of risks");
      for (const auto& item : e.value.items) {
        std::string risk = text(file, item, what);
        if (!enums::risk.contains(risk))
          bad(file, item, txf("{}: \"{}\" is not one of: {}", what, risk, enums::risk.allowed()));
        risks.push_back(risk);
      }
    }
    out[e.key] = std::move(risks);
  }
}

}  // namespace

std::vector<Problem> check_worker_identity(const Worker& w) {
  std::vector<Problem> out;
  auto bad_chars = [](const std::string& s) { return s.find_first_of("\n\r<>") != std::string::npos; };
  std::string field = "workers." + w.id;
  if (w.name.empty() || bad_chars(w.name))
    out.push_back(Problem{"", "worker.name-invalid", field + ".name",
                          fmt::format("the name of worker {} is empty or holds a line break, '<' or '>'", w.id),
                          "give the name on one line, without < or >", {}});
  if (bad_chars(w.email) || w.email.find('@') == std::string::npos || w.email.front() == '@' ||
      w.email.back() == '@' || w.email.find(' ') != std::string::npos)
    out.push_back(Problem{"", "worker.email-invalid", field + ".email",
                          fmt::format("the email of worker {} does not look like an email", w.id),
                          "give an address such as name@example.org", {}});
  return out;
}

bool Policy::needs_approval(const std::string& kind, const std::string& risk) const {
  auto it = approvals.find(kind);
  if (it == approvals.end()) return false;
  for (const auto& r : it->second)
    if (r == risk) return true;
  return false;
}

const Worker* Config::worker(const std::string& id) const {
  for (const auto& w : workers)
    if (w.id == id) return &w;
  return nullptr;
}

const Worker* Config::worker_by_email(const std::string& email) const {
  if (email.empty()) return nullptr;
  for (const auto& w : workers)
    if (w.email == email) return &w;
  return nullptr;
}

bool valid_worker_id(const std::string& id) {
  if (id.empty() || id.size() > 32 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

// The settings from a loaded casectl.yaml.
static Config config_from(const Node& root, const std::string& file) {
  need_map(file, root, file);
  only_keys(file, root, file.c_str(), {"casectl", "agency", "locale", "date_style", "id_prefix", "id_scheme", "workers", "policy"});
  Config c;
  const Node* version = root.get("casectl");
  if (!version || version->kind != Node::Kind::scalar || version->value != "1")
    bad(file, version ? *version : root, tx("casectl: 1 is required (the settings format version)"));
  if (const Node* n = root.get("agency")) c.agency = text(file, *n, "agency");
  if (const Node* n = root.get("locale")) {
    c.locale = text(file, *n, "locale");
    if (!enums::locale.contains(c.locale))
      bad(file, *n, txf("locale \"{}\" is not one of: {}", c.locale, enums::locale.allowed()));
  }
  if (const Node* n = root.get("date_style")) {
    auto style = parse_date_style(text(file, *n, "date_style"));
    if (!style)
      bad(file, *n, txf("date_style \"{}\" is not one of: {}", n->value, date_style_names()));
    c.date_style = *style;
  }
  if (const Node* n = root.get("id_prefix")) {
    c.id_prefix = text(file, *n, "id_prefix");
    bool ok = !c.id_prefix.empty() && c.id_prefix.size() <= 8;
    for (char ch : c.id_prefix) ok = ok && ch >= 'A' && ch <= 'Z';
    if (!ok) bad(file, *n, tx("id_prefix must be 1 to 8 capital letters A-Z"));
  }
  if (const Node* n = root.get("id_scheme")) {
    c.id_scheme = text(file, *n, "id_scheme");
    if (!enums::id_scheme.contains(c.id_scheme))
      bad(file, *n, txf("id_scheme \"{}\" is not one of: {}", c.id_scheme, enums::id_scheme.allowed()));
  }
  if (const Node* n = root.get("workers"); n && !n->is_null()) {
    need_map(file, *n, "workers");
    for (const auto& e : n->entries) {
      if (!valid_worker_id(e.key))
        fail(ErrorKind::malformed,
             txf("worker id \"{}\" must be lower-case letters, digits, . _ - (starting with a letter)", e.key),
             Place{file, e.line, e.col});
      need_map(file, e.value, "workers." + e.key);
      only_keys(file, e.value, ("workers." + e.key).c_str(), {"name", "email", "role", "retired", "signing_key"});
      Worker w;
      w.id = e.key;
      if (const Node* v = e.value.get("name")) w.name = text(file, *v, "name");
      if (const Node* v = e.value.get("email")) w.email = text(file, *v, "email");
      if (const Node* v = e.value.get("role")) {
        w.role = text(file, *v, "role");
        if (!enums::role.contains(w.role))
          bad(file, *v, txf("role \"{}\" is not one of: {}", w.role, enums::role.allowed()));
      }
      if (const Node* v = e.value.get("retired")) w.retired = flag(file, *v, "retired");
      if (const Node* v = e.value.get("signing_key"); v && !v->is_null()) {
        std::string why;
        auto key = parse_public_key(text(file, *v, "signing_key"), &why);
        if (!key) bad(file, *v, txf("workers.{}.signing_key is not an OpenSSH public key: {}", w.id, why));
        w.signing_key = *key;
      }
      c.workers.push_back(std::move(w));
    }
  }
  if (const Node* n = root.get("policy"); n && !n->is_null()) {
    need_map(file, *n, "policy");
    only_keys(file, *n, "policy", {"assessment_due", "plan_due", "review_every", "safety_check_hours", "custody_days",
                                   "approvals", "require_signed"});
    if (const Node* v = n->get("assessment_due"))
      day_table(file, *v, enums::urgency, "policy.assessment_due", c.policy.assessment_due);
    if (const Node* v = n->get("plan_due")) c.policy.plan_due = days(file, *v, "policy.plan_due");
    if (const Node* v = n->get("safety_check_hours"))
      c.policy.safety_check_hours = days(file, *v, "policy.safety_check_hours", "hours");
    if (const Node* v = n->get("custody_days")) c.policy.custody_days = days(file, *v, "policy.custody_days");
    if (const Node* v = n->get("review_every"))
      day_table(file, *v, enums::risk, "policy.review_every", c.policy.review_every);
    if (const Node* v = n->get("approvals")) approval_table(file, *v, c.policy.approvals);
    if (const Node* v = n->get("require_signed")) c.policy.require_signed = flag(file, *v, "policy.require_signed");
  }
  return c;
}

Config parse_config(const std::string& content, const std::string& file) {
  return config_from(load_yaml(content, file), file);
}

Config load_config(const std::string& root) {
  // The language of the messages and the command itself both ask for it: a file read again only
  // when it may have changed since (its stat differs, or it was written or its times set within
  // kRacyNs before it was read, when a change need not show in its stat).
  static std::mutex m;
  static std::string last_path;
  static FileStat last_stat;
  static std::optional<Config> last;
  const std::string path = root + "/" + kConfigFile;
  std::optional<FileStat> st = stat_file(path);
  std::lock_guard<std::mutex> hold(m);
  if (last && st && st->regular && path == last_path && *st == last_stat) return *last;
  std::int64_t read_at = wall_ns();
  Config c = config_from(load_yaml_file(path, kConfigFile), kConfigFile);
  if (st && st->regular && std::max(st->mtime_ns, st->ctime_ns) < read_at - kRacyNs) {
    last_path = path;
    last_stat = *st;
    last = c;
  } else {
    last.reset();
  }
  return c;
}

std::string emit_config(const Config& c) {
  std::string s = "# casectl settings: agency, workers and deadline policy (days)\n";
  s += "casectl: 1\n";
  s += "agency: " + yaml_scalar(c.agency.empty() ? std::string("Case directory") : c.agency, 0) + "\n";
  s += "locale: " + c.locale + "              # en | ja: language of documents and report headings\n";
  s += fmt::format("date_style: {}{}# iso | western | era: dates in documents (era: 令和8年, ja only)\n",
                   date_style_name(c.date_style), std::string(13 - std::string(date_style_name(c.date_style)).size(), ' '));
  s += "id_prefix: " + c.id_prefix + "\n";
  s += fmt::format("id_scheme: {}{}# calendar | fiscal (年度: the year of an ID starts on 1 April)\n", c.id_scheme,
                   std::string(c.id_scheme.size() < 14 ? 14 - c.id_scheme.size() : 1, ' '));
  s += "workers:                # who may act; the commit author comes from here\n";
  for (const auto& w : c.workers)
  {
    s += fmt::format("  {}:\n    name: {}\n    email: {}\n    role: {}\n", w.id, yaml_scalar(w.name, 4),
                     yaml_scalar(w.email, 4), w.role);
    if (w.retired) s += "    retired: true\n";
    if (!w.signing_key.empty()) s += "    signing_key: " + yaml_scalar(w.signing_key, 4) + "\n";
  }
  if (c.workers.empty()) s.replace(s.rfind("workers:"), 8, "workers: {}");
  s += "policy:                 # deadlines in days; feed `casectl due` and the reports, never block\n";
  s += "  assessment_due:       # referral -> first assessment, by urgency\n";
  for (const auto& u : enums::urgency.values)
    s += fmt::format("    {}: {}\n", u.value, c.policy.assessment_due.at(u.value));
  s += fmt::format("  plan_due: {}           # assessment -> plan\n", c.policy.plan_due);
  s += fmt::format("  safety_check_hours: {} # report received -> child seen (安全確認, the 48-hour rule)\n",
                   c.policy.safety_check_hours);
  s += fmt::format("  custody_days: {}       # protective custody without an extension (一時保護, 2 months)\n",
                   c.policy.custody_days);
  s += "  review_every:         # longest gap between reviews, by current risk\n";
  for (const auto& r : enums::risk.values)
    s += fmt::format("    {}: {}\n", r.value, c.policy.review_every.at(r.value));
  s += "  approvals:            # which changes need a supervisor's approval, by current risk\n";
  for (const auto& [kind, risks] : c.policy.approvals) {
    std::string list;
    for (const auto& r : risks) list += (list.empty() ? "" : ", ") + r;
    s += fmt::format("    {}: [{}]\n", kind, list);
  }
  if (c.policy.require_signed)
    s += "  require_signed: true  # validate and doctor report changes not signed by their worker\n";
  return s;
}

// w, unless retired: Error(refused) (a retired worker cannot act; history keeps them).
static const Worker& active(const Worker& w) {
  if (w.retired)
    throw Error(ErrorKind::refused, txf("worker {} is retired and cannot act", w.id),
                {Problem{"", "worker.retired", "workers." + w.id + ".retired", txf("worker {} is retired", w.id),
                         tx("act as another worker, or a supervisor can bring them back (casectl worker set ID --active)"),
                         {}}});
  return w;
}

const Worker& resolve_worker(const Config& c, const std::optional<std::string>& flag,
                             const std::string& git_email) {
  std::string id;
  const char* how = "";
  if (flag && !flag->empty()) {
    id = *flag;
    how = "--worker";
  } else if (const char* env = std::getenv("CASECTL_WORKER"); env && *env) {
    id = env;
    how = "CASECTL_WORKER";
  }
  if (!id.empty()) {
    if (const Worker* w = c.worker(id)) return active(*w);
    std::string known;
    for (const auto& w : c.workers) known += (known.empty() ? "" : ", ") + w.id;
    fail(ErrorKind::usage, txf("{} names \"{}\", who is not a worker in {}; known workers: {} (add one with "
                               "`casectl worker add`)",
                               how, id, kConfigFile, known.empty() ? tx("none") : known));
  }
  if (const Worker* w = c.worker_by_email(git_email)) return active(*w);
  fail(ErrorKind::usage,
       git_email.empty()
           ? txf("no acting worker: pass --worker ID, set CASECTL_WORKER=ID, or set git's user.email to a "
                 "worker's email in {}",
                 kConfigFile)
           : txf("no acting worker: pass --worker ID, set CASECTL_WORKER=ID, or set git's user.email to a "
                 "worker's email in {} (git's user.email matches no worker)",
                 kConfigFile));
}

}  // namespace casectl
