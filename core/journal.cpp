#include "core/i18n.hpp"
#include "core/journal.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <git2.h>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/private_dir.hpp"

namespace casectl {
namespace {

std::string journal_path(const std::string& root) { return root + "/.casectl/journal"; }

// The journal's text: one "key value" line each, paths last.
std::string journal_text(const Journal& j) {
  std::string s = "casectl-journal 1\n";
  s += "head " + (j.head_before.empty() ? std::string("-") : j.head_before) + "\n";
  s += "commit " + j.commit + "\n";
  s += "branch " + j.branch + "\n";
  for (const auto& p : j.paths) s += "path " + p + "\n";
  return s;
}

// The journal read back; nullopt when its text is not one (a write cut short before the rename
// cannot leave one: it is written atomically, so this means a file someone else put there).
std::optional<Journal> parse_journal(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != "casectl-journal 1") return std::nullopt;
  Journal j;
  while (std::getline(in, line)) {
    auto sp = line.find(' ');
    if (sp == std::string::npos) return std::nullopt;
    std::string key = line.substr(0, sp), value = line.substr(sp + 1);
    if (key == "head") j.head_before = value == "-" ? "" : value;
    else if (key == "commit") j.commit = value;
    else if (key == "branch") j.branch = value;
    else if (key == "path") j.paths.push_back(value);
    else return std::nullopt;
  }
  if (j.commit.size() != GIT_OID_HEXSZ || j.branch.rfind("refs/heads/", 0) != 0) return std::nullopt;
  for (const auto& p : j.paths)
    if (p.empty() || p[0] == '/' || p.find("..") != std::string::npos) return std::nullopt;
  return j;
}

// The content of file path, read whole (a journal is small).
std::optional<std::string> read_small(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0 && text.size() < (1u << 20)) text.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return text;
}

// Folder dir opened for reading its entries, never through a symbolic link; nullptr if it cannot be.
DIR* open_folder(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return nullptr;
  DIR* d = ::fdopendir(fd);
  if (!d) ::close(fd);
  return d;
}

// Removes the files of folder dir whose names start with prefix; how many it removed.
int remove_prefixed(const std::string& dir, const std::string& prefix) {
  return remove_files(dir, [&](const std::string& name) { return name.rfind(prefix, 0) == 0; });
}

// The HEAD commit id in hex, or "".
std::string head_hex(git_repository* repo) {
  auto id = git::head_id(repo);
  return id ? git::to_hex(*id) : std::string();
}

// Makes every path's working file what commit `rev` holds (removing it when rev has none), and
// git's index the same. Returns how many files it changed.
int bring_to(git_repository* repo, const std::string& root, const std::string& rev,
             const std::vector<std::string>& paths) {
  git::Tree tree;
  if (!rev.empty()) {
    git_oid id;
    git::check(git_oid_fromstr(&id, rev.c_str()), tx("journal: bad commit id"));
    tree = git::commit_tree(git::lookup_commit(repo, id).get());
  }
  git_index* raw = nullptr;
  git::check(git_repository_index(&raw, repo), tx("cannot open git's index"));
  git::Index index(raw);
  git_index_read(raw, 0);
  int changed = 0;
  for (const auto& rel : paths) {
    std::string full = root + "/" + rel;
    std::optional<std::string> want = tree ? git::read_blob(repo, tree.get(), rel) : std::nullopt;
    std::optional<std::string> have = read_small(full);
    // A temp file an interrupted recovery of an older casectl left beside the file.
    remove_prefixed(full.substr(0, full.find_last_of('/')), "." + full.substr(full.find_last_of('/') + 1) + ".tmp-");
    if (want) {
      if (have != want) {
        make_dirs(full.substr(0, full.find_last_of('/')));
        // Through .casectl/tmp/, like a change: a kill here leaves its temp file there, where
        // the next recovery removes it, never an untracked file beside the record.
        PendingFile file(full, *want, tmp_dir(root));
        file.place();
        ++changed;
      }
      git::check(git_index_add_bypath(raw, rel.c_str()), tx("cannot update git's index"));
    } else {
      if (have) {
        ::unlink(full.c_str());
        ++changed;
      }
      git_index_remove_bypath(raw, rel.c_str());
      // Folders the interrupted change made and left empty (a new case's folder).
      for (std::string dir = full.substr(0, full.find_last_of('/'));
           dir.size() > root.size() + 1 && ::rmdir(dir.c_str()) == 0;
           dir = dir.substr(0, dir.find_last_of('/'))) {
      }
    }
  }
  git::check(git_index_write(raw), tx("cannot write git's index"));  // the journal is kept for a retry
  if (const char* path = git_index_path(raw)) ::chmod(path, 0600);
  return changed;
}

// True when commit `head` (hex) has `base` (hex, "" = none) in its history.
bool descends_from(git_repository* repo, const std::string& head, const std::string& base) {
  if (head.empty()) return false;
  if (base.empty()) return true;
  git_oid h, b;
  if (git_oid_fromstr(&h, head.c_str()) < 0 || git_oid_fromstr(&b, base.c_str()) < 0) return false;
  return git_graph_descendant_of(repo, &h, &b) == 1;
}

// Removes a lock file git left behind; true if there was one.
bool remove_lock(const std::string& path) { return ::unlink(path.c_str()) == 0; }

// True when .casectl/tmp/ holds anything, or .casectl/ the journal's temp file of an older casectl.
bool has_leftovers(const std::string& root) {
  for (const auto& [dir, prefix] : {std::pair<std::string, std::string>{root + "/.casectl/tmp", ""},
                                    {root + "/.casectl", ".journal.tmp-"}}) {
    DIR* d = open_folder(dir);
    if (!d) continue;
    bool found = false;
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      // edit/ holds the copies of editors open now, no leftover (core/editor_copy.hpp).
      bool skip = name == "." || name == ".." || (prefix.empty() && name == "edit");
      if (!skip && name.rfind(prefix, 0) == 0) {
        found = true;
        break;
      }
    }
    ::closedir(d);
    if (found) return true;
  }
  return false;
}

// Empties .casectl/tmp/ (temporary files and backups of an interrupted change). A link there is
// never followed (it would empty the folder it points at); tmp_dir() refuses it afterwards. Its
// folders are left alone: edit/ holds the copies of editors open now (core/editor_copy.hpp).
int empty_tmp(const std::string& root) { return remove_files(root + "/.casectl/tmp"); }

}  // namespace

std::string tmp_dir(const std::string& root) {
  std::string dir = private_dir(root) + "/tmp";  // .casectl/ itself checked first
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
      fail(ErrorKind::internal, txf("cannot create {}: {}", dir, std::strerror(errno)));
    if (::lstat(dir.c_str(), &st) != 0)
      fail(ErrorKind::internal, txf("cannot read {}: {}", dir, std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode))
    fail(ErrorKind::conflict,
         tx(".casectl/tmp is not a folder (a symbolic link?); remove it, then run the command again"));
  if (st.st_uid != ::geteuid() || (st.st_mode & 077) != 0)
    fail(ErrorKind::conflict, tx(".casectl/tmp is not this user's private folder (owner or mode); remove it, then "
                              "run the command again"));
  return dir;
}

void write_journal(const std::string& root, const Journal& j) {
  // Through .casectl/tmp/: a kill while it is written leaves its temp file there, where the next
  // recovery removes it (a temp file beside the journal stayed in .casectl/ for ever).
  PendingFile file(journal_path(root), journal_text(j), tmp_dir(root));
  file.place();
}

void clear_journal(const std::string& root) {
  if (::unlink(journal_path(root).c_str()) < 0 && errno != ENOENT)
    fail(ErrorKind::internal, txf("cannot remove .casectl/journal: {}", std::strerror(errno)));
  int fd = ::open((root + "/.casectl").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

bool journal_pending(const std::string& root) {
  struct stat st {};
  return ::lstat(journal_path(root).c_str(), &st) == 0;
}

Said recover(const std::string& root, git_repository* repo) {
  bool pending = journal_pending(root);
  // A change killed while libgit2 wrote its objects leaves the object's temp file behind (one
  // per kill, never removed but by `git gc` two weeks later). A leftover in .casectl/tmp/ or a
  // journal means a casectl change was interrupted; casectl's lock, held here, keeps every other
  // casectl from writing objects meanwhile. Before the leftovers go: a kill in between leaves
  // them, so the next run still knows.
  if (pending || has_leftovers(root))
    remove_prefixed(std::string(git_repository_path(repo)) + "objects", "tmp_object_git2_");
  empty_tmp(root);
  // The journal's temp file as casectl before issue 9 wrote it, beside the journal.
  remove_prefixed(root + "/.casectl", ".journal.tmp-");
  if (!pending) return {};
  auto text = read_small(journal_path(root));
  auto j = text ? parse_journal(*text) : std::nullopt;
  if (!j)
    fail(ErrorKind::conflict, tx(".casectl/journal is not a journal casectl wrote; look at it, remove it, then "
                                 "run the command again"));
  // The interrupted run held casectl's lock, so git's lock files of this repository are its own.
  std::string gitdir = git_repository_path(repo);
  bool locks = remove_lock(gitdir + j->branch + ".lock");
  locks = remove_lock(gitdir + "index.lock") || locks;
  std::string head = head_hex(repo);
  Said what;
  int changed = 0;
  if (head == j->commit) {
    changed = bring_to(repo, root, j->commit, j->paths);
    what = Said(N_("finished"));
  } else if (head == j->head_before) {
    changed = bring_to(repo, root, j->head_before, j->paths);
    what = Said(N_("rolled back"));
  } else if (descends_from(repo, head, j->head_before)) {
    // Someone committed on top since (e.g. the files with plain git): the history has moved on
    // past the interrupted change; only its leftovers go.
    what = Said(N_("superseded by later commits"));
  } else {
    fail(ErrorKind::conflict, tx("an interrupted change cannot be finished: HEAD moved since (.casectl/journal "
                                 "kept); check the history, then remove .casectl/journal"));
  }
  clear_journal(root);
  Said files = changed == 1 ? Said(N_("1 file restored")) : Said(N_("{} files restored"), changed);
  if (locks) files = Said(N_("{}, git's stale lock files removed"), files);
  return Said(N_("recovered an interrupted change: {} ({})"), what, files);
}

}  // namespace casectl
