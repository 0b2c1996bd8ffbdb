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

// casectl's message for a change of case n.
inline std::string case_message(const std::string& action, int n, const std::string& worker = "sato") {
  char id[32];
  std::snprintf(id, sizeof id, "C-2026-%04d", n);
  return action + " " + id + ": x\n\nCase: " + id + "\nStage: active\nWorker: " + worker + "\n";
}

}  // namespace casectl::test
