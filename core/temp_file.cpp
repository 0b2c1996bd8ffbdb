// TempFile: O_EXCL | O_NOFOLLOW in a private folder, unlinked at the end of its scope.
#include "core/i18n.hpp"
#include "core/temp_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace casectl {

TempFile::TempFile(const std::string& dir, const std::string& stem, const std::string& content) {
  static std::atomic<unsigned> counter{0};
  path_ = fmt::format("{}/{}-{}-{}", dir, stem, ::getpid(), counter++);
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) fail(ErrorKind::internal, txf("cannot create {}: {}", path_, std::strerror(errno)));
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      ::unlink(path_.c_str());
      fail(ErrorKind::internal, txf("cannot write {}: {}", path_, std::strerror(e)));
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

TempFile::~TempFile() { ::unlink(path_.c_str()); }

}  // namespace casectl
