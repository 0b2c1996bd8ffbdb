// casectl.yaml: loading through parse_config/load_config, the defaults of a minimal file, each
// refusal with its place, the emitted text read back, worker ids and the acting worker.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

#include "core/config.hpp"
#include "core/error.hpp"
#include "fixtures.hpp"

using namespace casectl;

namespace {

// The Error parse_config throws for text (checked to be malformed and to name c.yaml).
Error refusal(const std::string& text) {
  try {
    parse_config(text, "c.yaml");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().file == "c.yaml");
    return e;
  }
  FAIL("loaded: " << text);
  return Error(ErrorKind::internal, "unreachable");
}

// Checks that text is refused at line:col with a message containing what.
void check_refused(const std::string& text, int line, int col, const std::string& what) {
  CAPTURE(text);
  Error e = refusal(text);
  CHECK(e.place().line == line);
  CHECK(e.place().col == col);
  CHECK_MESSAGE(std::string(e.what()).find(what) != std::string::npos, e.what());
}

// A file with the version line and the text after it.
std::string with_version(const std::string& rest) { return "casectl: 1\n" + rest; }

// Sets (or with nullopt unsets) CASECTL_WORKER for the life of the object, then restores it.
struct WorkerEnv : casectl::test::EnvVar {
  explicit WorkerEnv(const std::optional<std::string>& v) : EnvVar("CASECTL_WORKER", v) {}
};

const char* kFull =
    "casectl: 1\n"
    "agency: City Child Guidance Centre\n"
    "locale: ja\n"
    "date_style: era\n"
    "id_prefix: KT\n"
    "workers:\n"
    "  sato:\n"
    "    name: Sato Yuki\n"
    "    email: sato@example.org\n"
    "  tanaka:\n"
    "    name: Tanaka Ken\n"
    "    email: tanaka@example.org\n"
    "    role: supervisor\n"
    "policy:\n"
    "  assessment_due:\n"
    "    routine: 10\n"
    "  plan_due: 21\n"
    "  review_every:\n"
    "    high: 20\n"
    "    low: 0\n";

}  // namespace

TEST_CASE("a minimal casectl.yaml takes every default") {
  Config c = parse_config("casectl: 1\n", "c.yaml");
  CHECK(c.version == 1);
  CHECK(c.agency == "");
  CHECK(c.locale == "en");
  CHECK(c.id_prefix == "C");
  CHECK(c.date_style == DateStyle::western);
  CHECK(c.workers.empty());
  CHECK(c.policy.assessment_due == std::map<std::string, int>{{"immediate", 1}, {"urgent", 2},
                                                               {"routine", 14}});
  CHECK(c.policy.plan_due == 30);
  CHECK(c.policy.review_every == std::map<std::string, int>{{"very-high", 14}, {"high", 30},
                                                             {"medium", 60}, {"low", 90}});
  // Empty sections are the same as absent ones.
  Config e = parse_config("casectl: 1\nagency:\nworkers:\npolicy:\n", "c.yaml");
  CHECK(e.agency == "");
  CHECK(e.workers.empty());
  CHECK(e.policy.plan_due == 30);
}

TEST_CASE("every setting is read, policy entries not given keep their defaults") {
  Config c = parse_config(kFull, "c.yaml");
  CHECK(c.agency == "City Child Guidance Centre");
  CHECK(c.locale == "ja");
  CHECK(c.date_style == DateStyle::era);
  CHECK(c.id_prefix == "KT");
  REQUIRE(c.workers.size() == 2);
  CHECK(c.workers[0].id == "sato");  // file order
  CHECK(c.workers[0].name == "Sato Yuki");
  CHECK(c.workers[0].email == "sato@example.org");
  CHECK(c.workers[0].role == "worker");  // the default role
  CHECK(c.workers[1].id == "tanaka");
  CHECK(c.workers[1].role == "supervisor");
  CHECK(c.policy.assessment_due.at("routine") == 10);
  CHECK(c.policy.assessment_due.at("immediate") == 1);
  CHECK(c.policy.plan_due == 21);
  CHECK(c.policy.review_every.at("high") == 20);
  CHECK(c.policy.review_every.at("low") == 0);
  CHECK(c.policy.review_every.at("medium") == 60);
  CHECK(c.policy.review_every.at("very-high") == 14);
}

TEST_CASE("workers are found by id and by email, an empty email finds no one") {
  Config c = parse_config(kFull, "c.yaml");
  REQUIRE(c.worker("tanaka"));
  CHECK(c.worker("tanaka")->email == "tanaka@example.org");
  CHECK(c.worker("nobody") == nullptr);
  CHECK(c.worker("") == nullptr);
  REQUIRE(c.worker_by_email("sato@example.org"));
  CHECK(c.worker_by_email("sato@example.org")->id == "sato");
  CHECK(c.worker_by_email("SATO@example.org") == nullptr);
  CHECK(c.worker_by_email("") == nullptr);
  // A worker with no email is not found by the empty email either.
  Config d = parse_config("casectl: 1\nworkers:\n  ito:\n    name: Ito\n", "c.yaml");
  CHECK(d.worker("ito"));
  CHECK(d.worker_by_email("") == nullptr);
}

TEST_CASE("the version line is required and must be 1") {
  check_refused("agency: X\n", 1, 1, "casectl: 1 is required");
  check_refused("casectl: 2\n", 1, 10, "casectl: 1 is required");
  check_refused("casectl: [1]\n", 1, 10, "casectl: 1 is required");
}

TEST_CASE("the file must be a map of known keys") {
  check_refused("- casectl\n", 1, 1, "expected a map");
  check_refused(with_version("agncy: X\n"), 2, 1, "unknown key \"agncy\"");
  check_refused(with_version("agncy: X\n"), 2, 1, "allowed: casectl, agency, locale");
}

TEST_CASE("agency, locale, date_style and id_prefix are refused outside their forms") {
  check_refused(with_version("agency: [a, b]\n"), 2, 9, "expected text for agency");
  check_refused(with_version("locale: fr\n"), 2, 9, "locale \"fr\" is not one of: en | ja");
  check_refused(with_version("date_style: roman\n"), 2, 13,
                "date_style \"roman\" is not one of: iso | western | era");
  check_refused(with_version("id_prefix: c\n"), 2, 12, "1 to 8 capital letters");
  check_refused(with_version("id_prefix: ABCDEFGHI\n"), 2, 12, "1 to 8 capital letters");
  check_refused(with_version("id_prefix: A1\n"), 2, 12, "1 to 8 capital letters");
  check_refused(with_version("id_prefix: ''\n"), 2, 12, "1 to 8 capital letters");
  CHECK(parse_config(with_version("id_prefix: ABCDEFGH\n"), "c.yaml").id_prefix == "ABCDEFGH");
  CHECK(parse_config(with_version("date_style: iso\n"), "c.yaml").date_style == DateStyle::iso);
}

TEST_CASE("workers: a map of valid ids to maps of name, email and a known role") {
  check_refused(with_version("workers: [sato]\n"), 2, 10, "expected a map for workers");
  check_refused(with_version("workers:\n  Sato:\n    name: S\n"), 3, 3,
                "worker id \"Sato\" must be lower-case");
  check_refused(with_version("workers:\n  1st:\n    name: S\n"), 3, 3, "worker id \"1st\"");
  check_refused(with_version("workers:\n  sato: Sato Yuki\n"), 3, 9,
                "expected a map for workers.sato");
  check_refused(with_version("workers:\n  sato:\n    name: S\n    phone: 1\n"), 5, 5,
                "unknown key \"phone\" in workers.sato");
  check_refused(with_version("workers:\n  sato:\n    role: boss\n"), 4, 11,
                "role \"boss\" is not one of: worker | supervisor");
  check_refused(with_version("workers:\n  sato:\n    name: [S]\n"), 4, 11, "expected text for name");
}

TEST_CASE("policy: known keys, tables keyed by their lists, whole non-negative days") {
  check_refused(with_version("policy: 5\n"), 2, 9, "expected a map for policy");
  check_refused(with_version("policy:\n  close_due: 5\n"), 3, 3, "unknown key \"close_due\" in policy");
  check_refused(with_version("policy:\n  assessment_due:\n    soon: 3\n"), 4, 5,
                "policy.assessment_due key \"soon\" is not one of: immediate | urgent | routine");
  check_refused(with_version("policy:\n  review_every:\n    extreme: 3\n"), 4, 5,
                "policy.review_every key \"extreme\" is not one of: low | medium | high | very-high");
  check_refused(with_version("policy:\n  review_every: [1]\n"), 3, 17,
                "expected a map for policy.review_every");
  check_refused(with_version("policy:\n  review_every:\n    high: -1\n"), 4, 11,
                "policy.review_every.high must be a whole number of days");
  check_refused(with_version("policy:\n  plan_due: ten\n"), 3, 13,
                "policy.plan_due must be a whole number of days");
  check_refused(with_version("policy:\n  plan_due: 2.5\n"), 3, 13, "whole number of days");
  check_refused(with_version("policy:\n  plan_due: '30'\n"), 3, 13, "whole number of days");
  check_refused(with_version("policy:\n  plan_due: 123456\n"), 3, 13, "whole number of days");
  check_refused(with_version("policy:\n  plan_due:\n"), 3, 3, "whole number of days");
  CHECK(parse_config(with_version("policy:\n  plan_due: 99999\n"), "c.yaml").policy.plan_due ==
        99999);
}

TEST_CASE("the safe loader's refusals come through with the file's name") {
  check_refused("casectl: 1\ncasectl: 1\n", 2, 1, "duplicate key");
  check_refused("casectl: 1\nagency: &a X\n", 2, 9, "anchors and aliases");
}

TEST_CASE("load_config reads ROOT/casectl.yaml and names casectl.yaml in errors") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("casectl-config-" + std::to_string(::getpid()));
  fs::create_directories(root);
  {
    std::ofstream f(root / kConfigFile, std::ios::binary);
    f << kFull;
  }
  Config c = load_config(root.string());
  CHECK(c.agency == "City Child Guidance Centre");
  CHECK(c.workers.size() == 2);
  {
    std::ofstream f(root / kConfigFile, std::ios::binary);
    f << "casectl: 1\nlocale: de\n";
  }
  try {
    load_config(root.string());
    FAIL("locale de was loaded");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().str() == "casectl.yaml:2:9");
  }
  fs::remove(root / kConfigFile);
  try {
    load_config(root.string());
    FAIL("a missing casectl.yaml was loaded");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::not_found);
    CHECK(e.place().file == "casectl.yaml");
  }
  fs::remove_all(root);
}

TEST_CASE("load_config asked again reads the file again whenever it may have changed") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("casectl-config-again-" + std::to_string(::getpid()));
  fs::create_directories(root);
  auto write = [&](const std::string& agency) {
    std::ofstream(root / kConfigFile, std::ios::binary) << "casectl: 1\nagency: " << agency << "\n";
  };
  const auto hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  auto age = [&] { fs::last_write_time(root / kConfigFile, hour_ago); };
  write("Aaaa");
  age();
  CHECK(load_config(root.string()).agency == "Aaaa");
  CHECK(load_config(root.string()).agency == "Aaaa");
  // Rewritten in place: the same size, the same inode, the same mtime; only the change time
  // tells (it cannot be set back).
  write("Bbbb");
  age();
  CHECK(load_config(root.string()).agency == "Bbbb");
  // Written just now and read at once: never kept, so a change in the same clock tick is seen.
  write("Cccc");
  CHECK(load_config(root.string()).agency == "Cccc");
  auto mtime = fs::last_write_time(root / kConfigFile);
  write("Dddd");
  fs::last_write_time(root / kConfigFile, mtime);
  CHECK(load_config(root.string()).agency == "Dddd");
  fs::remove_all(root);
}

TEST_CASE("emit_config writes text that parse_config reads back the same") {
  Config c = parse_config(kFull, "c.yaml");
  c.workers[0].name = "O'Brien: \"Sam\"";  // needs quoting
  std::string text = emit_config(c);
  CHECK(text.find("# ") == 0);  // commented
  Config back = parse_config(text, "c.yaml");
  CHECK(back.agency == c.agency);
  CHECK(back.locale == "ja");
  CHECK(back.date_style == DateStyle::era);
  CHECK(back.id_prefix == "KT");
  REQUIRE(back.workers.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(back.workers[i].id == c.workers[i].id);
    CHECK(back.workers[i].name == c.workers[i].name);
    CHECK(back.workers[i].email == c.workers[i].email);
    CHECK(back.workers[i].role == c.workers[i].role);
  }
  CHECK(back.policy.assessment_due == c.policy.assessment_due);
  CHECK(back.policy.plan_due == 21);
  CHECK(back.policy.review_every == c.policy.review_every);
  CHECK(emit_config(back) == text);  // stable
  // No workers and no agency: still a file that loads.
  Config empty = parse_config(emit_config(Config{}), "c.yaml");
  CHECK(empty.workers.empty());
  CHECK(empty.locale == "en");
  CHECK(empty.policy.review_every.at("high") == 30);
}

TEST_CASE("worker ids: a lower-case letter, then up to 31 of a-z 0-9 . _ -") {
  for (const char* ok : {"sato", "a", "k.ito", "y_mori-2", "abcdefghijklmnopqrstuvwxyz012345"})
    CHECK_MESSAGE(valid_worker_id(ok), ok);
  for (const char* bad : {"", "Sato", "1sato", "-sato", ".sato", "sa to", "sato@x", "さとう",
                          "abcdefghijklmnopqrstuvwxyz0123456"})
    CHECK_MESSAGE(!valid_worker_id(bad), bad);
}

TEST_CASE("the acting worker: --worker, else CASECTL_WORKER, else git's email") {
  Config c = parse_config(kFull, "c.yaml");
  {
    WorkerEnv env("tanaka");
    CHECK(resolve_worker(c, std::string("sato"), "").id == "sato");  // the flag wins
    CHECK(resolve_worker(c, std::nullopt, "sato@example.org").id == "tanaka");  // env over email
    CHECK(resolve_worker(c, std::string(""), "").id == "tanaka");  // an empty flag is no flag
  }
  {
    WorkerEnv env(std::nullopt);
    CHECK(resolve_worker(c, std::nullopt, "tanaka@example.org").id == "tanaka");
  }
  {
    WorkerEnv env(std::string(""));  // empty: not set
    CHECK(resolve_worker(c, std::nullopt, "sato@example.org").id == "sato");
  }
}

TEST_CASE("the acting worker: an unknown one or none at all is a usage error saying what to do") {
  Config c = parse_config(kFull, "c.yaml");
  WorkerEnv env(std::nullopt);
  try {
    resolve_worker(c, std::string("nobody"), "sato@example.org");
    FAIL("an unknown --worker was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    std::string m = e.what();
    CHECK(m.find("--worker names \"nobody\"") != std::string::npos);
    CHECK(m.find("known workers: sato, tanaka") != std::string::npos);
  }
  {
    WorkerEnv env2("ghost");
    try {
      resolve_worker(c, std::nullopt, "");
      FAIL("an unknown CASECTL_WORKER was accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::usage);
      CHECK(std::string(e.what()).find("CASECTL_WORKER names \"ghost\"") != std::string::npos);
    }
  }
  try {
    resolve_worker(c, std::nullopt, "other@example.net");
    FAIL("an email matching no worker was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    std::string m = e.what();
    CHECK(m.find("no acting worker") != std::string::npos);
    CHECK(m.find("matches no worker") != std::string::npos);
  }
  try {
    resolve_worker(Config{}, std::nullopt, "");
    FAIL("no worker at all was accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.what()).find("--worker ID") != std::string::npos);
  }
  try {
    resolve_worker(Config{}, std::string("sato"), "");
    FAIL("a worker of an empty casectl.yaml was accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("known workers: none") != std::string::npos);
  }
}

TEST_CASE("policy.approvals: defaults, lists of risks, needs_approval") {
  Config d = parse_config("casectl: 1\n", "c.yaml");
  CHECK(d.policy.approvals.at("closure") == std::vector<std::string>{"high", "very-high"});
  CHECK(d.policy.approvals.at("plan").empty());
  CHECK(d.policy.needs_approval("closure", "high"));
  CHECK(d.policy.needs_approval("closure", "very-high"));
  CHECK_FALSE(d.policy.needs_approval("closure", "medium"));
  CHECK_FALSE(d.policy.needs_approval("closure", ""));
  CHECK_FALSE(d.policy.needs_approval("plan", "very-high"));
  CHECK_FALSE(d.policy.needs_approval("review", "high"));  // not a kind: never

  Config c = parse_config(with_version("policy:\n  approvals:\n    closure: [medium, high, very-high]\n"
                                       "    plan: [very-high]\n"),
                          "c.yaml");
  CHECK(c.policy.needs_approval("closure", "medium"));
  CHECK(c.policy.needs_approval("plan", "very-high"));
  CHECK_FALSE(c.policy.needs_approval("plan", "high"));
  // An empty list or null: never; a kind not given keeps its default.
  Config none = parse_config(with_version("policy:\n  approvals:\n    closure: []\n"), "c.yaml");
  CHECK_FALSE(none.policy.needs_approval("closure", "very-high"));
  Config null = parse_config(with_version("policy:\n  approvals:\n    closure:\n"), "c.yaml");
  CHECK(null.policy.approvals.at("closure").empty());
  Config plan_only = parse_config(with_version("policy:\n  approvals:\n    plan: [high]\n"), "c.yaml");
  CHECK(plan_only.policy.needs_approval("closure", "high"));
  CHECK(plan_only.policy.needs_approval("plan", "high"));
}

TEST_CASE("policy.approvals: refusals with their place") {
  check_refused(with_version("policy:\n  approvals:\n    review: [high]\n"), 4, 5,
                "unknown key \"review\" in policy.approvals; allowed: closure, plan");
  check_refused(with_version("policy:\n  approvals:\n    closure: [high, severe]\n"), 4, 21,
                "policy.approvals.closure: \"severe\" is not one of: low");
  check_refused(with_version("policy:\n  approvals:\n    closure: high\n"), 4, 14,
                "policy.approvals.closure must be a list of risks");
  check_refused(with_version("policy:\n  approvals: [closure]\n"), 3, 14, "expected a map for policy.approvals");
}

TEST_CASE("emit_config keeps policy.approvals and retired workers") {
  Config c = parse_config(kFull, "c.yaml");
  c.policy.approvals["closure"] = {"medium", "high"};
  c.policy.approvals["plan"] = {"very-high"};
  c.workers[0].retired = true;
  std::string text = emit_config(c);
  CHECK(text.find("  approvals:") != std::string::npos);
  CHECK(text.find("    closure: [medium, high]\n") != std::string::npos);
  CHECK(text.find("    plan: [very-high]\n") != std::string::npos);
  CHECK(text.find("    retired: true\n") != std::string::npos);
  Config back = parse_config(text, "c.yaml");
  CHECK(back.policy.approvals == c.policy.approvals);
  CHECK(back.workers[0].retired);
  CHECK_FALSE(back.workers[1].retired);
  CHECK(emit_config(back) == text);
  // The defaults round-trip too, an empty plan list included.
  std::string plain = emit_config(Config{});
  CHECK(plain.find("    plan: []\n") != std::string::npos);
  CHECK(parse_config(plain, "c.yaml").policy.approvals == Policy{}.approvals);
  CHECK(plain.find("retired") == std::string::npos);  // only a retired worker says so
}

TEST_CASE("workers: retired is true or false") {
  Config c = parse_config(with_version("workers:\n  sato:\n    name: S\n    email: s@x.org\n    retired: true\n"
                                       "  ito:\n    name: I\n    email: i@x.org\n    retired: false\n"),
                          "c.yaml");
  CHECK(c.workers[0].retired);
  CHECK_FALSE(c.workers[1].retired);
  CHECK(c.worker("sato") != nullptr);  // history keeps a retired worker
  check_refused(with_version("workers:\n  sato:\n    name: S\n    retired: yes\n"), 5, 14,
                "retired must be true or false");
}

TEST_CASE("the acting worker: a retired one is refused (worker.retired)") {
  Config c = parse_config(kFull, "c.yaml");
  c.workers[0].retired = true;  // sato
  WorkerEnv env(std::nullopt);
  for (int how = 0; how < 3; ++how) {
    CAPTURE(how);
    try {
      if (how == 0) resolve_worker(c, std::string("sato"), "");
      if (how == 1) {
        WorkerEnv env2("sato");
        resolve_worker(c, std::nullopt, "");
      }
      if (how == 2) resolve_worker(c, std::nullopt, "sato@example.org");
      FAIL("a retired worker was accepted");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::refused);
      CHECK(std::string(e.what()).find("retired") != std::string::npos);
      REQUIRE(e.problems().size() == 1);
      CHECK(e.problems()[0].rule == "worker.retired");
      CHECK(e.problems()[0].field == "workers.sato.retired");
    }
  }
  // The neighbour who is not retired acts as before.
  CHECK(resolve_worker(c, std::string("tanaka"), "").id == "tanaka");
  CHECK(resolve_worker(c, std::nullopt, "tanaka@example.org").id == "tanaka");
}

TEST_CASE("worker identity: a name and an email that cannot break a commit") {
  Worker ok{"sato", "佐藤 由紀", "sato@example.org", "worker"};
  CHECK(check_worker_identity(ok).empty());
  auto rules = [](const Worker& w) {
    std::vector<std::string> out;
    for (const auto& p : check_worker_identity(w)) out.push_back(p.rule + " " + p.field);
    return out;
  };
  for (const char* name : {"", "Sato\nYuki", "Sato\rYuki", "Sato <x>", "a>b"}) {
    Worker w = ok;
    w.name = name;
    CHECK_MESSAGE(rules(w) == std::vector<std::string>{"worker.name-invalid workers.sato.name"}, name);
  }
  for (const char* email : {"", "sato", "@example.org", "sato@", "sato @example.org", "<sato@example.org>",
                            "sato@example.org\n"}) {
    Worker w = ok;
    w.email = email;
    CHECK_MESSAGE(rules(w) == std::vector<std::string>{"worker.email-invalid workers.sato.email"}, email);
  }
  Worker both = ok;
  both.name = "x<y";
  both.email = "nope";
  auto ps = check_worker_identity(both);
  REQUIRE(ps.size() == 2);
  for (const auto& p : ps) {
    CHECK(p.message.find("x<y") == std::string::npos);  // never quoted
    CHECK(p.message.find("nope") == std::string::npos);
    CHECK_FALSE(p.fix.empty());
  }
}
