// ScratchDir: .casectl/tmp/ if writable, else mkdtemp under $TMPDIR, emptied and removed at the end.
#include "core/i18n.hpp"
#include "core/scratch_dir.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/journal.hpp"
#include "core/private_dir.hpp"

namespace casectl {

ScratchDir::ScratchDir(const std::string& root) {
  try {
    std::string dir = tmp_dir(root);
    if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) == 0) {
      path_ = dir;
      return;
    }
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::internal) throw;  // missing and not makeable: a read-only directory
  }
  const char* env = std::getenv("TMPDIR");
  std::string base = env && *env ? env : "/tmp";
  std::string name = base + "/casectl-verify-XXXXXX";
  if (!::mkdtemp(name.data()))
    fail(ErrorKind::internal,
         txf("cannot verify signatures: .casectl/tmp cannot be written, and no private folder can be "
                     "made in {} ({}); set TMPDIR to a folder you can write",
                     base, std::strerror(errno)));
  path_ = name;
  own_ = true;
}

ScratchDir::~ScratchDir() {
  if (!own_) return;
  remove_files(path_);
  ::rmdir(path_.c_str());
}

}  // namespace casectl
