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

}  // namespace

Lock::Lock(const std::string& root, const std::string& holder_description, double wait_seconds) {
  // Only .casectl itself is created: a missing root is an error, not a new folder. The folder is
  // checked and the file opened without following a symbolic link (SPEC section 8).
  std::string dir = private_dir(root);
  std::string path = dir + "/lock";
  fd_ = open_private_file(dir, "lock", O_RDWR | O_CREAT);
  if (fd_ < 0)
    fail(ErrorKind::internal, fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(wait_seconds));
  while (::flock(fd_, LOCK_EX | LOCK_NB) < 0) {
    int err = errno;
    if (err == EINTR) continue;
    if (err != EWOULDBLOCK || std::chrono::steady_clock::now() >= deadline) {
      std::string holder = read_holder(fd_);
      ::close(fd_);
      fd_ = -1;
      if (err != EWOULDBLOCK)
        fail(ErrorKind::internal, fmt::format("cannot lock {}: {}", path, std::strerror(err)));
      fail(ErrorKind::conflict,
           fmt::format("the case directory is busy: held by {}; try again",
                       holder.empty() ? std::string("another casectl process") : holder));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
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

}  // namespace casectl
