// The case directory's lock: flock on .casectl/lock, naming its holder inside the file.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/lock.hpp"
#include "core/private_dir.hpp"

namespace casectl {

namespace {

// What the lock file says about its holder, on one line ("" when it is empty).
std::string read_holder(int fd) {
  std::string text;
  char buf[512];
  off_t at = 0;
  ssize_t n;
  while (text.size() < 4096 && (n = ::pread(fd, buf, sizeof buf, at)) > 0) {
    text.append(buf, static_cast<size_t>(n));
    at += n;
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

// Takes flock `op` (LOCK_EX or LOCK_SH) on fd, waiting up to wait_seconds for another process to
// release it. On failure closes fd and throws: Error(conflict) naming the holder when it stayed
// busy, Error(internal) naming path otherwise.
void acquire(int fd, int op, double wait_seconds, const std::string& path) {
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(wait_seconds));
  while (::flock(fd, op | LOCK_NB) < 0) {
    int err = errno;
    if (err == EINTR) continue;
    if (err != EWOULDBLOCK || std::chrono::steady_clock::now() >= deadline) {
      std::string holder = read_holder(fd);
      ::close(fd);
      if (err != EWOULDBLOCK)
        fail(ErrorKind::internal, txf("cannot lock {}: {}", path, std::strerror(err)));
      fail(ErrorKind::conflict,
           txf("the case directory is busy: held by {}; try again",
               holder.empty() ? std::string(tx("another casectl process")) : holder));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

Lock::Lock(const std::string& root, const std::string& holder_description, double wait_seconds) {
  // Only .casectl itself is created: a missing root is an error, not a new folder. The folder is
  // checked and the file opened without following a symbolic link (SPEC section 8).
  std::string dir = private_dir(root);
  std::string path = dir + "/lock";
  int fd = open_private_file(dir, "lock", O_RDWR | O_CREAT);
  if (fd < 0)
    fail(ErrorKind::internal, txf("cannot open {}: {}", path, std::strerror(errno)));
  acquire(fd, LOCK_EX, wait_seconds, path);
  fd_ = fd;
  std::string text;
  try {
    text = fmt::format("{} (pid {}, since {})\n", holder_description, ::getpid(),
                       iso_time(entry_time()));
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
  // The description is for people only: a failure to write it does not matter.
  if (::ftruncate(fd_, 0) == 0) {
    ssize_t n = ::pwrite(fd_, text.data(), text.size(), 0);
    (void)n;
  }
}

Lock::~Lock() {
  if (fd_ < 0) return;
  // Clear the description before releasing, so that nobody reads a stale holder.
  if (::ftruncate(fd_, 0) < 0) {
  }
  ::close(fd_);  // releases the flock
}

SharedLock::SharedLock(const std::string& root, double wait_seconds) {
  // Opened read-only and never created; neither the folder nor the file is followed if a link.
  std::string dir = root + "/.casectl";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dfd < 0) return;
  int fd = ::openat(dfd, "lock", O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  ::close(dfd);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return;
  }
  acquire(fd, LOCK_SH, wait_seconds, dir + "/lock");
  fd_ = fd;
}

SharedLock::~SharedLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace casectl
