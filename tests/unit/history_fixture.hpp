// A case directory made with Repo for the history tests: commits of files by path, without git.
#pragma once
#include <git2.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/git.hpp"
#include "core/repo.hpp"

namespace casectl::test {

// A fresh repository under /tmp with one first commit (casectl.yaml), removed at the end.
struct HistoryRepo {
  std::string root;
  std::string head;
  HistoryRepo() {
    char tmpl[] = "/tmp/casectl-history-XXXXXX";
    root = mkdtemp(tmpl);
    Repo::init(root);
    head = Repo(root).commit({{"casectl.yaml", "casectl: 1\n"}}, {"Sato Yuki", "sato@example.org"},
                             "init: case directory\n\nWorker: sato\n", "", 1793000000);
  }
  ~HistoryRepo() { std::system(("rm -rf '" + root + "'").c_str()); }

  // Commits files (path, content) with message at event time `when`; returns the new id.
  std::string commit(const std::vector<FileChange>& files, const std::string& message,
                     std::time_t when = 1793000000) {
    head = Repo(root).commit(files, {"Sato Yuki", "sato@example.org"}, message, head, when);
    return head;
  }

  // Commits files (path, content) written and paths removed (files; a folder left empty goes
  // too, as in git), with a plain git author: what `git rm`, `git mv` and `git commit` make.
  std::string commit_edit(const std::vector<FileChange>& files, const std::vector<std::string>& removed,
                          const std::string& message, std::time_t when = 1793000000) {
    Repo repo(root);
    git_repository* r = repo.handle();
    git::Commit parent = git::resolve_commit(r, head);
    git::Tree base = git::commit_tree(parent.get());
    std::vector<git_tree_update> updates;
    for (const auto& f : files) {
      git_tree_update u{GIT_TREE_UPDATE_UPSERT, {}, GIT_FILEMODE_BLOB, f.path.c_str()};
      git_blob_create_from_buffer(&u.id, r, f.content.data(), f.content.size());
      updates.push_back(u);
    }
    for (const auto& path : removed) updates.push_back({GIT_TREE_UPDATE_REMOVE, {}, GIT_FILEMODE_BLOB, path.c_str()});
    git_oid tree_id, commit_id;
    git::check(git_tree_create_updated(&tree_id, r, base.get(), updates.size(), updates.data()), "test tree");
    git_tree* t = nullptr;
    git::check(git_tree_lookup(&t, r, &tree_id), "test tree");
    git::Tree tree(t);
    git::Signature sig = git::make_signature("Plain Git User", "nobody@example.net", when);
    const git_commit* parents[] = {parent.get()};
    git::check(git_commit_create(&commit_id, r, "HEAD", sig.get(), sig.get(), "UTF-8", message.c_str(), tree.get(),
                                 1, parents),
               "test commit");
    head = git::to_hex(commit_id);
    return head;
  }

  // Moves the branch back to `to` (a `git reset --soft`): the history after it is dropped.
  void reset_to(const std::string& to) {
    Repo repo(root);
    git_oid id;
    git_oid_fromstr(&id, to.c_str());
    git_reference* ref = nullptr;
    git_reference_create(&ref, repo.handle(), "refs/heads/main", &id, 1, "reset");
    git_reference_free(ref);
    head = to;
  }
};

// "cases/2026/SS/C-2026-NNNN/case.yaml" of case number n.
inline std::string case_path(int n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "cases/2026/%02d/C-2026-%04d/case.yaml", n / 100, n);
  return buf;
}

// "C-2026-NNNN", case n's ID.
inline std::string case_id(int n) {
  char id[32];
  std::snprintf(id, sizeof id, "C-2026-%04d", n);
  return id;
}

// A record of case n as casectl writes one: its id, then the rest.
inline std::string record_of(int n, const std::string& rest = "status: intake\nworker: sato\n") {
  return "casectl: 1\nid: " + case_id(n) + "\n" + rest;
}

// casectl's message for a change of case n.
inline std::string case_message(const std::string& action, int n, const std::string& worker = "sato") {
  char id[32];
  std::snprintf(id, sizeof id, "C-2026-%04d", n);
  return action + " " + id + ": x\n\nCase: " + id + "\nStage: active\nWorker: " + worker + "\n";
}

}  // namespace casectl::test
