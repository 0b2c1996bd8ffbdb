// Documents rendered again after a merge (see sync_documents.hpp).
#include "core/sync_documents.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/config.hpp"
#include "core/document_refresh.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/index_scan.hpp"
#include "core/record_io.hpp"
#include "core/sync.hpp"
#include "core/atomic_file.hpp"

namespace casectl {
namespace {

// The IDs of the cases with a file changed between two commits.
std::set<std::string> cases_changed(const GitProgram& git, const std::string& from, const std::string& to) {
  std::set<std::string> out;
  for (const std::string& p : split_output(git.text({"diff", "--name-only", "--no-renames", "-z", from, to, "--", "cases"},
                                                    "cannot list what changed"))) {
    // cases/Y/S/ID/FILE: the ID is the folder holding the file.
    std::size_t slash = p.rfind('/');
    if (slash == std::string::npos) continue;
    std::string folder = p.substr(0, slash);
    if (auto id = parse_case_id(folder.substr(folder.rfind('/') + 1)); id && case_dir(*id) == folder)
      out.insert(id->str());
  }
  return out;
}

}  // namespace

std::vector<std::string> render_merged_documents(const std::string& root, const GitProgram& git,
                                                 const std::string& base, const std::string& theirs) {
  std::set<std::string> ours = cases_changed(git, base, "HEAD"), there = cases_changed(git, base, theirs);
  std::vector<std::string> conflicts = unmerged_files(git);
  std::set<std::string> unmerged(conflicts.begin(), conflicts.end());
  std::vector<std::string> out;
  // Settings or templates in conflict: nothing renders yet (resolve renders once they are settled).
  for (const std::string& p : unmerged)
    if (p == kConfigFile || p.compare(0, 10, "templates/") == 0) return out;
  std::optional<Config> config;
  for (const std::string& id_text : ours) {
    if (!there.count(id_text)) continue;
    CaseId id = *parse_case_id(id_text);
    const std::string rel = case_file(id);
    if (unmerged.count(rel)) continue;  // the record is in conflict: resolve renders them
    if (!std::filesystem::exists(root + "/" + rel)) continue;  // deleted by the merge
    Record r = load_record(root + "/" + rel, rel).record;
    if (!config) config = load_config(root);
    std::vector<FileChange> docs = documents_rendered_again(r, *config, root, case_dir(id));
    if (docs.empty()) continue;
    std::vector<std::string> add{"add", "--"};
    for (const FileChange& d : docs) {
      write_file_atomic(root + "/" + d.path, d.content);
      add.push_back(d.path);
    }
    git.text(add, "cannot stage the documents of " + id_text);
    out.push_back(id_text);
  }
  return out;
}

}  // namespace casectl
