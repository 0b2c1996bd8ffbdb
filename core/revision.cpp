// Resolving REV for a case (commit or date) and finding its last change, along first parents.
#include "core/i18n.hpp"
#include "core/revision.hpp"

#include <git2.h>

#include <fmt/format.h>
#include <optional>

#include "core/case_rename.hpp"
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
  git::check(rc, txf("cannot look up {}", path));
  git::TreeEntry entry(e);
  return *git_tree_entry_id(e);
}

// The first parent of a commit, or nullptr for a root commit.
git::Commit first_parent(const git_commit* commit) {
  if (git_commit_parentcount(commit) == 0) return nullptr;
  git_commit* p = nullptr;
  git::check(git_commit_parent(&p, commit, 0), tx("cannot read a parent commit"));
  return git::Commit(p);
}

// HEAD's commit, or nullptr when there is none yet.
git::Commit head_commit(git_repository* repo) {
  auto head = git::head_id(repo);
  return head ? git::lookup_commit(repo, *head) : nullptr;
}

std::string hex_of(const git_commit* c) { return c ? git::to_hex(*git_commit_id(c)) : ""; }

// The ID case `id` had before commit c renumbered it to id, or id itself (c did not).
CaseId before_renumbering(git_repository* repo, const git_commit* c, const CaseId& id) {
  auto old = renamed_from(repo, c, id.str());
  auto parsed = old ? parse_case_id(*old) : std::nullopt;
  return parsed ? *parsed : id;
}

// Walks the first-parent line from commit c, newest first, calling step(commit, ID the case
// had there) until it returns true; `id` is the case's ID at c. Where the case's folder appears
// in a commit that renumbered it, the walk goes on under the former ID (git log --follow).
template <class Step> void follow(git_repository* repo, git::Commit c, CaseId id, Step step) {
  std::optional<git_oid> here = c ? entry_at(c.get(), case_dir(id)) : std::nullopt;
  while (c) {
    if (step(c.get(), id)) return;
    git::Commit parent = first_parent(c.get());
    std::optional<git_oid> there = parent ? entry_at(parent.get(), case_dir(id)) : std::nullopt;
    if (here && !there && parent) {  // the folder appears in c: renumbered, or a new case
      id = before_renumbering(repo, c.get(), id);
      there = entry_at(parent.get(), case_dir(id));
    }
    c = std::move(parent);
    here = there;
  }
}

// The ID case `id` (its ID at HEAD) had at commit `at`: `id` when `at` holds that record (no walk:
// the common case); else the one follow() from HEAD reaches `at` with; nullopt when `at` is not
// on the first-parent line.
std::optional<CaseId> id_at(git_repository* repo, const CaseId& id, const git_commit* at) {
  if (entry_at(at, case_file(id))) return id;
  std::optional<CaseId> out;
  follow(repo, head_commit(repo), id, [&](const git_commit* c, const CaseId& there) {
    if (!git_oid_equal(git_commit_id(c), git_commit_id(at))) return false;
    out = there;
    return true;
  });
  return out;
}

}  // namespace

std::time_t end_of_day(const Date& d) { return local_start(d.add_days(1)); }

CaseVersion resolve_revision(git_repository* repo, const CaseId& id, const std::string& rev) {
  git::init();
  auto date = Date::parse(rev);
  if (!date) {
    git::Commit commit = git::resolve_commit(repo, rev);
    if (!commit) fail(ErrorKind::not_found, txf("no revision '{}' in the case directory", rev));
    return {hex_of(commit.get()), id_at(repo, id, commit.get()).value_or(id)};
  }
  // The newest commit entered by then (no tree read), then back from it the first that holds
  // the record under the ID the case had there.
  const std::time_t end = end_of_day(*date);
  git::Commit c = head_commit(repo);
  while (c && git_commit_committer(c.get())->when.time >= end) c = first_parent(c.get());
  std::optional<CaseVersion> found;
  if (auto there = c ? id_at(repo, id, c.get()) : std::nullopt)
    follow(repo, std::move(c), *there, [&](const git_commit* at, const CaseId& then) {
      if (!entry_at(at, case_file(then))) return false;
      found = CaseVersion{hex_of(at), then};
      return true;
    });
  if (found) return *found;
  fail(ErrorKind::not_found,
       txf("no version of case {} was entered on or before {} (the case did not exist yet)",
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
    CaseId was = !before && parent ? before_renumbering(repo, c.get(), id) : id;
    return {{hex_of(parent.get()), was}, {hex_of(c.get()), id}};
  }
  fail(ErrorKind::internal, "the history of case " + id.str() + " has no first commit");
}

}  // namespace casectl
