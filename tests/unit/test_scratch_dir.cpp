// The folder of ssh-keygen's files: .casectl/tmp/ when it can be written, else a private folder
// of its own under $TMPDIR, removed with its files at the end; an unsafe .casectl/ is refused.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/temp_file.hpp"
#include "fixtures.hpp"

using namespace casectl;
using casectl::test::EnvVar;
using casectl::test::TempDir;

TEST_CASE("scratch folder: .casectl/tmp of a case directory that can be written") {
  TempDir root;
  ScratchDir s(root.path);
  CHECK_FALSE(s.own());
  CHECK(s.path() == root.path + "/.casectl/tmp");
}

TEST_CASE("scratch folder: a folder of its own under TMPDIR (0700) when .casectl/ cannot be made, removed at the end") {
  TempDir tmp;
  EnvVar env("TMPDIR", tmp.path);
  std::string made;
  {
    ScratchDir s(tmp.path + "/no-such-case-directory");  // .casectl/ cannot be made there
    REQUIRE(s.own());
    made = s.path();
    CHECK(made.rfind(tmp.path + "/casectl-verify-", 0) == 0);
    struct stat st {};
    REQUIRE(::lstat(made.c_str(), &st) == 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK((st.st_mode & 0777) == 0700);
    TempFile kept(made, "signature", "x\n");
    CHECK(kept.path().rfind(made + "/signature-", 0) == 0);
    // a file left in it (a helper's) goes with the folder
    REQUIRE(::close(::creat((made + "/left").c_str(), 0600)) == 0);
  }
  CHECK(::access(made.c_str(), F_OK) != 0);
}

TEST_CASE("scratch folder: a .casectl/ that is a symbolic link is refused, never bypassed") {
  TempDir root;
  REQUIRE(::symlink("/tmp", (root.path + "/.casectl").c_str()) == 0);
  try {
    ScratchDir s(root.path);
    FAIL("accepted a linked .casectl");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::conflict);
  }
}
