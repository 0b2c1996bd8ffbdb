// The pure part of core/case_store: the commit message of SPEC section 6, the lock holder's
// description, and find_root (-C, else $CASECTL_DIR, else the nearest parent holding
// casectl.yaml). No git: find_root only looks for the casectl.yaml file.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/case_store.hpp"
#include "fixtures.hpp"

using namespace casectl;
using casectl::test::Cwd;
using casectl::test::EnvVar;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) {
      if (start < text.size()) out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The message without the one newline that may end it.
std::string trimmed(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// A temporary tree: ROOT/casectl.yaml, ROOT/cases/2026/00 (nested), OTHER (no casectl.yaml).
struct Tree {
  fs::path base, root, nested, other;
  Tree() {
    base = fs::temp_directory_path() / ("casectl-findroot-" + std::to_string(::getpid()));
    fs::remove_all(base);
    root = base / "centre";
    nested = root / "cases" / "2026" / "00";
    other = base / "elsewhere" / "deep";
    fs::create_directories(nested);
    fs::create_directories(other);
    std::ofstream(root / kConfigFile) << "casectl: 1\n";
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }
};

// The kind of Error f throws (internal if it throws none); what() into *message.
template <class F> ErrorKind error_kind(F f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  FAIL("no Error thrown");
  return ErrorKind::internal;
}

bool same_folder(const std::string& a, const fs::path& b) {
  return fs::equivalent(fs::path(a), b) && fs::canonical(a) == fs::canonical(b);
}

// True when some folder from dir up to / holds casectl.yaml (then "not found" cannot be tested).
bool config_above(fs::path dir) {
  dir = fs::canonical(dir);
  while (true) {
    if (fs::exists(dir / kConfigFile)) return true;
    if (dir == dir.parent_path()) return false;
    dir = dir.parent_path();
  }
}

}  // namespace

TEST_CASE("commit_message: subject, blank line, Case/Stage/Worker trailers") {
  ChangeSummary change{"assess", "risk high, safety unsafe", {}};
  std::string msg = commit_message("C-2026-0001", change, "assessed", "sato");
  // Exactly the example of SPEC section 6.
  CHECK(trimmed(msg) ==
        "assess C-2026-0001: risk high, safety unsafe\n"
        "\n"
        "Case: C-2026-0001\n"
        "Stage: assessed\n"
        "Worker: sato");
  auto ls = lines(msg);
  REQUIRE(ls.size() == 5);
  CHECK(ls[0] == "assess C-2026-0001: risk high, safety unsafe");
  CHECK(ls[1].empty());
  CHECK(ls[2] == "Case: C-2026-0001");
  CHECK(ls[3] == "Stage: assessed");
  CHECK(ls[4] == "Worker: sato");
}

TEST_CASE("commit_message takes each part from its argument") {
  ChangeSummary change{"plan", "plan 2, 3 goals, 2 services, next review 2027-01-10", {}};
  std::string msg = commit_message("KT-2027-0123", change, "active", "suzuki");
  CHECK(trimmed(msg) ==
        "plan KT-2027-0123: plan 2, 3 goals, 2 services, next review 2027-01-10\n"
        "\n"
        "Case: KT-2027-0123\n"
        "Stage: active\n"
        "Worker: suzuki");
  // The documents of the change are files of the commit, not part of its message.
  change.documents = {{"cases/2027/01/KT-2027-0123/plan-2.md", "# Plan 2 for Yamada Hanako\n"}};
  CHECK(commit_message("KT-2027-0123", change, "active", "suzuki") == msg);
  CHECK(msg.find("Yamada") == std::string::npos);
}

TEST_CASE("lock_holder: \"<worker>: casectl <command>\"") {
  CHECK(lock_holder("sato", "new") == "sato: casectl new");
  CHECK(lock_holder("tanaka", "change C-2026-0001") == "tanaka: casectl change C-2026-0001");
}

TEST_CASE("find_root") {
  Tree t;
  EnvVar dir_env("CASECTL_DIR", std::nullopt);

  SUBCASE("-C names the case directory") {
    CHECK(find_root(t.root.string()) == t.root.string());
  }
  SUBCASE("-C wins over $CASECTL_DIR and the current folder") {
    EnvVar env("CASECTL_DIR", t.other.string());
    Cwd cwd(t.other);
    CHECK(find_root(t.root.string()) == t.root.string());
  }
  SUBCASE("-C naming a folder without casectl.yaml: not_found, no search elsewhere") {
    EnvVar env("CASECTL_DIR", t.root.string());
    Cwd cwd(t.nested);
    std::string message;
    CHECK(error_kind([&] { find_root(t.other.string()); }, &message) == ErrorKind::not_found);
    CHECK(message.find(t.other.string()) != std::string::npos);
    CHECK(message.find("casectl init") != std::string::npos);
    // Not even a parent of -C is taken.
    CHECK(error_kind([&] { find_root(t.nested.string()); }) == ErrorKind::not_found);
  }
  SUBCASE("$CASECTL_DIR when there is no -C") {
    EnvVar env("CASECTL_DIR", t.root.string());
    Cwd cwd(t.other);
    CHECK(find_root(std::nullopt) == t.root.string());
  }
  SUBCASE("$CASECTL_DIR wins over the current folder") {
    fs::path second = t.base / "second";
    fs::create_directories(second);
    std::ofstream(second / kConfigFile) << "casectl: 1\n";
    EnvVar env("CASECTL_DIR", second.string());
    Cwd cwd(t.nested);
    CHECK(find_root(std::nullopt) == second.string());
  }
  SUBCASE("$CASECTL_DIR naming a folder without casectl.yaml: not_found") {
    EnvVar env("CASECTL_DIR", t.other.string());
    Cwd cwd(t.nested);
    std::string message;
    CHECK(error_kind([&] { find_root(std::nullopt); }, &message) == ErrorKind::not_found);
    CHECK(message.find("CASECTL_DIR") != std::string::npos);
  }
  SUBCASE("the case directory itself") {
    Cwd cwd(t.root);
    CHECK(same_folder(find_root(std::nullopt), t.root));
  }
  SUBCASE("the nearest parent holding casectl.yaml, from a nested folder") {
    Cwd cwd(t.nested);
    CHECK(same_folder(find_root(std::nullopt), t.root));
  }
  SUBCASE("the nearest one: a case directory inside another") {
    fs::path inner = t.root / "cases" / "inner";
    fs::create_directories(inner / "sub");
    std::ofstream(inner / kConfigFile) << "casectl: 1\n";
    Cwd cwd(inner / "sub");
    CHECK(same_folder(find_root(std::nullopt), inner));
  }
  SUBCASE("an empty CASECTL_DIR is as if unset") {
    EnvVar env("CASECTL_DIR", std::string());
    Cwd cwd(t.nested);
    CHECK(same_folder(find_root(std::nullopt), t.root));
  }
  SUBCASE("not found: no casectl.yaml here or in any parent") {
    if (config_above(t.other)) {
      MESSAGE("skipped: a parent of " << t.other << " holds casectl.yaml");
      return;
    }
    Cwd cwd(t.other);
    std::string message;
    CHECK(error_kind([&] { find_root(std::nullopt); }, &message) == ErrorKind::not_found);
    CHECK(message.find("-C") != std::string::npos);
    CHECK(message.find("CASECTL_DIR") != std::string::npos);
    CHECK(message.find("casectl init") != std::string::npos);
  }
}
