#include "core/git_program_log.hpp"

#include <git2.h>

#include "core/subprocess.hpp"

namespace casectl {

std::optional<std::vector<std::string>> git_program_log(const std::string& gitdir, const std::string& head,
                                                        const std::string& path) {
  std::vector<std::string> argv{"git",
                                "--no-replace-objects",
                                "--git-dir=" + gitdir,
                                "-c", "log.follow=false",
                                "-c", "log.showSignature=false",
                                "-c", "core.quotePath=false",
                                "log", "--full-history", "--no-renames", "--no-decorate", "--no-color",
                                "--format=%H", head, "--", path};
  constexpr std::size_t kMaxOut = std::size_t(1) << 30;
  ProcessResult r = run_process(argv, "", kMaxOut);
  if (!r.started || r.status != 0 || r.too_long) return std::nullopt;
  std::vector<std::string> ids;
  std::size_t a = 0;
  for (std::size_t b; (b = r.out.find('\n', a)) != std::string::npos; a = b + 1) {
    if (b - a != GIT_OID_HEXSZ) return std::nullopt;  // not what --format=%H prints: trust none of it
    ids.push_back(r.out.substr(a, b - a));
  }
  if (a != r.out.size()) return std::nullopt;
  return ids;
}

}  // namespace casectl
