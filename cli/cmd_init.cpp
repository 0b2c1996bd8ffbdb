// casectl init [DIR]: a new case directory: git repository on main, casectl.yaml with a first
// worker, .gitignore for .casectl/, and a first commit by that worker.
#include <fmt/format.h>
#include <dirent.h>
#include <sys/stat.h>

#include "cli/app.hpp"
#include "core/atomic_file.hpp"
#include "core/lock.hpp"
#include "core/error.hpp"

namespace casectl::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
  std::string name, email, role = "worker", agency, locale = "en", prefix = "C";
};

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

void run(const InitOptions& o, const Globals& g) {
  const std::string& dir = o.dir;
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
  Worker w;
  w.email = o.email.empty() ? Repo::global_git_config("user.email") : o.email;
  w.name = o.name.empty() ? Repo::global_git_config("user.name") : o.name;
  w.id = g.worker ? *g.worker : id_from_email(w.email);
  w.role = o.role;
  if (w.email.empty())
    fail(ErrorKind::usage, "the first worker needs an email: pass --email (or set git's user.email)");
  if (w.id.empty() || !valid_worker_id(w.id))
    fail(ErrorKind::usage, fmt::format("the first worker needs an id of lower-case letters, digits, . _ - "
                                       "(starting with a letter): pass --worker ID"));
  if (w.name.empty()) w.name = w.id;
  if (!enums::locale.contains(o.locale))
    fail(ErrorKind::usage, fmt::format("--locale {} is not one of: {}", o.locale, enums::locale.allowed()));
  if (!valid_prefix(o.prefix)) fail(ErrorKind::usage, "--prefix must be 1 to 8 capital letters A-Z");

  Config c;
  c.agency = o.agency.empty() ? "Case directory" : o.agency;
  c.locale = o.locale;
  c.id_prefix = o.prefix;
  c.workers.push_back(w);
  std::string config_text = emit_config(c);
  parse_config(config_text, kConfigFile);  // what we write must load

  if (!exists(dir)) make_dirs(dir);
  Repo::init(dir);
  Repo repo(dir);
  Lock lock(dir, lock_holder(w.id, "init"));
  repo.commit({{kConfigFile, config_text}, {".gitignore", ".casectl/\n"}}, Author{w.name, w.email},
              fmt::format("init: case directory\n\nWorker: {}\n", w.id), "", commit_time());
  out(fmt::format("Initialised case directory {} (worker {}, {})\n", dir, w.id, w.role));
}

}  // namespace

void register_init(CLI::App& app, Globals& g) {
  auto o = std::make_shared<InitOptions>();
  auto* cmd = app.add_subcommand("init", "make a new case directory: git repository, settings, first worker");
  cmd->add_option("DIR", o->dir, "folder to make (default: the current folder)");
  cmd->add_option("--name", o->name, "the first worker's full name (default: git's user.name)");
  cmd->add_option("--email", o->email, "the first worker's email (default: git's user.email)");
  cmd->add_option("--role", o->role, "the first worker's role: worker | supervisor (default worker)")
      ->check(CLI::IsMember({"worker", "supervisor"}));
  cmd->add_option("--agency", o->agency, "the agency's name, shown on documents");
  cmd->add_option("--locale", o->locale, "language of documents and report headings: en | ja")
      ->check(CLI::IsMember({"en", "ja"}));
  cmd->add_option("--prefix", o->prefix, "case ID prefix, 1-8 capital letters (default C)");
  example(cmd, "  casectl init cases --worker sato --name \"Sato Yuki\" --email sato@example.org\n"
               "The first worker's id is --worker (default: the email's local part).");
  cmd->callback([o, &g] { run(*o, g); });
}

}  // namespace casectl::cli
