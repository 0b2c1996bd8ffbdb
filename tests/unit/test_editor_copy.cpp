// The editor's copies in .casectl/tmp/edit/: private files named after their process, removed
// once that process is gone and never while it runs (core/editor_copy.hpp).
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/editor_copy.hpp"
#include "core/error.hpp"
#include "fixtures.hpp"

using namespace casectl;
using casectl::test::TempDir;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// The PID of a process that has ended (a child, waited for).
pid_t ended_pid() {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  REQUIRE(pid > 0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

}  // namespace

TEST_CASE("make_editor_copy: a new 0600 file named <pid>-...<suffix> in .casectl/tmp/edit/ (0700)") {
  TempDir t;
  mode_t old = ::umask(0);
  EditorCopy a = make_editor_copy(t.path, "-C-2026-0001.yaml");
  EditorCopy b = make_editor_copy(t.path, "-C-2026-0001.yaml");
  ::umask(old);
  ::close(a.fd);
  ::close(b.fd);
  std::string dir = t.path + "/.casectl/tmp/edit";
  std::string name = fs::path(a.path).filename().string();
  CHECK(fs::path(a.path).parent_path() == dir);
  CHECK(name.rfind(std::to_string(::getpid()) + "-", 0) == 0);
  CHECK(name.size() > 17);
  CHECK(name.compare(name.size() - 17, 17, "-C-2026-0001.yaml") == 0);
  CHECK(a.path != b.path);
  CHECK(mode_of(a.path) == 0600);
  CHECK(mode_of(dir) == 0700);
}

TEST_CASE("make_editor_copy refuses a linked edit folder and writes nothing at its target") {
  TempDir t;
  std::string elsewhere = t.path + "/elsewhere";
  fs::create_directories(t.path + "/.casectl/tmp");
  ::chmod((t.path + "/.casectl").c_str(), 0700);
  ::chmod((t.path + "/.casectl/tmp").c_str(), 0700);
  fs::create_directory(elsewhere);
  ::chmod(elsewhere.c_str(), 0700);
  REQUIRE(::symlink(elsewhere.c_str(), (t.path + "/.casectl/tmp/edit").c_str()) == 0);
  bool refused = false;
  try {
    make_editor_copy(t.path, ".yaml");
  } catch (const Error& e) {
    refused = e.kind() == ErrorKind::conflict;
  }
  CHECK(refused);
  CHECK(fs::is_empty(elsewhere));
  CHECK(remove_stale_editor_copies(t.path) == 0);  // never through the link either
}

TEST_CASE("remove_stale_editor_copies removes the copies of ended processes only") {
  TempDir t;
  EditorCopy mine = make_editor_copy(t.path, ".yaml");
  ::close(mine.fd);
  std::string dir = t.path + "/.casectl/tmp/edit";
  std::string dead = dir + "/" + std::to_string(ended_pid()) + "-abcdef-C-2026-0001.yaml";
  std::string live = dir + "/" + std::to_string(::getppid()) + "-abcdef-C-2026-0002.yaml";
  std::string other = dir + "/notes.yaml";
  for (const auto& p : {dead, live, other}) std::ofstream(p) << "x";
  CHECK(remove_stale_editor_copies(t.path) == 1);
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(mine.path));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
  CHECK(remove_stale_editor_copies(t.path + "/nowhere") == 0);
}
