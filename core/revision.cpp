// Resolving REV for a case (commit or date) and finding its last change, along first parents.
#include "core/revision.hpp"

#include <git2.h>

#include <fmt/format.h>
#include <optional>

#include "core/case_store.hpp"
#include "core/error.hpp"
#include "core/git.hpp"

namespace casectl {

namespace {

// The id of the entry at path in a commit's tree (a blob or a folder), or nullopt.
std::optional<git_oid> entry_at(const git_commit* commit, const std::string& path) {
  git::Tree tree = git::commit_tree(commit);
  git_tree_entry* e = nullptr;
  int rc = git_tree_entry_bypath(&e, tree.get(), path.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  git::check(rc, fmt::format("cannot look up {}", path));
  git::TreeEntry entry(e);
  return *git_tree_entry_id(e);
}

// The first parent of a commit, or nullptr for a root commit.
git::Commit first_parent(const git_commit* commit) {
  if (git_commit_parentcount(commit) == 0) return nullptr;
  git_commit* p = nullptr;
  git::check(git_commit_parent(&p, commit, 0), "cannot read a parent commit");
  return git::Commit(p);
}

// HEAD's commit, or nullptr when there is none yet.
git::Commit head_commit(git_repository* repo) {
  auto head = git::head_id(repo);
  return head ? git::lookup_commit(repo, *head) : nullptr;
}

}  // namespace

std::time_t end_of_day(const Date& d) {
  Date next = d.add_days(1);
  std::tm tm{};
  tm.tm_year = next.y - 1900;
  tm.tm_mon = next.m - 1;
  tm.tm_mday = next.d;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

std::string resolve_revision(git_repository* repo, const CaseId& id, const std::string& rev) {
  git::init();
  auto date = Date::parse(rev);
  if (!date) {
    git::Commit commit = git::resolve_commit(repo, rev);
    if (!commit) fail(ErrorKind::not_found, fmt::format("no revision '{}' in the case directory", rev));
    return git::to_hex(*git_commit_id(commit.get()));
  }
  const std::time_t end = end_of_day(*date);
  const std::string file = case_file(id);
  for (git::Commit c = head_commit(repo); c; c = first_parent(c.get())) {
    if (git_commit_committer(c.get())->when.time >= end) continue;
    if (entry_at(c.get(), file)) return git::to_hex(*git_commit_id(c.get()));
  }
  fail(ErrorKind::not_found,
       fmt::format("no version of case {} was entered on or before {} (the case did not exist yet)",
                   id.str(), date->iso()));
}

LastChange last_change(git_repository* repo, const CaseId& id) {
  git::init();
  const std::string dir = case_dir(id);
  git::Commit c = head_commit(repo);
  if (!c || !entry_at(c.get(), case_file(id)))
    throw case_not_found(id);
  for (; c; c = first_parent(c.get())) {
    git::Commit parent = first_parent(c.get());
    auto now = entry_at(c.get(), dir);
    auto before = parent ? entry_at(parent.get(), dir) : std::nullopt;
    if (before && now && git_oid_equal(&*before, &*now)) continue;
    return {parent ? git::to_hex(*git_commit_id(parent.get())) : "", git::to_hex(*git_commit_id(c.get()))};
  }
  fail(ErrorKind::internal, "the history of case " + id.str() + " has no first commit");
}

}  // namespace casectl
