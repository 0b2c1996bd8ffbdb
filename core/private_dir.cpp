// The case directory's private folder .casectl/: a real folder of this user, mode 0700, whose
// files are never opened through a symbolic link.
#include "core/i18n.hpp"
#include "core/private_dir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace casectl {
namespace {

constexpr const char* kName = ".casectl";

// Error(conflict) naming the fix when st (of path, from lstat) is a symbolic link: never followed.
void refuse_link(const std::string& path, const struct stat& st) {
  if (S_ISLNK(st.st_mode))
    fail(ErrorKind::conflict,
         txf("{} is a symbolic link; casectl never follows it. Remove the link (rm {}), then run "
                     "the command again",
                     path, path));
}

// Error(conflict) unless st (of the folder at dir, from lstat) is a safe private folder.
void check_dir_stat(const std::string& dir, const struct stat& st) {
  refuse_link(dir, st);
  if (!S_ISDIR(st.st_mode))
    fail(ErrorKind::conflict,
         txf("{} is not a folder; remove it (casectl makes it anew), then run the command again", dir));
  if (st.st_uid != ::geteuid())
    fail(ErrorKind::conflict,
         txf("{} belongs to another user (uid {}); it must be yours: remove it (casectl makes it "
                     "anew), then run the command again",
                     dir, static_cast<long>(st.st_uid)));
  if ((st.st_mode & 0777) != 0700)
    fail(ErrorKind::conflict,
         txf("{} has mode {:04o}, not 0700 (others could read or change it); fix it with "
                     "`chmod 700 {}`, then run the command again",
                     dir, static_cast<unsigned>(st.st_mode & 0777), dir));
}

// The folder at dir made or checked; "" when missing and not makeable and `may_fail`.
std::string ensure(const std::string& dir, bool may_fail) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT)
      fail(ErrorKind::internal, txf("cannot read {}: {}", dir, std::strerror(errno)));
    if (::mkdir(dir.c_str(), 0700) == 0) {
      ::chmod(dir.c_str(), 0700);  // the umask may have taken bits away; never adds any
    } else if (errno != EEXIST) {
      if (may_fail) return "";
      fail(ErrorKind::internal, txf("cannot create {}: {}", dir, std::strerror(errno)));
    }
    if (::lstat(dir.c_str(), &st) != 0)
      fail(ErrorKind::internal, txf("cannot read {}: {}", dir, std::strerror(errno)));
  }
  check_dir_stat(dir, st);
  return dir;
}

// Error(conflict) unless st (of the file at path) is a regular file with one link.
void check_file_stat(const std::string& path, const struct stat& st) {
  refuse_link(path, st);
  if (!S_ISREG(st.st_mode) || st.st_nlink != 1)
    fail(ErrorKind::conflict,
         txf("{} is not a plain file of its own (another kind of file, or a hard link); remove it, "
                     "then run the command again",
                     path));
}

}  // namespace

std::string private_dir(const std::string& root) { return ensure(root + "/" + kName, false); }

std::string private_dir_if_possible(const std::string& root) { return ensure(root + "/" + kName, true); }

std::string private_subdir(const std::string& dir, const std::string& name) {
  return ensure(dir + "/" + name, false);
}

void check_private_file(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;
  check_file_stat(path, st);
}

int open_private_file(const std::string& dir, const std::string& name, int flags) {
  std::string path = dir + "/" + name;
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dfd < 0) {
    if (errno == ELOOP || errno == ENOTDIR)
      fail(ErrorKind::conflict, txf("{} is not a folder (a symbolic link?); casectl never "
                                            "follows it. Remove it, then run the command again",
                                            dir));
    return -1;
  }
  struct stat st {};
  if (::fstat(dfd, &st) != 0) {
    int err = errno;
    ::close(dfd);
    errno = err;
    return -1;
  }
  try {
    check_dir_stat(dir, st);  // the folder opened is the one checked, even if it was swapped since
  } catch (...) {
    ::close(dfd);
    throw;
  }
  int fd = ::openat(dfd, name.c_str(), flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
  int err = errno;
  ::close(dfd);
  if (fd < 0) {
    if (err == ELOOP)
      fail(ErrorKind::conflict,
           txf("{} is a symbolic link; casectl never follows it. Remove the link (rm {}), then "
                       "run the command again",
                       path, path));
    errno = err;
    return -1;
  }
  if (::fstat(fd, &st) != 0) {
    err = errno;
    ::close(fd);
    errno = err;
    return -1;
  }
  try {
    check_file_stat(path, st);
  } catch (...) {
    ::close(fd);
    throw;
  }
  // Back to blocking reads and writes (O_NONBLOCK only kept a FIFO from stalling the open).
  int fl = ::fcntl(fd, F_GETFL);
  if (fl >= 0) ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  return fd;
}

int remove_files(const std::string& dir, const std::function<bool(const std::string& name)>& which) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return 0;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return 0;
  }
  int removed = 0;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == ".." || (which && !which(name))) continue;
    if (::unlinkat(fd, name.c_str(), 0) == 0) ++removed;  // a folder: EISDIR, left alone
  }
  ::closedir(d);  // closes fd
  return removed;
}

}  // namespace casectl
