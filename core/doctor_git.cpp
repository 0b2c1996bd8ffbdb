// `doctor`: the git repository: a detached HEAD or an unfinished operation (reported), stale lock
// files and temporary objects git left (removed).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <functional>

#include <fmt/format.h>
#include <git2.h>

#include "core/doctor_checks.hpp"
#include "core/i18n.hpp"
#include "core/repo.hpp"

namespace casectl::doctor {
namespace {

using NameTest = std::function<bool(const std::string&)>;

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// What to look for in a folder of git: files whose names `match` and that are stale (their
// finding says `what`, an N_() message with "{}" for their age), in the subfolders whose names
// `descend` says.
struct StaleFiles {
  NameTest match, descend;
  std::string check;
  const char* what;
};

// Adds a removable finding for every stale file that s looks for under the folder full (shown
// as rel/).
void find_stale(const StaleFiles& s, const std::string& full, const std::string& rel, std::time_t now,
                std::vector<Finding>& out) {
  int fd = ::open(full.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  for (const auto& name : names_in(fd)) {
    bool match = s.match(name), descend = s.descend(name);
    struct stat st {};
    if ((!match && !descend) || ::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (descend && S_ISDIR(st.st_mode)) {
      find_stale(s, full + name + "/", rel + name + "/", now, out);
    } else if (match && S_ISREG(st.st_mode) && now - st.st_mtime >= kStaleSeconds) {
      removable_finding(full + name, rel + name, s.check, Said(s.what, age_text(st.st_mtime, now)), out);
    }
  }
  ::close(fd);
}

// The git folder dir (ending in "/") as shown: relative to the working folder work (ending in
// "/") when inside it.
std::string shown(const std::string& work, const std::string& dir) {
  return dir.rfind(work, 0) == 0 ? dir.substr(work.size()) : dir;
}

// The same without its final "/" (".git").
std::string shown_folder(const std::string& work, const std::string& dir) {
  std::string s = shown(work, dir);
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

void check_git(Repo& repo, std::time_t now, std::vector<Finding>& out) {
  git_repository* r = repo.handle();
  const char* workdir = git_repository_workdir(r);
  std::string root = workdir ? workdir : "";
  std::string gitdir = git_repository_path(r), common = git_repository_commondir(r);
  if (git_repository_head_detached(r) == 1)
    out.push_back(Finding{shown(root, gitdir) + "HEAD", "git",
                          Said(N_("HEAD is detached (not on a branch); casectl changes nothing until it is on one")),
                          Said(N_("check out the branch (git checkout main)")), {}, {}});
  if (auto op = repo.unfinished_operation())
    out.push_back(Finding{shown_folder(root, gitdir), "git", Said(op->what), Said(op->advice), {}, {}});
  const char* lock_what = N_("a lock file git left {} ago; no casectl is running");
  auto lock = [](const std::string& n) { return ends_with(n, ".lock"); };
  auto none = [](const std::string&) { return false; };
  auto any = [](const std::string&) { return true; };
  for (const auto& dir : common == gitdir ? std::vector<std::string>{gitdir} : std::vector<std::string>{gitdir, common})
    find_stale({lock, none, "lock", lock_what}, dir, shown(root, dir), now, out);
  find_stale({lock, any, "lock", lock_what}, common + "refs/", shown(root, common) + "refs/", now, out);
  find_stale({[](const std::string& n) { return n.rfind("tmp_", 0) == 0; },
              [](const std::string& n) { return n.size() == 2 || n == "pack"; }, "leftover",
              N_("a temporary file git left {} ago")},
             common + "objects/", shown(root, common) + "objects/", now, out);
}

}  // namespace casectl::doctor
