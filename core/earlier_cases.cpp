#include "core/earlier_cases.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "core/git.hpp"
#include "core/name_match.hpp"
#include "core/tree_changes.hpp"

namespace casectl {

namespace {

// More changed cases than this since the index's HEAD: a full refresh is as cheap.
constexpr std::size_t kMaxChanged = 2000;

// HEAD's commit id and the IDs of the case folders that differ between commit `from` and it.
struct Changed {
  std::string head;
  std::vector<std::string> cases;
};

// What changed since commit `from`; nullopt when `from` is not a commit of repo (history
// rewritten, objects gone) or too much changed.
std::optional<Changed> cases_changed_since(git_repository* repo, const std::string& from) {
  try {
    std::optional<git_oid> head = git::head_id(repo);
    git_oid from_id;
    if (!head || git_oid_fromstr(&from_id, from.c_str()) != 0) return std::nullopt;
    if (git_oid_equal(&from_id, &*head)) return Changed{from, {}};
    git::Tree before = git::commit_tree(git::lookup_commit(repo, from_id).get());
    git::Tree after = git::commit_tree(git::lookup_commit(repo, *head).get());
    TreeChanges changes = compare_trees(repo, before.get(), after.get());
    if (changes.cases.size() > kMaxChanged) return std::nullopt;
    return Changed{git::to_hex(*head), changes.cases};
  } catch (const Error&) {
    return std::nullopt;
  }
}

void sort_by_id(std::vector<EarlierCase>& v) {
  std::sort(v.begin(), v.end(), [](const EarlierCase& a, const EarlierCase& b) {
    std::optional<CaseId> x = parse_case_id(a.id), y = parse_case_id(b.id);
    if (x && y) return id_before(*x, *y);
    return a.id < b.id;
  });
}

}  // namespace

std::vector<EarlierCase> earlier_cases(const CaseIndex& index, const std::string& name, const OptDate& birth_date) {
  std::vector<EarlierCase> out;
  const std::string key = normalise_name(name);
  if (key.empty() || !birth_date) return out;
  CaseFilter all;
  all.unreadable = false;
  index.for_each(all, [&](const CaseSummary& s) {
    if (s.birth_date == birth_date && normalise_name(s.client_name) == key) out.push_back({s.id, s.status});
  });
  return out;
}

std::vector<EarlierCase> find_earlier_cases(CaseIndex& index, git_repository* repo,
                                            const std::string& name, const OptDate& birth_date) {
  const std::string key = normalise_name(name);
  if (key.empty() || !birth_date) return {};
  std::optional<StoredPersons> stored = index.stored_persons(key, *birth_date);
  std::optional<Changed> changed;
  if (stored) changed = cases_changed_since(repo, stored->head);
  if (!changed) return earlier_cases(index, name, birth_date);

  std::set<std::string> again(changed->cases.begin(), changed->cases.end());
  std::vector<EarlierCase> out;
  for (const PersonRow& row : stored->rows)
    if (!again.count(row.id)) out.push_back({row.id, row.status});
  for (const CaseSummary& s : index.read_changed(stored->head, changed->head, changed->cases))
    if (s.ok() && s.birth_date == birth_date && normalise_name(s.client_name) == key) out.push_back({s.id, s.status});
  sort_by_id(out);
  return out;
}

}  // namespace casectl
