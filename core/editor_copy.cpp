// The editor's copies in .casectl/tmp/edit/: made private, removed once their process is gone.
#include "core/editor_copy.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/journal.hpp"
#include "core/private_dir.hpp"

namespace casectl {
namespace {

constexpr const char* kEditDir = "edit";

// The PID a copy's name starts with ("<pid>-..."), or 0 when it does not.
pid_t pid_of(const std::string& name) {
  size_t dash = name.find('-');
  if (dash == 0 || dash == std::string::npos || dash > 9) return 0;
  for (size_t i = 0; i < dash; ++i)
    if (name[i] < '0' || name[i] > '9') return 0;
  return static_cast<pid_t>(std::atol(name.substr(0, dash).c_str()));
}

// True when process pid has ended (no such process).
bool ended(pid_t pid) { return ::kill(pid, 0) < 0 && errno == ESRCH; }

}  // namespace

EditorCopy make_editor_copy(const std::string& root, const std::string& suffix) {
  std::string dir = private_subdir(tmp_dir(root), kEditDir);
  std::string name = fmt::format("{}/{}-XXXXXX{}", dir, ::getpid(), suffix);
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  // O_EXCL (always, with mkostemps) and O_NOFOLLOW: never a file that was there, nor a link.
  int fd = ::mkostemps(buf.data(), static_cast<int>(suffix.size()), O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    fail(ErrorKind::internal, txf("cannot make the editor's copy in {}: {}; nothing written", dir,
                                          std::strerror(errno)));
  ::fchmod(fd, 0600);  // mkostemps makes it 0600 already; the umask can only take bits away
  return EditorCopy{fd, buf.data()};
}

bool stale_editor_copy(const std::string& name) {
  pid_t pid = pid_of(name);
  return pid > 0 && pid != ::getpid() && ended(pid);
}

int remove_stale_editor_copies(const std::string& root) {
  return remove_files(root + "/.casectl/tmp/" + kEditDir, stale_editor_copy);
}

}  // namespace casectl
