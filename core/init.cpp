#include "core/i18n.hpp"
#include "core/init.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include "core/case_store.hpp"
#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "core/ids.hpp"
#include "core/lock.hpp"
#include "core/merge_setup.hpp"
#include "core/private_dir.hpp"
#include "core/repo.hpp"

namespace casectl {
namespace {

// True when something exists at path.
bool exists(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0;
}

// True when path exists and is not a folder (or a link to one).
bool exists_not_folder(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
}

// The names in folder path ("." and ".." left out); nullopt when it cannot be read.
std::optional<std::set<std::string>> folder_entries(const std::string& path) {
  DIR* d = ::opendir(path.c_str());
  if (!d) return std::nullopt;
  std::set<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.insert(name);
  }
  ::closedir(d);
  return names;
}

// True when path does not exist or is a folder with no entries.
bool empty_folder(const std::string& path) {
  auto names = folder_entries(path);
  return names ? names->empty() : !exists(path);
}

// True when path is a folder itself, not a symbolic link to one.
bool real_folder(const std::string& path) {
  struct stat st{};
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The marker of an init in progress: made before anything else in the folder (after .casectl/
// and its lock), removed once the first commit is made.
constexpr const char* kInitMarker = "init";

// True when the git folder at gitdir names no commit: no branch (casectl makes main only when its
// first commit is made) and no packed references.
bool no_commit(const std::string& gitdir) {
  if (exists(gitdir + "/packed-refs")) return false;
  auto heads = folder_entries(gitdir + "/refs/heads");
  if (!heads) return true;
  for (const auto& name : *heads)
    if (name.size() < 5 || name.compare(name.size() - 5, 5, ".lock") != 0) return false;
  return true;
}

// True when name is one that an interrupted init can leave in the case directory: .casectl,
// .git, casectl.yaml, .gitignore, .gitattributes, or the file that libgit2 makes to probe the file system.
bool left_by_init(const std::string& name) {
  static const std::set<std::string> left{".casectl", ".git", kConfigFile, ".gitignore", kGitAttributesFile};
  return left.count(name) || name.rfind("_git2_", 0) == 0;
}

// True when dir holds only what an init killed before its first commit leaves: nothing but
// .casectl/ (with the lock it takes first), or the init marker in .casectl/ beside nothing but
// .git (with no commit) and the other names of left_by_init(). Nothing of anyone's work is there.
bool interrupted_init(const std::string& dir) {
  auto names = folder_entries(dir);
  if (!names || !names->count(".casectl") || !real_folder(dir + "/.casectl")) return false;
  for (const auto& name : *names)
    if (!left_by_init(name)) return false;
  if (names->size() == 1) return true;
  struct stat st{};
  if (::lstat((dir + "/.casectl/" + kInitMarker).c_str(), &st) != 0) return false;
  return !names->count(".git") || (real_folder(dir + "/.git") && no_commit(dir + "/.git"));
}

// Marks an init in progress in dir/.casectl (durably, before git's folder is made).
void mark_init(const std::string& casectl_dir) {
  int fd = open_private_file(casectl_dir, kInitMarker, O_WRONLY | O_CREAT);
  if (fd < 0 || ::fsync(fd) != 0)
    fail(ErrorKind::internal, txf("cannot write {}/{}: {}", casectl_dir, kInitMarker, std::strerror(errno)));
  ::close(fd);
  int dfd = ::open(casectl_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

// Removes what an interrupted init left in dir (see interrupted_init), keeping .casectl/'s lock
// and the marker, which goes last once the init is made.
void clear_interrupted_init(const std::string& dir, const std::string& casectl_dir) {
  auto remove = [](const std::string& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);  // never follows a symbolic link
    if (ec) fail(ErrorKind::internal, txf("cannot remove {}: {}", path, ec.message()));
  };
  for (const auto& name : folder_entries(dir).value_or(std::set<std::string>{}))
    if (name != ".casectl") remove(dir + "/" + name);  // all left_by_init(), as checked under the lock
  for (const auto& name : folder_entries(casectl_dir).value_or(std::set<std::string>{}))
    if (name != "lock" && name != kInitMarker) remove(casectl_dir + "/" + name);
}

// A worker id from an email's local part ("Sato.Yuki@x" -> "sato.yuki"), or "".
std::string id_from_email(const std::string& email) {
  std::string id;
  for (char c : email.substr(0, email.find('@'))) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return valid_worker_id(id) ? id : "";
}

// Error(refused) unless dir is a new or empty folder that holds no case directory or repository,
// or a folder that an interrupted init left (made again from the start).
void require_new_folder(const std::string& dir) {
  if (exists_not_folder(dir))
    fail(ErrorKind::refused, txf("{} exists and is not a folder; casectl init needs a new or empty folder", dir));
  if (interrupted_init(dir)) return;
  if (exists(dir + "/" + kConfigFile))
    fail(ErrorKind::refused, txf("{} is already a case directory ({} exists)", dir, kConfigFile));
  if (exists(dir + "/.git"))
    fail(ErrorKind::refused,
         txf("{} is already a git repository; casectl init needs a new or empty folder", dir));
  if (!empty_folder(dir))
    fail(ErrorKind::refused, txf("{} is not empty; casectl init needs a new or empty folder "
                                         "(its files would sit untracked beside the cases)", dir));
}

// The first worker of the request, git's global identity filling what it leaves out.
Worker first_worker(const InitRequest& r) {
  Worker w;
  w.email = r.email.empty() ? Repo::global_git_config("user.email") : r.email;
  w.name = r.name.empty() ? Repo::global_git_config("user.name") : r.name;
  w.id = r.worker_id ? *r.worker_id : id_from_email(w.email);
  w.role = r.role;
  if (w.email.empty())
    fail(ErrorKind::usage, tx("the first worker needs an email: pass --email (or set git's user.email)"));
  if (w.id.empty() || !valid_worker_id(w.id))
    fail(ErrorKind::usage, txf("the first worker needs an id of lower-case letters, digits, . _ - "
                                       "(starting with a letter): pass --worker ID"));
  if (w.name.empty()) w.name = w.id;
  return w;
}

}  // namespace

Worker init_case_directory(const InitRequest& r) {
  const std::string& dir = r.dir;
  require_new_folder(dir);
  Worker w = first_worker(r);
  if (!enums::locale.contains(r.locale))
    fail(ErrorKind::usage, txf("--locale {} is not one of: {}", r.locale, enums::locale.allowed()));
  if (!valid_prefix(r.prefix)) fail(ErrorKind::usage, tx("--prefix must be 1 to 8 capital letters A-Z"));
  if (!enums::id_scheme.contains(r.id_scheme))
    fail(ErrorKind::usage, txf("--id-scheme {} is not one of: {}", r.id_scheme, enums::id_scheme.allowed()));

  Config c;
  c.agency = r.agency.empty() ? "Case directory" : r.agency;
  c.locale = r.locale;
  c.id_prefix = r.prefix;
  c.id_scheme = r.id_scheme;
  c.workers.push_back(w);
  std::string config_text = emit_config(c);
  parse_config(config_text, kConfigFile);  // what we write must load

  // All or nothing: the lock, then a marker, then git's folder and the first commit. A kill on
  // the way leaves a folder that interrupted_init() recognises, and the next init starts afresh;
  // a kill after the commit leaves a whole case directory (recovered by the next command).
  if (!exists(dir)) make_dirs(dir);
  Lock lock(dir, lock_holder(w.id, "init"));
  require_new_folder(dir);  // again under the lock: another init may have run meanwhile
  std::string casectl_dir = private_dir(dir);
  mark_init(casectl_dir);
  clear_interrupted_init(dir, casectl_dir);
  Repo::init(dir);
  install_merge_driver(dir, r.merge_program);
  Repo repo(dir);
  repo.commit({{kConfigFile, config_text}, {".gitignore", ".casectl/\n"}, {kGitAttributesFile, git_attributes_text()}},
              Author{w.name, w.email},
              commit_message(ChangeSummary{"init", "case directory", {}}, w.id), "", commit_time());
  ::unlink((casectl_dir + "/" + kInitMarker).c_str());
  return w;
}

}  // namespace casectl
