// `doctor` (core/doctor): a reader's shared hold of the lock, the names of casectl's temporary
// files, and findings repaired once and for all.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "core/doctor.hpp"
#include "core/error.hpp"
#include "core/init.hpp"
#include "core/lock.hpp"
#include "fixtures.hpp"

using namespace casectl;
namespace fs = std::filesystem;

namespace {

// A new case directory (worker sato) in a fresh temp folder, removed at the end of the scope;
// editor copies are looked for in that folder only.
struct CaseDir {
  std::string parent, root;
  std::optional<test::EnvVar> tmpdir;
  CaseDir() {
    std::string tmpl = (fs::temp_directory_path() / "casectl-doctor-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    parent = tmpl;
    tmpdir.emplace("TMPDIR", parent);
    root = parent + "/cases";
    InitRequest r;
    r.dir = root;
    r.worker_id = "sato";
    r.name = "Sato Yuki";
    r.email = "sato@example.org";
    init_case_directory(r);
  }
  ~CaseDir() {
    std::error_code ec;
    fs::remove_all(parent, ec);
  }
  // Writes a file (0600) at rel.
  void write(const std::string& rel, const std::string& text = "x\n") const {
    std::ofstream(root + "/" + rel) << text;
    ::chmod((root + "/" + rel).c_str(), 0600);
  }
};

// The check that found path ("" when none did).
std::string check_of(const std::vector<Finding>& found, const std::string& path) {
  auto it = std::find_if(found.begin(), found.end(), [&](const Finding& f) { return f.path == path; });
  return it == found.end() ? "" : it->check;
}

// The kind of Error fn throws; internal when it throws none.
template <class F> ErrorKind kind_of(F fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;
}

}  // namespace

TEST_CASE("a new case directory has nothing to find, and doctor makes no .casectl/") {
  CaseDir d;
  fs::remove_all(d.root + "/.casectl");
  CHECK(diagnose(d.root).empty());
  CHECK_FALSE(fs::exists(d.root + "/.casectl"));
}

TEST_CASE("the shared lock creates nothing, excludes a change and is excluded by one") {
  CaseDir d;
  fs::remove_all(d.root + "/.casectl");
  { SharedLock nothing_to_hold(d.root, 0.1); }
  CHECK_FALSE(fs::exists(d.root + "/.casectl"));

  auto change = std::make_unique<Lock>(d.root, "worker sato: casectl note C-2026-0001");
  CHECK(kind_of([&] { SharedLock reader(d.root, 0.1); }) == ErrorKind::conflict);
  change.reset();

  SharedLock reader(d.root, 0.1);
  SharedLock another_reader(d.root, 0.1);
  CHECK(kind_of([&] { Lock writer(d.root, "worker sato", 0.1); }) == ErrorKind::conflict);
}

TEST_CASE("only casectl's own temporary names are leftovers, look-alikes are a person's files") {
  CaseDir d;
  for (const char* name : {".casectl.yaml.tmp-12-0badf00d", ".plan-1.md.old-7-01234567"}) d.write(name);
  for (const char* name : {".x.tmp-12-0BADF00D", "x.tmp-12-0badf00d", ".x.tmp--0badf00d", ".tmp-12-0badf00d",
                           ".x.tmp-12-0badf00", ".x.new-12-0badf00d"})
    d.write(name);
  auto found = diagnose(d.root);
  CHECK(check_of(found, ".casectl.yaml.tmp-12-0badf00d") == "leftover");
  CHECK(check_of(found, ".plan-1.md.old-7-01234567") == "leftover");
  for (const char* name : {".x.tmp-12-0BADF00D", "x.tmp-12-0badf00d", ".x.tmp--0badf00d", ".tmp-12-0badf00d",
                           ".x.tmp-12-0badf00", ".x.new-12-0badf00d"})
    CHECK_MESSAGE(check_of(found, name) == "untracked", name);
}

TEST_CASE("repair fixes what it can once: the next diagnosis finds only what needs a person") {
  CaseDir d;
  ::chmod((d.root + "/casectl.yaml").c_str(), 0644);
  fs::create_directories(d.root + "/cases/2026/00/C-2026-0001");
  d.write("notes.txt");
  auto repaired = diagnose_and_repair(d.root);
  auto fixed = [&](const std::string& path) {
    auto it = std::find_if(repaired.begin(), repaired.end(), [&](const Finding& f) { return f.path == path; });
    return it != repaired.end() && !it->repaired.empty();
  };
  CHECK(fixed("casectl.yaml"));
  CHECK(fixed("cases/2026"));  // the empty year, whole
  CHECK_FALSE(fixed("notes.txt"));
  auto left = diagnose(d.root);
  REQUIRE(left.size() == 1);
  CHECK(left[0].path == "notes.txt");
  CHECK(left[0].check == "untracked");
}

TEST_CASE("a casectl.yaml that does not load is one validate finding naming no case") {
  CaseDir d;
  d.write("casectl.yaml", "casectl: [\n");
  auto found = diagnose(d.root);
  auto it = std::find_if(found.begin(), found.end(), [](const Finding& f) { return f.check == "validate"; });
  REQUIRE(it != found.end());
  CHECK(it->path.rfind("casectl.yaml", 0) == 0);
  CHECK(it->problem.english().rfind("malformed: ", 0) == 0);
}
