// ConfigVersions: git_blob_lookup and parse_config, by blob id.
#include "core/config_versions.hpp"

#include "core/error.hpp"
#include "core/git.hpp"

namespace casectl {

std::optional<git_oid> config_blob(const git_tree* tree) {
  if (!tree) return std::nullopt;
  const git_tree_entry* e = git_tree_entry_byname(tree, kConfigFile);
  if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB) return std::nullopt;
  return *git_tree_entry_id(e);
}

const Config* ConfigVersions::at(const std::string& id) {
  auto it = known_.find(id);
  if (it != known_.end()) return it->second.get();
  std::unique_ptr<Config> config;
  git_oid oid;
  git_blob* raw = nullptr;
  if (git_oid_fromstr(&oid, id.c_str()) == 0 && git_blob_lookup(&raw, repo_, &oid) == 0) {
    git::Blob blob(raw);
    std::string text(static_cast<const char*>(git_blob_rawcontent(raw)), static_cast<std::size_t>(git_blob_rawsize(raw)));
    try {
      config = std::make_unique<Config>(parse_config(text, kConfigFile));
    } catch (const Error&) {
    }
  }
  return (known_[id] = std::move(config)).get();
}

}  // namespace casectl
