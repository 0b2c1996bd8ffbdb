// `doctor`: every file and folder of the case directory, walked without following a link: modes,
// links, other kinds of files, leftovers of interrupted writes, what git does not track, and
// folders under cases/ left empty. .git is looked at for its own mode only.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <git2.h>

#include "core/atomic_file.hpp"
#include "core/doctor_checks.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/editor_copy.hpp"
#include "core/repo.hpp"

namespace casectl::doctor {
namespace {

// Where a folder is: the working tree, .casectl/, or .casectl/tmp/ (all of it leftovers).
enum class Area { work, own, tmp };

// What a folder holds, counted through its subfolders.
struct Held {
  std::size_t files = 0;      // anything but folders and leftovers
  std::size_t untracked = 0;  // of them, files git neither tracks nor ignores
};

// What the walk of a folder gathers: what it holds, and the subfolders to report whole (each
// instead of its content) unless the folder itself is reported whole by its parent.
struct Level {
  Held held;
  std::vector<std::string> empty;                              // holding no file
  std::vector<std::pair<std::string, std::size_t>> untracked;  // every file untracked: how many
};

const char* const kKeepAdvice = N_(
    "commit it with git (git add, git commit) or move it out of the case directory (doctor never "
    "deletes it)");


// True when rel is strictly inside cases/.
bool in_cases(const std::string& rel) { return rel.rfind("cases/", 0) == 0; }

// True when a folder (rel, in area, holding h) is reported whole as empty: under cases/, no file.
bool wholly_empty(const std::string& rel, Area area, const Held& h) {
  return area == Area::work && in_cases(rel) && h.files == 0;
}

// True when a folder (rel, in area, holding h) is reported whole as untracked: every file is.
bool wholly_untracked(const std::string& rel, Area area, const Held& h) {
  return area == Area::work && rel != "." && h.untracked > 0 && h.untracked == h.files;
}

// Keeps only the findings of v whose check is `check`, or drops them (keep false).
void filter(std::vector<Finding>& v, const std::string& check, bool keep) {
  v.erase(std::remove_if(v.begin(), v.end(), [&](const Finding& f) { return (f.check == check) != keep; }),
          v.end());
}

class TreeWalk {
 public:
  TreeWalk(const std::string& root, Repo& repo, std::vector<Finding>& out)
      : root_(root), repo_(repo.handle()), out_(out) {
    git_index* raw = nullptr;
    if (git_repository_index(&raw, repo_) == 0) {
      index_.reset(raw);
    } else {
      out_.push_back(Finding{".git/index", "git", Said(N_("git's index cannot be read: {}"), git::last_error()),
                             Said(N_("rebuild it with git (`git reset` keeps your files)")), {}, {}});
    }
  }

  void run() {
    int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0) mode_finding(root_, ".", st, out_);
    folder(fd, ".", Area::work, out_);
    ::close(fd);
  }

 private:
  // Walks the folder open at fd (rel under the root, in area), adding its findings to out.
  Held folder(int fd, const std::string& rel, Area area, std::vector<Finding>& out) {
    Level level;
    for (const auto& name : names_in(fd)) {
      std::string child = rel == "." ? name : rel + "/" + name;
      struct stat st {};
      if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
      if (rel == "." && name == ".git") {
        if (S_ISDIR(st.st_mode)) mode_finding(root_, child, st, out);  // its own mode only
      } else if (rel == "." && name == ".casectl") {
        if (private_dir_findings(root_, st, out)) subfolder(fd, name, child, st, Area::own, level, out);
      } else if (S_ISLNK(st.st_mode)) {
        symlink_finding(root_, child, area != Area::work, out);
        ++level.held.files;
      } else if (S_ISDIR(st.st_mode)) {
        subfolder(fd, name, child, st, child == ".casectl/tmp" ? Area::tmp : area, level, out);
      } else if (S_ISREG(st.st_mode)) {
        file(name, child, st, area, level.held, out);
      } else {
        out.push_back(Finding{child, "filetype", Said(N_("not a file or folder (a FIFO, socket or device)")),
                              Said(N_("remove it")), {}, {}});
        ++level.held.files;
      }
    }
    if (!wholly_empty(rel, area, level.held))
      for (const auto& dir : level.empty) empty_finding(dir, out);
    if (!wholly_untracked(rel, area, level.held))
      for (const auto& [dir, files] : level.untracked) untracked_dir_finding(dir, files, out);
    return level.held;
  }

  // Walks subfolder `name` (rel, in area; st from lstat) of the folder open at fd and adds what
  // it holds to `level`, or the subfolder itself when it is reported whole.
  void subfolder(int fd, const std::string& name, const std::string& rel, const struct stat& st, Area area,
                 Level& level, std::vector<Finding>& out) {
    int sub_fd = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub_fd < 0) {
      out.push_back(Finding{rel, "mode", Said(N_("the folder cannot be read ({})"), std::strerror(errno)),
                            Said(N_("give yourself access (chmod 700)")), {}, {}});
      ++level.held.files;
      return;
    }
    std::vector<Finding> sub;
    Held h = folder(sub_fd, rel, area, sub);
    ::close(sub_fd);
    if (wholly_empty(rel, area, h)) {
      filter(sub, "leftover", true);  // removed before the folder; its modes go with it
      level.empty.push_back(rel);
    } else {
      if (rel != ".casectl") mode_finding(root_, rel, st, out);  // .casectl: private_dir_findings
      if (wholly_untracked(rel, area, h)) {
        filter(sub, "untracked", false);
        level.untracked.emplace_back(rel, h.files);
      }
    }
    for (auto& f : sub) out.push_back(std::move(f));
    level.held.files += h.files;
    level.held.untracked += h.untracked;
  }

  // A regular file at rel: a leftover, or a file with a mode that may be tracked or not.
  void file(const std::string& name, const std::string& rel, const struct stat& st, Area area, Held& held,
            std::vector<Finding>& out) {
    std::string full = root_ + "/" + rel;
    if (area == Area::tmp) {
      // An editor open now (casectl edit, a form) keeps its copy: core/editor_copy.hpp.
      if (rel.rfind(".casectl/tmp/edit/", 0) == 0 && !stale_editor_copy(name)) return;
      return removable_finding(full, rel, "leftover", Said(N_("a temporary file of an interrupted change")), out);
    }
    bool tracked = area == Area::work && index_ && git_index_get_bypath(index_.get(), rel.c_str(), 0);
    if (area == Area::work && !tracked && is_temp_file_name(name))
      return removable_finding(full, rel, "leftover", Said(N_("a temporary file of an interrupted write")), out);
    ++held.files;
    mode_finding(root_, rel, st, out);
    if (area != Area::work || tracked || !index_) return;
    int ignored = 0;
    if (git_ignore_path_is_ignored(&ignored, repo_, rel.c_str()) == 0 && ignored) return;
    ++held.untracked;
    out.push_back(Finding{rel, "untracked", Said(N_("a file git does not track (not committed)")), Said(kKeepAdvice),
                          {}, {}});
  }

  // The finding of a folder under cases/ holding no file: removed (with its empty subfolders).
  void empty_finding(const std::string& rel, std::vector<Finding>& out) {
    std::string full = root_ + "/" + rel;
    out.push_back(Finding{rel, "empty", Said(N_("a folder holding no file (left by an interrupted change)")), {},
                          [full] {
                            remove_empty_folders(full);
                            return Said(N_("removed"));
                          },
                          {}});
  }

  // The finding of a folder none of whose files git tracks: kept, it may hold data.
  void untracked_dir_finding(const std::string& rel, std::size_t files, std::vector<Finding>& out) {
    std::string base = rel.substr(rel.find_last_of('/') + 1);
    bool case_folder = in_cases(rel) && parse_case_id(base).has_value();
    const char* what = case_folder ? (files == 1 ? N_("a case folder git does not track, holding {} file")
                                                 : N_("a case folder git does not track, holding {} files"))
                                   : (files == 1 ? N_("a folder git does not track, holding {} file")
                                                 : N_("a folder git does not track, holding {} files"));
    out.push_back(Finding{rel, "untracked", Said(what, files), Said(kKeepAdvice), {}, {}});
  }

  // Removes the folder at full and its subfolders, all of which must be empty (rmdir fails on
  // anything else, and nothing is followed through a link).
  static void remove_empty_folders(const std::string& full) {
    int fd = ::open(full.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
      for (const auto& name : names_in(fd)) {
        struct stat st {};
        if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
          remove_empty_folders(full + "/" + name);
      }
      ::close(fd);
    }
    if (::rmdir(full.c_str()) != 0)
      fail(ErrorKind::internal, txf("cannot remove it: {}", std::strerror(errno)));
  }

  std::string root_;
  git_repository* repo_;
  git::Index index_;
  std::vector<Finding>& out_;
};

}  // namespace

void check_tree(const std::string& root, Repo& repo, std::vector<Finding>& out) {
  TreeWalk(root, repo, out).run();
}

}  // namespace casectl::doctor
