// Asking the git program which commits changed one folder: `git log --full-history -- PATH`
// reads a long history several times faster than libgit2 can (bench/README.md, "The log
// benchmark"), so `log ID` asks it while the history index is being made (core/history).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace casectl {

// The ids (40 hex digits, newest first) of the commits reachable from `head` that git's
// --full-history lists for folder `path`: every commit that differs at path from at least one
// of its parents (so merges that differ only from a later parent too: the caller filters them).
// Run without a shell, as `git --no-replace-objects --git-dir=GITDIR -c log.follow=false ...`
// (gitdir: git_repository_path()), so that neither the environment's GIT_DIR nor the user's
// configuration changes the answer; it touches no libgit2 object, so it may run on another
// thread. nullopt when git cannot be run or fails; the caller then walks with libgit2.
std::optional<std::vector<std::string>> git_program_log(const std::string& gitdir, const std::string& head,
                                                        const std::string& path);

}  // namespace casectl
