// `doctor`: the checks in their order, read-only under a shared hold of the lock, or repaired
// under the lock.
#include "core/doctor.hpp"

#include <algorithm>
#include <ctime>

#include "core/doctor_checks.hpp"
#include "core/i18n.hpp"
#include "core/lock.hpp"
#include "core/repo.hpp"
#include "core/validate.hpp"

namespace casectl {
namespace doctor {

int rank(const std::string& check) {
  static const char* const order[] = {"private", "journal",  "git",       "lock",  "leftover", "symlink",
                                      "filetype", "untracked", "empty", "mode",  "index",    "validate"};
  const auto* end = std::end(order);
  return static_cast<int>(std::find(std::begin(order), end, check) - std::begin(order));
}

void check_validate(const std::string& root, std::vector<Finding>& out) {
  Validation v = validate(root, {});
  // The rules' messages are made in the language chosen (core/rules): kept as they are.
  auto add = [&](const Problem& p) {
    out.push_back(Finding{p.place.str(), "validate", Said::verbatim(p.str()), {}, {}, {}});
  };
  for (const auto& p : v.settings) add(p);
  for (const auto& c : v.cases)
    for (const auto& p : c.problems) add(p);
  for (const auto& p : v.signatures) add(p);
}

}  // namespace doctor

namespace {

using namespace doctor;

// Runs f's fix, keeping what it did, or (when it fails) why as the advice.
void repair(Finding& f) {
  if (!f.fix) return;
  try {
    f.repaired = f.fix();
  } catch (const std::exception& e) {
    f.advice = Said(N_("could not repair it: {}"), e.what());
  }
}

// Repairs every finding of v from index `from` on.
void repair_from(std::vector<Finding>& v, std::size_t from) {
  for (std::size_t i = from; i < v.size(); ++i) repair(v[i]);
}

// The checks that need no change in progress (the caller holds the lock, shared or not): appended
// to out in the order of their checks.
void examine(const std::string& root, Repo& repo, std::vector<Finding>& out) {
  std::vector<Finding> found;
  std::time_t now = std::time(nullptr);
  check_git(repo, now, found);
  check_tree(root, repo, found);
  check_index(root, found);
  check_editor_copies(now, found);
  std::stable_sort(found.begin(), found.end(),
                   [](const Finding& a, const Finding& b) { return rank(a.check) < rank(b.check); });
  for (auto& f : found) out.push_back(std::move(f));
}

}  // namespace

std::vector<Finding> diagnose(const std::string& root) {
  std::vector<Finding> found;
  {
    SharedLock hold(root);
    Repo repo(root);
    check_journal(root, repo, found);
    examine(root, repo, found);
  }
  check_validate(root, found);
  return found;
}

std::vector<Finding> diagnose_and_repair(const std::string& root) {
  std::vector<Finding> found;
  // A linked .casectl/ or lock, or a .casectl/ open to others, keeps every casectl from taking
  // the lock: none can be running, and doctor repairs them first to take it.
  check_private_dir(root, found);
  repair_from(found, 0);
  {
    Lock lock(root, "casectl doctor --repair");
    Repo repo(root);
    std::size_t from = found.size();
    check_journal(root, repo, found);  // first: the rest is examined as the recovery left it
    repair_from(found, from);
    from = found.size();
    examine(root, repo, found);
    repair_from(found, from);
  }
  check_validate(root, found);
  return found;
}

}  // namespace casectl
