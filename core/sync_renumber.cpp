// Renumbering the cases that took one ID on both sides (see sync_renumber.hpp).
#include "core/sync_renumber.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/atomic_file.hpp"
#include "core/case_rename.hpp"
#include "core/case_store.hpp"
#include "core/config.hpp"
#include "core/document_refresh.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/ids.hpp"
#include "core/index_scan.hpp"
#include "core/record_io.hpp"

namespace casectl {
namespace {

namespace fs = std::filesystem;

// The record paths (case.yaml) added between two commits.
std::vector<std::string> added_records(const GitProgram& git, const std::string& from, const std::string& to) {
  std::vector<std::string> out;
  for (const std::string& p : split_output(git.text({"diff", "--name-only", "--no-renames", "--diff-filter=A", "-z",
                                                     from, to, "--", "cases"},
                                                    "cannot list the cases added")))
    if (case_id_of_path(p)) out.push_back(p);
  return out;
}

std::string object_at(const GitProgram& git, const std::string& rev, const std::string& path) {
  return git.text({"rev-parse", rev + ":" + path}, "cannot read " + path);
}

// The highest sequence number of prefix and year among the case folders of rev.
int highest_seq(const GitProgram& git, const std::string& rev, const CaseId& like) {
  int high = 0;
  for (const std::string& p : split_output(git.text({"ls-tree", "-r", "-d", "--name-only", "-z", rev, "--",
                                                     "cases/" + std::to_string(like.year)},
                                                    "cannot list the cases")))
    if (auto id = parse_case_id(p.substr(p.rfind('/') + 1)); id && id->prefix == like.prefix && id->year == like.year)
      high = std::max(high, id->seq);
  return high;
}

std::string marker_path(const GitProgram& git) {
  return git.text({"rev-parse", "--absolute-git-dir"}, "cannot find the git directory") + "/casectl-renumbering";
}

// One renumbering, written to the work tree and committed: OLD's folder to NEW's, the links of
// the records changed here since base (the only ones that can name the case here) updated.
void renumber_one(const std::string& root, const GitProgram& git, const Config& config, const std::string& base,
                  const CaseId& from, const CaseId& to, const std::string& worker_id, const std::string& marker) {
  const std::string old_dir = case_dir(from), new_dir = case_dir(to);
  // A file of the folder git does not track (a draft, a scan) would be left behind or lost.
  std::vector<std::string> untracked =
      split_output(git.text({"ls-files", "--others", "-z", "--", old_dir}, "cannot list the case's files"));
  if (!untracked.empty())
    fail(ErrorKind::conflict,
         txf("case {} must be renumbered (the remote has another case {}), but its folder holds files git does not "
             "track: commit them or move them out, then sync again; nothing was synced", from.str(), from.str()));
  Record r = load_record(root + "/" + case_file(from), case_file(from)).record;
  r.id = to.str();
  if (r.renumbered_from.empty()) r.renumbered_from = from.str();  // the first ID it had is kept
  std::vector<FileChange> files{{case_file(to), emit_record(r)}};
  for (FileChange& d : documents_rendered_again(r, config, root, old_dir)) files.push_back(std::move(d));
  // Files of the folder that are not the record or a document go along as they are.
  for (const std::string& rel : split_output(git.text({"ls-files", "-z", "--", old_dir}, "cannot list the case"))) {
    std::string name = rel.substr(old_dir.size() + 1);
    std::string moved = new_dir + "/" + name;
    if (std::none_of(files.begin(), files.end(), [&](const FileChange& f) { return f.path == moved; })) {
      std::ifstream in(root + "/" + rel, std::ios::binary);
      files.push_back({moved, std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>())});
    }
  }
  std::vector<std::string> touched{old_dir, new_dir};
  for (const std::string& rel : split_output(git.text({"diff", "--name-only", "--no-renames", "-z", base, "HEAD",
                                                       "--", "cases"}, "cannot list what changed"))) {
    std::optional<CaseId> other = case_id_of_path(rel);
    if (!other || other->str() == from.str() || !fs::exists(root + "/" + rel)) continue;
    Record o = load_record(root + "/" + rel, rel).record;
    bool named = false;
    for (Link& l : o.links)
      if (l.case_id == from.str()) l.case_id = to.str(), named = true;
    if (!named) continue;
    files.push_back({rel, emit_record(o)});
    for (FileChange& d : documents_rendered_again(o, config, root, case_dir(*other))) files.push_back(std::move(d));
    touched.push_back(case_dir(*other));
  }
  // The marker first: a kill from here on is put right by recover_renumbering().
  std::string list = git.commit_of("HEAD") + "\n";
  for (const std::string& t : touched) list += t + "\n";
  write_file_atomic(marker, list);
  try {
    for (const FileChange& f : files) write_file_atomic(root + "/" + f.path, f.content);
    git.text({"rm", "-r", "-q", "--cached", "--", old_dir}, "cannot move case " + from.str());
    fs::remove_all(root + "/" + old_dir);
    std::vector<std::string> add{"add", "--"};
    for (const FileChange& f : files) add.push_back(f.path);
    git.text(add, "cannot stage the renumbering of " + from.str());
    git.text({"commit", "-q", "--no-verify", "-m", commit_message(to.str(), renumbering(from), r.status, worker_id)},
             "cannot commit the renumbering of " + from.str());
  } catch (...) {
    recover_renumbering(root, git);  // a failure (not a kill): put back at once
    throw;
  }
  fs::remove(marker);
}

}  // namespace

std::vector<Renumbered> renumber_collisions(const std::string& root, const GitProgram& git, const std::string& theirs,
                                            const std::string& worker_id) {
  std::vector<Renumbered> out;
  ProcessResult mb = git.run({"merge-base", "HEAD", theirs});
  if (!mb.started || mb.status != 0) return out;  // no common history: git's merge says so
  const std::string base = mb.out.substr(0, mb.out.find('\n'));
  std::vector<std::string> theirs_added = added_records(git, base, theirs);
  std::vector<CaseId> collide;
  for (const std::string& p : added_records(git, base, "HEAD"))
    if (std::find(theirs_added.begin(), theirs_added.end(), p) != theirs_added.end() &&
        object_at(git, "HEAD", p) != object_at(git, theirs, p))
      collide.push_back(*case_id_of_path(p));
  if (collide.empty()) return out;
  std::sort(collide.begin(), collide.end(), id_before);
  Config config = load_config(root);
  const std::string marker = marker_path(git);
  std::map<std::string, int> next;  // "PREFIX-YEAR" -> the next free sequence number
  for (const CaseId& from : collide) {
    std::string key = from.prefix + "-" + std::to_string(from.year);
    if (!next.count(key)) next[key] = std::max(highest_seq(git, "HEAD", from), highest_seq(git, theirs, from)) + 1;
    CaseId to{from.prefix, from.year, next[key]++};
    renumber_one(root, git, config, base, from, to, worker_id, marker);
    out.push_back({from.str(), to.str()});
  }
  return out;
}

std::string renumbering_said(const Renumbered& r) {
  return txf("case {0} opened here took an ID the remote's case {0} has: it is now {1} (its documents, links and "
             "history kept)", r.from, r.to);
}

bool recover_renumbering(const std::string& root, const GitProgram& git) {
  const std::string marker = marker_path(git);
  std::ifstream in(marker);
  if (!in) return false;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  in.close();
  if (!lines.empty() && git.commit_of("HEAD") == lines[0]) {
    // Not committed: the folders it touched back to HEAD, the new folder (not in HEAD) gone.
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const std::string& dir = lines[i];
      git.run({"reset", "-q", "HEAD", "--", dir});
      if (git.ok({"cat-file", "-e", "HEAD:" + dir})) {
        git.run({"checkout", "-q", "HEAD", "--", dir});
      } else {
        std::error_code ec;
        fs::remove_all(root + "/" + dir, ec);
      }
    }
  }
  fs::remove(marker);
  return true;
}

}  // namespace casectl
