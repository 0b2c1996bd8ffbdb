// The private folder .casectl/: made 0700, refused when it is a link, not a folder, or open to
// others; its files never opened through a link (SPEC section 8).
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "core/lock.hpp"
#include "core/private_dir.hpp"

using namespace casectl;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the temp folder, removed with everything in it at the end of the scope.
struct Tmp {
  std::string path;
  Tmp() {
    std::string tmpl = (fs::temp_directory_path() / "casectl-private-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~Tmp() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The kind and message of the Error that fn throws (kind internal and "" when none).
template <class F> std::pair<ErrorKind, std::string> error_of(F fn) {
  try {
    fn();
  } catch (const Error& e) {
    return {e.kind(), e.what()};
  }
  return {ErrorKind::internal, ""};
}

}  // namespace

TEST_CASE("private_dir makes .casectl 0700 and accepts it as it is") {
  Tmp t;
  mode_t old = ::umask(0);
  CHECK(private_dir(t.path) == t.path + "/.casectl");
  ::umask(old);
  CHECK(mode_of(t.path + "/.casectl") == 0700);
  CHECK(private_dir(t.path) == t.path + "/.casectl");
}

TEST_CASE("private_dir refuses a link, a file and a folder open to others, naming the fix") {
  Tmp t;
  std::string dir = t.path + "/.casectl";
  fs::create_directory(t.path + "/elsewhere");
  ::chmod((t.path + "/elsewhere").c_str(), 0700);
  REQUIRE(::symlink((t.path + "/elsewhere").c_str(), dir.c_str()) == 0);
  auto [kind, message] = error_of([&] { private_dir(t.path); });
  CHECK(kind == ErrorKind::conflict);
  CHECK(message.find(".casectl is a symbolic link") != std::string::npos);
  CHECK(error_of([&] { private_dir_if_possible(t.path); }).first == ErrorKind::conflict);
  CHECK(fs::is_empty(t.path + "/elsewhere"));

  ::unlink(dir.c_str());
  std::ofstream(dir) << "not a folder";
  CHECK(error_of([&] { private_dir(t.path); }).first == ErrorKind::conflict);

  ::unlink(dir.c_str());
  REQUIRE(::mkdir(dir.c_str(), 0700) == 0);
  ::chmod(dir.c_str(), 0755);
  auto [kind2, message2] = error_of([&] { private_dir(t.path); });
  CHECK(kind2 == ErrorKind::conflict);
  CHECK(message2.find("mode 0755") != std::string::npos);
  CHECK(message2.find("chmod 700 " + dir) != std::string::npos);
  CHECK(mode_of(dir) == 0755);  // refused, not changed
  ::chmod(dir.c_str(), 0700);
  CHECK(private_dir(t.path) == dir);
}

TEST_CASE("a missing .casectl that cannot be made: Error(internal), or \"\" when that is allowed") {
  if (::geteuid() == 0) return;  // root writes anywhere
  Tmp t;
  ::chmod(t.path.c_str(), 0500);
  CHECK(private_dir_if_possible(t.path) == "");
  CHECK(error_of([&] { private_dir(t.path); }).first == ErrorKind::internal);
  ::chmod(t.path.c_str(), 0700);
}

TEST_CASE("open_private_file never follows a link and refuses hard links and other kinds of file") {
  Tmp t;
  std::string dir = private_dir(t.path);
  std::string outside = t.path + "/outside";
  std::ofstream(outside) << "precious";
  REQUIRE(::symlink(outside.c_str(), (dir + "/lock").c_str()) == 0);
  auto [kind, message] = error_of([&] { open_private_file(dir, "lock", O_RDWR | O_CREAT); });
  CHECK(kind == ErrorKind::conflict);
  CHECK(message.find(".casectl/lock is a symbolic link") != std::string::npos);
  CHECK(error_of([&] { check_private_file(dir + "/lock"); }).first == ErrorKind::conflict);
  CHECK(slurp(outside) == "precious");

  ::unlink((dir + "/lock").c_str());
  REQUIRE(::link(outside.c_str(), (dir + "/lock").c_str()) == 0);
  CHECK(error_of([&] { open_private_file(dir, "lock", O_RDWR | O_CREAT); }).first == ErrorKind::conflict);
  ::unlink((dir + "/lock").c_str());

  REQUIRE(::mkfifo((dir + "/lock").c_str(), 0600) == 0);  // opening must not wait for a writer
  CHECK(error_of([&] { open_private_file(dir, "lock", O_RDONLY); }).first == ErrorKind::conflict);
  ::unlink((dir + "/lock").c_str());

  int fd = open_private_file(dir, "lock", O_RDWR | O_CREAT);
  REQUIRE(fd >= 0);
  ::close(fd);
  CHECK(mode_of(dir + "/lock") == 0600);
  check_private_file(dir + "/lock");
  check_private_file(dir + "/missing");  // a missing file is fine
  CHECK(open_private_file(dir, "missing", O_RDONLY) == -1);
}

TEST_CASE("the lock refuses a linked .casectl/lock and leaves its target as it was") {
  Tmp t;
  std::string dir = private_dir(t.path);
  std::string outside = t.path + "/outside";
  std::ofstream(outside) << "precious";
  REQUIRE(::symlink(outside.c_str(), (dir + "/lock").c_str()) == 0);
  CHECK(error_of([&] { Lock lock(t.path, "test"); }).first == ErrorKind::conflict);
  CHECK(slurp(outside) == "precious");
}

TEST_CASE("the lock refuses a linked .casectl and makes nothing at its target") {
  Tmp t;
  fs::create_directory(t.path + "/elsewhere");
  ::chmod((t.path + "/elsewhere").c_str(), 0700);
  REQUIRE(::symlink((t.path + "/elsewhere").c_str(), (t.path + "/.casectl").c_str()) == 0);
  CHECK(error_of([&] { Lock lock(t.path, "test"); }).first == ErrorKind::conflict);
  CHECK(fs::is_empty(t.path + "/elsewhere"));
}

TEST_CASE("remove_files removes the files accepted, leaves folders, and never goes through a link") {
  Tmp t;
  std::string dir = private_dir(t.path);
  for (const char* name : {"a.tmp", "b.keep", "c.tmp"}) std::ofstream(dir + "/" + name) << "x";
  fs::create_directory(dir + "/sub");
  std::ofstream(dir + "/sub/d.tmp") << "x";
  auto tmp_only = [](const std::string& name) { return name.find(".tmp") != std::string::npos; };
  CHECK(remove_files(dir, tmp_only) == 2);
  CHECK(fs::exists(dir + "/b.keep"));
  CHECK(fs::exists(dir + "/sub/d.tmp"));
  CHECK_FALSE(fs::exists(dir + "/a.tmp"));

  REQUIRE(::symlink(dir.c_str(), (t.path + "/link").c_str()) == 0);
  CHECK(remove_files(t.path + "/link") == 0);
  CHECK(fs::exists(dir + "/b.keep"));
  CHECK(remove_files(dir) == 1);  // b.keep; the folder sub stays
  CHECK(fs::exists(dir + "/sub/d.tmp"));
  CHECK(remove_files(t.path + "/missing") == 0);
}
