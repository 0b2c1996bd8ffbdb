// Atomic file writes (temp file, fsync, rename, fsync of the folder) and private folders.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "core/i18n.hpp"

namespace casectl {

namespace {

// Throws Error(internal) naming what failed on path, with errno's text.
[[noreturn]] void fail_io(const std::string& what, const std::string& path, int err) {
  fail(ErrorKind::internal, fmt::format("{} {}: {}", what, path, std::strerror(err)));
}

// The folder part of path ("." when there is none) and the name part.
std::pair<std::string, std::string> split_path(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return {".", path};
  if (slash == 0) return {"/", path.substr(1)};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

// Eight random hex digits for a temp file name.
std::string random_suffix() {
  static std::mt19937 gen{std::random_device{}()};
  return fmt::format("{:08x}", static_cast<unsigned>(gen()));
}

// Writes all of data to fd, retrying after interruptions; false with errno set on failure.
bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// fsyncs a folder so that a rename in it survives a crash.
void sync_folder(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail_io("cannot open folder", dir, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc < 0 && err != EINVAL) fail_io("cannot sync folder", dir, err);
}

}  // namespace

void make_dirs(const std::string& path) {
  if (path.empty()) return;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    std::string prefix = path.substr(0, pos);
    if (prefix.empty() || prefix == "/" || prefix.back() == '/') continue;
    if (::mkdir(prefix.c_str(), 0700) == 0) {
      // The umask may have taken bits away; set the mode we want.
      if (::chmod(prefix.c_str(), 0700) < 0) fail_io("cannot set the mode of folder", prefix, errno);
      continue;
    }
    int err = errno;
    struct stat st {};
    if (err == EEXIST && ::stat(prefix.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) continue;
    fail_io("cannot create folder", prefix, err == EEXIST ? ENOTDIR : err);
  }
}

// Writes content to the new file tmp (0600, fsynced); on failure removes it and throws
// Error(internal) naming path, the file it was meant for.
static void write_temp(const std::string& tmp, const std::string& content, const std::string& path) {
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail_io("cannot write", path, errno);
  int err = 0;
  if (::fchmod(fd, 0600) < 0 || !write_all(fd, content.data(), content.size()) || ::fsync(fd) < 0)
    err = errno;
  if (::close(fd) < 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    fail_io("cannot write", path, err);
  }
}

PendingFile::PendingFile(std::string path, const std::string& content, const std::string& tmp)
    : path_(std::move(path)), tmp_dir_(tmp) {
  auto [dir, name] = split_path(path_);
  if (name.empty()) fail(ErrorKind::internal, txf("cannot write {}: not a file name", path_));
  tmp_ = fmt::format("{}/{}.tmp-{}-{}", tmp_dir_, name, ::getpid(), random_suffix());
  write_temp(tmp_, content, path_);
}

PendingFile::PendingFile(PendingFile&& o) noexcept
    : path_(std::move(o.path_)), tmp_(std::move(o.tmp_)), backup_(std::move(o.backup_)),
      tmp_dir_(std::move(o.tmp_dir_)), placed_(o.placed_) {
  o.tmp_.clear();
  o.backup_.clear();
  o.placed_ = false;
}

PendingFile::~PendingFile() {
  if (!placed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
  if (!backup_.empty()) ::unlink(backup_.c_str());
}

void PendingFile::place() {
  auto [dir, name] = split_path(path_);
  std::string backup = fmt::format("{}/{}.old-{}-{}", tmp_dir_, name, ::getpid(), random_suffix());
  if (::link(path_.c_str(), backup.c_str()) == 0)
    backup_ = backup;
  else if (errno != ENOENT)
    fail_io("cannot keep the old version of", path_, errno);
  if (::rename(tmp_.c_str(), path_.c_str()) < 0) fail_io("cannot write", path_, errno);
  placed_ = true;
  sync_folder(dir);
}

bool PendingFile::undo() noexcept {
  if (!placed_) return true;
  bool ok = backup_.empty() ? ::unlink(path_.c_str()) == 0 : ::rename(backup_.c_str(), path_.c_str()) == 0;
  if (!ok) return false;  // recovery restores the old version from git (the journal is kept)
  backup_.clear();
  placed_ = false;
  tmp_.clear();
  try {
    sync_folder(split_path(path_).first);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

void write_file_atomic(const std::string& path, const std::string& content) {
  auto [dir, name] = split_path(path);
  if (name.empty()) fail(ErrorKind::internal, txf("cannot write {}: not a file name", path));
  make_dirs(dir);
  std::string tmp = fmt::format("{}/.{}.tmp-{}-{}", dir, name, ::getpid(), random_suffix());
  write_temp(tmp, content, path);
  if (::rename(tmp.c_str(), path.c_str()) < 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail_io("cannot write", path, err);
  }
  sync_folder(dir);
}

bool is_temp_file_name(const std::string& name) {
  if (name.size() < 17 || name[0] != '.' || name[name.size() - 9] != '-') return false;
  std::size_t dash = name.size() - 9;
  for (std::size_t i = dash + 1; i < name.size(); ++i)
    if (!std::isxdigit(static_cast<unsigned char>(name[i])) || std::isupper(static_cast<unsigned char>(name[i])))
      return false;
  std::size_t pid = dash;
  while (pid > 0 && std::isdigit(static_cast<unsigned char>(name[pid - 1]))) --pid;
  if (pid == dash || pid < 7) return false;
  std::string kind = name.substr(pid - 5, 5);
  return kind == ".tmp-" || kind == ".old-";
}

}  // namespace casectl
