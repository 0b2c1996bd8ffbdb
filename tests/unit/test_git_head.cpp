// read_plain_head() against libgit2's answer on every layout git makes: a branch without a
// commit, a loose ref, packed refs, a detached HEAD, another branch; and nullopt where the
// layout is not the plain one.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "core/git.hpp"
#include "core/git_head.hpp"

using namespace casectl;

namespace {

struct HeadRepo {
  std::string path;
  HeadRepo() {
    char tmpl[] = "/tmp/casectl-head-XXXXXX";
    path = mkdtemp(tmpl);
    sh("git init -q -b main . && git config user.email t@example.org && git config user.name T");
  }
  ~HeadRepo() { std::system(("rm -rf '" + path + "'").c_str()); }
  void sh(const std::string& cmd) const { REQUIRE(std::system(("cd '" + path + "' && " + cmd).c_str()) == 0); }
  void commit(const std::string& what) const { sh("echo " + what + " >> f && git add f && git commit -q -m " + what); }
  // HEAD's commit id as libgit2 reads it, "" for none.
  std::string libgit2_head() const {
    git::Repository repo = git::open(path);
    std::optional<git_oid> id = git::head_id(repo.get());
    return id ? git::to_hex(*id) : "";
  }
};

}  // namespace

TEST_CASE("HEAD read from the files equals libgit2's HEAD in every plain layout") {
  HeadRepo r;
  CHECK(git::read_plain_head(r.path) == std::optional<std::string>(""));  // no commit yet
  r.commit("one");
  CHECK(git::read_plain_head(r.path) == r.libgit2_head());  // loose ref
  REQUIRE(r.libgit2_head().size() == 40);
  r.sh("git pack-refs --all");
  CHECK(git::read_plain_head(r.path) == r.libgit2_head());  // packed
  r.commit("two");
  CHECK(git::read_plain_head(r.path) == r.libgit2_head());  // loose again, packed one older
  r.sh("git tag -a -m t v1 && git pack-refs --all && git checkout -q -b other");
  r.commit("three");
  CHECK(git::read_plain_head(r.path) == r.libgit2_head());  // another branch, peeled tag in packed-refs
  r.sh("git checkout -q --detach main");
  CHECK(git::read_plain_head(r.path) == r.libgit2_head());  // detached
  r.sh("git checkout -q main && git checkout -q --orphan fresh");
  CHECK(git::read_plain_head(r.path) == std::optional<std::string>(""));  // a new branch without a commit
}

TEST_CASE("HEAD not in the plain layout is left to libgit2") {
  HeadRepo r;
  r.commit("one");
  SUBCASE("a linked work tree's .git file") {
    r.sh("git worktree add -q wt");
    CHECK_FALSE(git::read_plain_head(r.path + "/wt").has_value());
  }
  SUBCASE("a symbolic ref in the ref's place") {
    r.sh("git symbolic-ref refs/heads/alias refs/heads/main && git symbolic-ref HEAD refs/heads/alias");
    CHECK_FALSE(git::read_plain_head(r.path).has_value());
  }
  SUBCASE("a damaged HEAD") {
    std::ofstream(r.path + "/.git/HEAD") << "ref: refs/heads/../../x\n";
    CHECK_FALSE(git::read_plain_head(r.path).has_value());
    std::ofstream(r.path + "/.git/HEAD") << "nonsense";
    CHECK_FALSE(git::read_plain_head(r.path).has_value());
  }
  SUBCASE("a damaged ref") {
    std::ofstream(r.path + "/.git/refs/heads/main") << "1234\n";
    CHECK_FALSE(git::read_plain_head(r.path).has_value());
  }
  SUBCASE("no repository") { CHECK_FALSE(git::read_plain_head(r.path + "/nowhere").has_value()); }
}

TEST_CASE("a folder is surely no repository only where libgit2 would open none") {
  HeadRepo r;
  r.commit("one");
  CHECK_FALSE(git::surely_no_repository(r.path));
  r.sh("mkdir plain && git worktree add -q wt && git clone -q --bare . bare.git");
  CHECK(git::surely_no_repository(r.path + "/plain"));
  CHECK_THROWS(git::open(r.path + "/plain"));
  CHECK_FALSE(git::surely_no_repository(r.path + "/wt"));
  CHECK_FALSE(git::surely_no_repository(r.path + "/bare.git"));
  CHECK(git::open(r.path + "/bare.git").get() != nullptr);
}
