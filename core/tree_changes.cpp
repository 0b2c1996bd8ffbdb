// The pruned comparison of two trees down to the case folders.
#include "core/tree_changes.hpp"
#include "core/i18n.hpp"

#include <algorithm>
#include <cstring>

#include "core/git.hpp"
#include "core/ids.hpp"

namespace casectl {
namespace {

// The levels of the case directory's layout: the root, cases/, a year, a shard.
enum class Level { root, cases, year, shard };

// True when name is all digits and has `min` of them at least.
bool digits(const char* name, std::size_t min) {
  std::size_t n = std::strlen(name);
  if (n < min) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (name[i] < '0' || name[i] > '9') return false;
  return true;
}

bool is_tree(const git_tree_entry* e) { return e && git_tree_entry_type(e) == GIT_OBJECT_TREE; }

// git's order of tree entries: by name, a folder compared as if its name ended in '/'.
int entry_order(const git_tree_entry* a, const git_tree_entry* b) {
  const char* na = git_tree_entry_name(a);
  const char* nb = git_tree_entry_name(b);
  std::size_t la = std::strlen(na), lb = std::strlen(nb), n = std::min(la, lb);
  if (int c = std::memcmp(na, nb, n)) return c;
  unsigned char ca = la > n ? static_cast<unsigned char>(na[n]) : is_tree(a) ? '/' : 0;
  unsigned char cb = lb > n ? static_cast<unsigned char>(nb[n]) : is_tree(b) ? '/' : 0;
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

class Comparer {
 public:
  Comparer(git_repository* repo, TreeChanges& out) : repo_(repo), out_(out) {}

  // Compares two trees at a level (either may be nullptr), descending where they differ.
  void compare(const git_tree* a, const git_tree* b, Level level) {
    std::size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0;
    std::size_t i = 0, j = 0;
    while (i < na || j < nb) {
      const git_tree_entry* ea = i < na ? git_tree_entry_byindex(a, i) : nullptr;
      const git_tree_entry* eb = j < nb ? git_tree_entry_byindex(b, j) : nullptr;
      int order = !ea ? 1 : !eb ? -1 : entry_order(ea, eb);
      if (order <= 0) ++i;
      if (order >= 0) ++j;
      if (order < 0) eb = nullptr;  // only in a
      if (order > 0) ea = nullptr;  // only in b
      if (ea && eb && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) &&
          git_tree_entry_filemode(ea) == git_tree_entry_filemode(eb))
        continue;  // the same subtree or file: nothing below it changed
      differs(ea, eb, level);
    }
  }

 private:
  // One name whose entries differ (either may be nullptr: added or removed).
  void differs(const git_tree_entry* ea, const git_tree_entry* eb, Level level) {
    const char* name = git_tree_entry_name(ea ? ea : eb);
    bool folder = is_tree(ea) || is_tree(eb);
    switch (level) {
      case Level::root:
        if (folder && std::strcmp(name, "cases") == 0) return descend(ea, eb, Level::cases);
        break;
      case Level::cases:
        if (folder && digits(name, 4) && std::strlen(name) == 4) return descend(ea, eb, Level::year);
        break;
      case Level::year:
        if (folder && digits(name, 2)) return descend(ea, eb, Level::shard);
        break;
      case Level::shard:
        if (parse_case_id(name)) {
          out_.cases.emplace_back(name);
          if (!is_tree(ea) && is_tree(eb)) out_.added.emplace_back(name);
          if (is_tree(ea) && !is_tree(eb)) out_.removed.emplace_back(name);
          return;
        }
        break;
    }
    out_.outside = true;
  }

  // Compares the folders of two entries (those that are folders) at the next level.
  void descend(const git_tree_entry* ea, const git_tree_entry* eb, Level next) {
    git::Tree ta = subtree(ea), tb = subtree(eb);
    if ((ea && !is_tree(ea)) || (eb && !is_tree(eb))) out_.outside = true;  // a file became a folder
    compare(ta.get(), tb.get(), next);
  }

  git::Tree subtree(const git_tree_entry* e) {
    if (!is_tree(e)) return git::Tree();
    git_tree* t = nullptr;
    git::check(git_tree_lookup(&t, repo_, git_tree_entry_id(e)), tx("cannot read a folder of the history"));
    ++out_.trees_read;
    return git::Tree(t);
  }

  git_repository* repo_;
  TreeChanges& out_;
};

}  // namespace

TreeChanges compare_trees(git_repository* repo, const git_tree* before, const git_tree* after) {
  TreeChanges out;
  Comparer(repo, out).compare(before, after, Level::root);
  for (auto* ids : {&out.cases, &out.added, &out.removed}) {
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  }
  return out;
}

}  // namespace casectl
