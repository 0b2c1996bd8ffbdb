// HEAD's commit read from the files of a plain .git folder, without libgit2: libgit2's start-up
// parses the system's CA certificates (~15 ms, paid once per process), too much for `list` and
// `due`, which need only HEAD's commit id to know what changed since their index was made.
#pragma once
#include <optional>
#include <string>

namespace casectl::git {

// HEAD's commit id (40 hex digits) of the repository whose work tree is root, read as git
// reads it from root/.git: HEAD, then the branch it names as a loose ref, then packed-refs.
// "" when the branch has no commit yet. nullopt when the layout is not that plain one (a .git
// file of a linked work tree, a HEAD or ref of another form, a file that cannot be read): the
// caller asks libgit2 then.
std::optional<std::string> read_plain_head(const std::string& root);

// True when root holds no .git and is no git directory itself (no HEAD in it): opening it as a
// repository (git::open, which does not search the folders above) cannot succeed, and the
// caller need not start libgit2 to learn so.
bool surely_no_repository(const std::string& root);

}  // namespace casectl::git
