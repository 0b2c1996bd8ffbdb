#include "core/init.hpp"

#include <cctype>
#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include "core/case_store.hpp"
#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "core/ids.hpp"
#include "core/lock.hpp"
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

// True when path does not exist or is a folder with no entries.
bool empty_folder(const std::string& path) {
  DIR* d = ::opendir(path.c_str());
  if (!d) return !exists(path);
  bool empty = true;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") empty = false;
  }
  ::closedir(d);
  return empty;
}

// A worker id from an email's local part ("Sato.Yuki@x" -> "sato.yuki"), or "".
std::string id_from_email(const std::string& email) {
  std::string id;
  for (char c : email.substr(0, email.find('@'))) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return valid_worker_id(id) ? id : "";
}

// Error(refused) unless dir is a new or empty folder that holds no case directory or repository.
void require_new_folder(const std::string& dir) {
  if (exists_not_folder(dir))
    fail(ErrorKind::refused, fmt::format("{} exists and is not a folder; casectl init needs a new or empty folder", dir));
  if (exists(dir + "/" + kConfigFile))
    fail(ErrorKind::refused, fmt::format("{} is already a case directory ({} exists)", dir, kConfigFile));
  if (exists(dir + "/.git"))
    fail(ErrorKind::refused,
         fmt::format("{} is already a git repository; casectl init needs a new or empty folder", dir));
  if (!empty_folder(dir))
    fail(ErrorKind::refused, fmt::format("{} is not empty; casectl init needs a new or empty folder "
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
    fail(ErrorKind::usage, "the first worker needs an email: pass --email (or set git's user.email)");
  if (w.id.empty() || !valid_worker_id(w.id))
    fail(ErrorKind::usage, fmt::format("the first worker needs an id of lower-case letters, digits, . _ - "
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
    fail(ErrorKind::usage, fmt::format("--locale {} is not one of: {}", r.locale, enums::locale.allowed()));
  if (!valid_prefix(r.prefix)) fail(ErrorKind::usage, "--prefix must be 1 to 8 capital letters A-Z");

  Config c;
  c.agency = r.agency.empty() ? "Case directory" : r.agency;
  c.locale = r.locale;
  c.id_prefix = r.prefix;
  c.workers.push_back(w);
  std::string config_text = emit_config(c);
  parse_config(config_text, kConfigFile);  // what we write must load

  if (!exists(dir)) make_dirs(dir);
  Repo::init(dir);
  Repo repo(dir);
  Lock lock(dir, lock_holder(w.id, "init"));
  repo.commit({{kConfigFile, config_text}, {".gitignore", ".casectl/\n"}}, Author{w.name, w.email},
              commit_message(ChangeSummary{"init", "case directory", {}}, w.id), "", commit_time());
  return w;
}

}  // namespace casectl
