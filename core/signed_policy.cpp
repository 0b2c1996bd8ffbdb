// signature_problems: the changes since require_signed was turned on, and their verdicts.
#include "core/signed_policy.hpp"
#include "core/i18n.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "core/config_versions.hpp"
#include "core/date.hpp"
#include "core/git.hpp"
#include "core/history.hpp"
#include "core/ids.hpp"
#include "core/signature_check.hpp"

namespace casectl {
namespace {

// The blob id of casectl.yaml in commit c, if any.
std::optional<git_oid> settings_blob(const git_commit* c) {
  git::Tree tree = git::commit_tree(c);
  return config_blob(tree.get());
}

// Whether the settings blob requires signing (a blob that does not load: no).
class RequiresSigned {
 public:
  explicit RequiresSigned(git_repository* repo) : versions_(repo) {}
  bool operator()(const std::optional<git_oid>& blob) {
    const Config* c = blob ? versions_.at(git::to_hex(*blob)) : nullptr;
    return c && c->policy.require_signed;
  }

 private:
  ConfigVersions versions_;
};

// A change in scope and whether it changed casectl.yaml.
struct InScope {
  Change change;
  bool settings = false;
};

// The changes after the newest one that turned require_signed on (newest first).
std::vector<InScope> changes_in_scope(git_repository* repo, std::vector<Change> all) {
  RequiresSigned requires_signed(repo);
  std::vector<InScope> out;
  for (Change& c : all) {
    bool settings = false;
    if (c.outside) {  // only such a change can touch casectl.yaml
      git_oid id;
      git::check(git_oid_fromstr(&id, c.commit.c_str()), tx("not a commit id"));
      git::Commit commit = git::lookup_commit(repo, id);
      std::optional<git_oid> now = settings_blob(commit.get()), before;
      if (git_commit_parentcount(commit.get()) > 0) {
        git::Commit parent = git::lookup_commit(repo, *git_commit_parent_id(commit.get(), 0));
        before = settings_blob(parent.get());
      }
      settings = now.has_value() != before.has_value() || (now && git_oid_cmp(&*now, &*before) != 0);
      if (settings && requires_signed(now) && !requires_signed(before)) break;  // turned on here
    }
    out.push_back(InScope{std::move(c), settings});
  }
  return out;
}

// What is wrong with a change of verdict v, and what would satisfy the rule.
std::pair<std::string, std::string> describe(const Change& c, const std::string& v) {
  std::string what = fmt::format("the change {} ({}, entered {})", c.commit.substr(0, 10), c.action,
                                 local_time(static_cast<std::time_t>(c.entered)).str());
  if (v == "unsigned")
    return {what + " is not signed, and policy.require_signed is on",
            "sign every change (git config commit.gpgsign true, gpg.format ssh, user.signingkey; see casectl(1)); "
            "a commit cannot be signed afterwards"};
  if (v == "bad")
    return {what + " has a signature that does not verify: it was altered after it was signed",
            "compare the history with a copy made before (a backup, a remote)"};
  return {what + " is signed, but not with the signing_key of the worker it names",
          "the worker's signing_key in casectl.yaml must be the key their commits are signed with"};
}

}  // namespace

std::vector<Problem> signature_problems(const std::string& root, const Config& config,
                                        const std::vector<std::string>& ids) {
  if (!config.policy.require_signed) return {};
  History history(root);
  git::Repository repo = git::open(root);
  std::vector<InScope> scope = changes_in_scope(repo.get(), history.changes(""));
  std::vector<Change> changes;
  for (auto& s : scope) changes.push_back(s.change);
  std::vector<std::string> verdicts = SignatureCheck(root, repo.get(), config, history).verdicts(changes);
  std::vector<Problem> out;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    const std::string& v = verdicts[i];
    if (v == "signed" || v == "none") continue;
    auto [message, fix] = describe(changes[i], v);
    if (scope[i].settings && ids.empty())
      out.push_back(Problem{"", "signature." + v, "", message, fix, Place{kConfigFile, 0, 0}});
    for (const auto& id : changes[i].cases) {
      if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
      auto parsed = parse_case_id(id);
      out.push_back(Problem{id, "signature." + v, "", message, fix, Place{parsed ? case_file(*parsed) : id, 0, 0}});
    }
  }
  return out;
}

}  // namespace casectl
