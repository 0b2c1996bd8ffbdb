// The case differ: reads both versions of a case folder from git and compares them.
#include "core/case_diff.hpp"
#include "core/i18n.hpp"

#include <git2.h>

#include <map>
#include <optional>

#include "core/git.hpp"
#include "core/locale_text.hpp"
#include "core/record_io.hpp"

namespace casectl {

namespace {

// The tree of commit `rev` (hex), or nullptr for "".
git::Tree tree_of(git_repository* repo, const std::string& rev) {
  if (rev.empty()) return nullptr;
  git_oid oid;
  git::check(git_oid_fromstr(&oid, rev.c_str()), txf("not a commit id: {}", rev));
  return git::commit_tree(git::lookup_commit(repo, oid).get());
}

// The case's record in a tree, or nullopt when the tree does not hold it.
std::optional<Record> record_in(git_repository* repo, const git_tree* tree, const CaseId& id,
                                const std::string& rev) {
  if (!tree) return std::nullopt;
  auto text = git::read_blob(repo, tree, case_file(id));
  if (!text) return std::nullopt;
  std::string display = rev.substr(0, 12) + ":" + case_file(id);
  LoadedRecord loaded{{}, load_yaml(*text, display), display};
  loaded.record = decode_record(loaded.tree, display);
  require_own_id(loaded, id.str());
  return loaded.record;
}

// The documents of the case folder in a tree (every file but case.yaml) and their blob ids.
std::map<std::string, std::string> documents_in(const git_tree* tree, const CaseId& id) {
  std::map<std::string, std::string> docs;
  if (!tree) return docs;
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree, case_dir(id).c_str()) < 0) return docs;
  git::TreeEntry entry(e);
  if (git_tree_entry_type(e) != GIT_OBJECT_TREE) return docs;
  git_object* obj = nullptr;
  git::check(git_tree_entry_to_object(&obj, git_tree_owner(tree), e), txf("cannot read {}", case_dir(id)));
  git::Tree folder(reinterpret_cast<git_tree*>(obj));
  for (std::size_t i = 0; i < git_tree_entrycount(folder.get()); ++i) {
    const git_tree_entry* d = git_tree_entry_byindex(folder.get(), i);
    std::string name = git_tree_entry_name(d);
    if (git_tree_entry_type(d) == GIT_OBJECT_BLOB && name != "case.yaml")
      docs[name] = git::to_hex(*git_tree_entry_id(d));
  }
  return docs;
}

// A change of a whole thing (the record, a document) without values.
RecordChange whole(std::string path, std::string label, ChangeKind kind, std::string detail = "") {
  RecordChange c;
  c.path = std::move(path);
  c.label = std::move(label);
  c.change = kind;
  c.detail = std::move(detail);
  return c;
}

}  // namespace

std::vector<RecordChange> diff_case(git_repository* repo, const CaseVersion& before, const CaseVersion& after,
                                    std::string_view locale) {
  git::Tree old_tree = tree_of(repo, before.commit), new_tree = tree_of(repo, after.commit);
  auto a = record_in(repo, old_tree.get(), before.id, before.commit);
  auto b = record_in(repo, new_tree.get(), after.id, after.commit);
  std::vector<RecordChange> changes;
  std::string case_word = in_locale(locale, "case ", "ケース ");
  if (a && b) changes = diff_records(*a, *b, locale);
  else if (b) changes.push_back(whole("", case_word + after.id.str(), ChangeKind::added, "status " + b->status));
  else if (a) changes.push_back(whole("", case_word + before.id.str(), ChangeKind::removed));
  for (auto& c : changes)
    if (c.path == "id") c.detail = "renumbered";  // the record's id follows its folder
  auto da = documents_in(old_tree.get(), before.id), db = documents_in(new_tree.get(), after.id);
  for (const auto& [name, blob] : db) {
    auto was = da.find(name);
    if (was == da.end()) changes.push_back(whole(name, name, ChangeKind::added));
    else if (was->second != blob) changes.push_back(whole(name, name, ChangeKind::changed));
  }
  for (const auto& [name, blob] : da)
    if (!db.count(name)) changes.push_back(whole(name, name, ChangeKind::removed));
  return changes;
}

std::string record_patch(git_repository* repo, const CaseVersion& before, const CaseVersion& after) {
  git::Tree old_tree = tree_of(repo, before.commit), new_tree = tree_of(repo, after.commit);
  std::string old_file = case_file(before.id), new_file = case_file(after.id);
  bool renumbered = old_file != new_file;
  char* paths[] = {old_file.data(), new_file.data()};
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.pathspec = {paths, renumbered ? 2u : 1u};
  opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  git_diff* d = nullptr;
  git::check(git_diff_tree_to_tree(&d, repo, old_tree.get(), new_tree.get(), &opts),
             txf("cannot compare the versions of {}", new_file));
  git::Diff diff(d);
  if (renumbered) {
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    git::check(git_diff_find_similar(diff.get(), &find), txf("cannot compare the versions of {}", new_file));
  }
  git::Buf buf;
  git::check(git_diff_to_buf(&buf.buf, diff.get(), GIT_DIFF_FORMAT_PATCH),
             txf("cannot write the diff of {}", new_file));
  return buf.str();
}

}  // namespace casectl
