// casectl.yaml as it was at past commits (SPEC section 6: a change is judged by the workers and
// keys in force when it was made): its blob id in a tree, and each version parsed once.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <git2.h>

#include "core/config.hpp"

namespace casectl {

// The blob id of casectl.yaml in tree (nullptr: none), or nullopt when it holds none.
std::optional<git_oid> config_blob(const git_tree* tree);

// The versions of casectl.yaml read from repo by blob id, each parsed (core/config) once.
class ConfigVersions {
 public:
  explicit ConfigVersions(git_repository* repo) : repo_(repo) {}

  // The settings blob `id` (40 hex digits) holds, or nullptr when it is missing or does not load.
  const Config* at(const std::string& id);

 private:
  git_repository* repo_;
  std::map<std::string, std::unique_ptr<Config>> known_;
};

}  // namespace casectl
