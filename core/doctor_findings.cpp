// `doctor`: the findings several checks make (modes, links, removable files), and the small
// checks: .casectl/ itself, the journal, editor copies.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "core/doctor_checks.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/journal.hpp"
#include "core/repo.hpp"

namespace casectl::doctor {
namespace {

// The path of rel under root ("." is the root itself).
std::string full_path(const std::string& root, const std::string& rel) {
  return rel == "." ? root : root + "/" + rel;
}

// Error(internal) with msgid's "{}" filled in by errno's text.
[[noreturn]] void fail_errno(const char* msgid) {
  fail(ErrorKind::internal, txf(msgid, std::strerror(errno)));
}

// Sets the mode of the file or folder at full to `to` after checking it is still of type `type`
// (never a link that took its place). Says what it did.
Said set_mode(const std::string& full, mode_t type, mode_t from, mode_t to) {
  struct stat st {};
  if (::lstat(full.c_str(), &st) != 0 || (st.st_mode & S_IFMT) != type)
    fail(ErrorKind::internal, tx("it changed since it was examined; run casectl doctor again"));
  if (::chmod(full.c_str(), to) != 0) fail_errno(N_("cannot change its mode: {}"));
  return Said::verbatim(fmt::format("{:04o} -> {:04o}", from, to));
}

// True for an editor copy's name: casectl-XXXXXX.yaml or casectl-XXXXXX-WHAT.yaml (cli/editor).
bool editor_copy_name(const std::string& name) {
  const std::string head = "casectl-", tail = ".yaml";
  std::size_t n = head.size() + 6;
  if (name.size() < n + tail.size() || name.compare(0, head.size(), head) != 0 ||
      name.compare(name.size() - tail.size(), tail.size(), tail) != 0)
    return false;
  for (std::size_t i = head.size(); i < n; ++i)
    if (!std::isalnum(static_cast<unsigned char>(name[i]))) return false;
  return name[n] == '.' || name[n] == '-';
}

}  // namespace

Said remove_file(const std::string& full) {
  if (::unlink(full.c_str()) != 0 && errno != ENOENT) fail_errno(N_("cannot remove it: {}"));
  return Said(N_("removed"));
}

std::vector<std::string> names_in(int fd) {
  std::vector<std::string> names;
  int copy = ::dup(fd);
  DIR* d = copy < 0 ? nullptr : ::fdopendir(copy);
  if (!d) {
    if (copy >= 0) ::close(copy);
    return names;
  }
  ::rewinddir(d);  // the copy shares its position with fd
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

Said age_text(std::time_t then, std::time_t now) {
  long minutes = static_cast<long>(now > then ? (now - then) / 60 : 0);
  if (minutes < 120) return Said(N_("{} min"), minutes);
  if (minutes < 48 * 60) return Said(N_("{} h"), minutes / 60);
  return Said(N_("{} days"), minutes / (24 * 60));
}

bool mode_finding(const std::string& root, const std::string& rel, const struct stat& st,
                  std::vector<Finding>& out) {
  mode_t mode = st.st_mode & 07777;
  if ((mode & 077) == 0) return false;
  mode_t want = mode & ~static_cast<mode_t>(077);
  mode_t type = st.st_mode & S_IFMT;
  std::string full = full_path(root, rel);
  out.push_back(Finding{rel, "mode", Said(N_("{}, should be {}"), fmt::format("{:04o}", mode), fmt::format("{:04o}", want)),
                        {}, [=] { return set_mode(full, type, mode, want); }, {}});
  return true;
}

void symlink_finding(const std::string& root, const std::string& rel, bool ours,
                     std::vector<Finding>& out) {
  Finding f{rel, "symlink", Said(N_("a symbolic link (casectl never follows it)")), {}, {}, {}};
  if (ours) {
    std::string full = full_path(root, rel);
    f.fix = [full] {
      remove_file(full);
      return Said(N_("removed the link; what it points at is untouched"));
    };
  } else {
    f.advice = Said(N_("replace it with the file or folder itself, or remove it"));
  }
  out.push_back(std::move(f));
}

void removable_finding(const std::string& full, const std::string& rel, const std::string& check,
                       Said what, std::vector<Finding>& out) {
  out.push_back(Finding{rel, check, std::move(what), {}, [full] { return remove_file(full); }, {}});
}

bool private_dir_findings(const std::string& root, const struct stat& st, std::vector<Finding>& out) {
  if (S_ISLNK(st.st_mode)) {
    symlink_finding(root, ".casectl", true, out);
  } else if (!S_ISDIR(st.st_mode)) {
    out.push_back(Finding{".casectl", "private", Said(N_("not a folder")),
                          Said(N_("move it away (casectl makes .casectl/ anew)")), {}, {}});
  } else if (st.st_uid != ::geteuid()) {
    out.push_back(Finding{".casectl", "private", Said(N_("belongs to another user (uid {})"), st.st_uid),
                          Said(N_("have that user or root remove it (casectl makes .casectl/ anew)")), {}, {}});
  } else {
    mode_finding(root, ".casectl", st, out);
    return true;
  }
  return false;
}

void check_private_dir(const std::string& root, std::vector<Finding>& out) {
  struct stat st {};
  if (::lstat((root + "/.casectl").c_str(), &st) != 0 || !private_dir_findings(root, st, out)) return;
  if (::lstat((root + "/.casectl/lock").c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    symlink_finding(root, ".casectl/lock", true, out);
}

void check_journal(const std::string& root, Repo& repo, std::vector<Finding>& out) {
  struct stat st {};
  if (::lstat((root + "/.casectl").c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
  if (::lstat((root + "/.casectl/journal").c_str(), &st) != 0 || S_ISLNK(st.st_mode)) return;
  git_repository* handle = repo.handle();
  out.push_back(Finding{".casectl/journal", "journal",
                        Said(N_("an interrupted change waits to be finished or rolled back")), {},
                        [root, handle] {
                          Said done = recover(root, handle);
                          return done.empty() ? Said(N_("nothing was left to recover")) : done;
                        },
                        {}});
}

void check_editor_copies(std::time_t now, std::vector<Finding>& out) {
  const char* env = std::getenv("TMPDIR");
  std::string dir = env && *env ? env : "/tmp";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  std::vector<std::string> names = names_in(fd);
  ::close(fd);
  names.erase(std::remove_if(names.begin(), names.end(), [](const std::string& n) { return !editor_copy_name(n); }),
              names.end());
  for (const auto& name : names) {
    std::string full = dir + "/" + name;
    struct stat st {};
    if (::lstat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid() ||
        now - st.st_mtime < kStaleSeconds)
      continue;
    out.push_back(Finding{full, "leftover",
                          Said(N_("an editor copy an interrupted edit or form left {} ago (it may hold a record)"),
                               age_text(st.st_mtime, now)),
                          Said(N_("keep what you need from it, then delete it (doctor never deletes it)")), {}, {}});
  }
}

}  // namespace casectl::doctor
