// Renumbered cases: the trailer rule and the record rule on one commit.
#include "core/case_rename.hpp"

#include <algorithm>

#include "core/commit_text.hpp"
#include "core/git.hpp"

namespace casectl {

namespace {

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The text with the value of its top-level `id:` line cut out, when that value is id (plain,
// 'quoted' or "quoted"); nullopt otherwise. The first line starting with "id:" is the top-level
// key: values and items of a record's sections are indented.
std::optional<std::string> without_id(std::string_view text, std::string_view id) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    if (line.substr(0, 3) == "id:") {
      std::string_view v = line.substr(3);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
        v = v.substr(1, v.size() - 2);
      if (v != id) return std::nullopt;
      return std::string(text.substr(0, at)) + "id:" + std::string(text.substr(end));
    }
    at = end + 1;
  }
  return std::nullopt;
}

// The first parent's tree, or none for a first commit.
git::Tree parent_tree(git_repository* repo, const git_commit* commit) {
  if (git_commit_parentcount(commit) == 0) return git::Tree();
  return git::commit_tree(git::lookup_commit(repo, *git_commit_parent_id(commit, 0)).get());
}

// The case.yaml of case `id` in tree ("" when it has none).
std::string record_text(git_repository* repo, const git_tree* tree, const std::string& id) {
  auto parsed = parse_case_id(id);
  if (!parsed || !tree) return "";
  return git::read_blob(repo, tree, case_file(*parsed)).value_or("");
}

}  // namespace

bool same_record_but_id(std::string_view old_text, std::string_view old_id, std::string_view new_text,
                        std::string_view new_id) {
  auto a = without_id(old_text, old_id);
  auto b = a ? without_id(new_text, new_id) : std::nullopt;
  return a && b && *a == *b;
}

std::vector<CaseRename> case_renames(git_repository* repo, const git_commit* commit, const TreeChanges& touched) {
  std::vector<CaseRename> out;
  if (touched.added.empty() || touched.removed.empty() || git_commit_parentcount(commit) == 0) return out;
  std::vector<std::string> from = touched.removed, to = touched.added;  // not yet paired
  // (a) The trailer names OLD; NEW is the message's case, or the only folder that appeared.
  const char* message = git_commit_message(commit);
  CommitText text = parse_commit_text(message ? message : "");
  if (!text.renumbered_from.empty() && has(from, text.renumbered_from)) {
    std::string target = !text.case_id.empty() ? text.case_id : to.size() == 1 ? to.front() : "";
    if (!target.empty() && has(to, target)) {
      out.push_back({text.renumbered_from, target, true});
      from.erase(std::find(from.begin(), from.end(), text.renumbered_from));
      to.erase(std::find(to.begin(), to.end(), target));
    }
  }
  // (b) The record moved as it was, its id excepted. Each blob is read once.
  if (!from.empty() && !to.empty()) {
    git::Tree before = parent_tree(repo, commit), after = git::commit_tree(commit);
    std::vector<std::string> new_texts;
    for (const auto& id : to) new_texts.push_back(record_text(repo, after.get(), id));
    for (const auto& old_id : from) {
      std::string old_text = record_text(repo, before.get(), old_id);
      if (old_text.empty()) continue;
      for (std::size_t j = 0; j < to.size(); ++j) {
        if (to[j].empty() || !same_record_but_id(old_text, old_id, new_texts[j], to[j])) continue;
        out.push_back({old_id, to[j], false});
        to[j].clear();  // paired
        break;
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const CaseRename& a, const CaseRename& b) { return a.to < b.to; });
  return out;
}

std::optional<std::string> renamed_from(git_repository* repo, const git_commit* commit, const std::string& new_id) {
  if (git_commit_parentcount(commit) == 0) return std::nullopt;
  git::Tree before = parent_tree(repo, commit), after = git::commit_tree(commit);
  TreeChanges touched = compare_trees(repo, before.get(), after.get());
  if (!has(touched.added, new_id)) return std::nullopt;
  for (const CaseRename& r : case_renames(repo, commit, touched))
    if (r.to == new_id) return r.from;
  return std::nullopt;
}

ChangeSummary renumbering(const CaseId& from) {
  return ChangeSummary{"renumber", "from " + from.str(), {}, {{kRenumberedFrom, from.str()}}};
}

}  // namespace casectl
