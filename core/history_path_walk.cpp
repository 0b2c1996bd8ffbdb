// The walk limited to one folder: per commit, the id of the tree entry at the folder's path
// (root -> cases -> YYYY -> NN -> ID), compared with its first parent's. A commit's entry is
// looked up once (kept by commit id), so in a line of history each commit costs the reading of
// its own trees down to the folder's parent.
#include "core/history_path_walk.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "core/git.hpp"

namespace casectl {

namespace {

struct OidHash {
  std::size_t operator()(const git_oid& o) const {
    std::size_t h;
    std::memcpy(&h, o.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
};

std::vector<std::string> components(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t a = 0;
  for (std::size_t b; (b = path.find('/', a)) != std::string::npos; a = b + 1) parts.push_back(path.substr(a, b - a));
  parts.push_back(path.substr(a));
  return parts;
}

// The entry at `parts` below tree `root` (a zero id when there is none).
git_oid entry_at(git_repository* repo, const git_oid& root, const std::vector<std::string>& parts) {
  git_oid cur = root;
  for (const auto& name : parts) {
    git_tree* raw = nullptr;
    if (git_tree_lookup(&raw, repo, &cur) < 0) return git_oid{};  // a blob where a folder was
    git::Tree t(raw);
    const git_tree_entry* e = git_tree_entry_byname(raw, name.c_str());
    if (!e) return git_oid{};
    cur = *git_tree_entry_id(e);
  }
  return cur;
}

// True when commit id's entry at `parts` differs from its first parent's.
bool differs_from_first_parent(git_repository* repo, const git_oid& id, const std::vector<std::string>& parts) {
  git::Commit c = git::lookup_commit(repo, id);
  git_oid mine = entry_at(repo, *git_commit_tree_id(c.get()), parts), before{};
  if (git_commit_parentcount(c.get()) > 0) {
    git::Commit parent = git::lookup_commit(repo, *git_commit_parent_id(c.get(), 0));
    before = entry_at(repo, *git_commit_tree_id(parent.get()), parts);
  }
  return !git_oid_equal(&mine, &before);
}

// Walks ids[begin, end) oldest first (so a commit's parent was usually just looked at) and marks
// in `hit` the commits whose entry differs from their first parent's.
void walk_range(git_repository* repo, const std::vector<git_oid>& ids, std::size_t begin, std::size_t end,
                const std::vector<std::string>& parts, std::vector<char>& hit) {
  std::unordered_map<git_oid, git_oid, OidHash, OidEq> entry_of;  // commit -> entry at the path
  auto entry_of_commit = [&](const git_oid& id, const git_commit* known) {
    auto it = entry_of.find(id);
    if (it != entry_of.end()) return it->second;
    git::Commit own;
    if (!known) {
      own = git::lookup_commit(repo, id);
      known = own.get();
    }
    git_oid e = entry_at(repo, *git_commit_tree_id(known), parts);
    entry_of.emplace(id, e);
    return e;
  };
  for (std::size_t i = end; i-- > begin;) {
    git::Commit c = git::lookup_commit(repo, ids[i]);
    git_oid mine = entry_of_commit(ids[i], c.get());
    git_oid before{};
    if (git_commit_parentcount(c.get()) > 0) before = entry_of_commit(*git_commit_parent_id(c.get(), 0), nullptr);
    hit[i] = !git_oid_equal(&mine, &before);
  }
}

}  // namespace

std::vector<PathHit> path_changes(git_repository* repo, const std::vector<git_oid>& ids, const std::string& path,
                                 const std::optional<std::vector<std::string>>& candidates) {
  std::vector<std::string> parts = components(path);
  std::vector<char> hit(ids.size(), 0);
  if (!candidates) {
    walk_range(repo, ids, 0, ids.size(), parts, hit);
  } else {
    std::unordered_set<git_oid, OidHash, OidEq> wanted;
    for (const auto& hex : *candidates) {
      git_oid id;
      if (git_oid_fromstr(&id, hex.c_str()) == 0) wanted.insert(id);
    }
    for (std::size_t i = 0; i < ids.size() && !wanted.empty(); ++i)
      if (wanted.erase(ids[i])) hit[i] = differs_from_first_parent(repo, ids[i], parts);
  }
  std::vector<PathHit> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (hit[i]) out.push_back(PathHit{i, describe(repo, ids[i])});
  }
  return out;
}

}  // namespace casectl
