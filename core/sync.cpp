// sync, status and clone over the git program (see sync.hpp).
#include "core/sync.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <exception>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/atomic_file.hpp"
#include "core/config.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/git_program.hpp"
#include "core/i18n.hpp"
#include "core/index_scan.hpp"
#include "core/lock.hpp"
#include "core/merge_setup.hpp"
#include "core/private_dir.hpp"
#include "core/resolve.hpp"
#include "core/sync_documents.hpp"
#include "core/sync_renumber.hpp"

namespace casectl {

namespace {

// The paths as shown_path() names them, joined with ", ".
std::string shown_paths(const std::vector<std::string>& paths) {
  std::string names;
  for (const std::string& p : paths) names += (names.empty() ? "" : ", ") + shown_path(p);
  return names;
}

// Modes of what git wrote: files 0600, every folder from theirs up to root 0700 (git writes
// with the umask; SPEC section 8 wants the case directory private).
void make_private(const std::string& root, const std::vector<std::string>& paths) {
  for (const std::string& rel : paths) {
    std::string path = root + "/" + rel;
    struct stat st;
    if (lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) chmod(path.c_str(), 0600);
    for (std::size_t slash = rel.rfind('/'); slash != std::string::npos && slash > 0;
         slash = rel.rfind('/', slash - 1)) {
      std::string folder = root + "/" + rel.substr(0, slash);
      if (lstat(folder.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) chmod(folder.c_str(), 0700);
    }
  }
}

// The paths that differ between two commits.
std::vector<std::string> changed_paths(const GitProgram& git, const std::string& from, const std::string& to) {
  return split_output(git.text({"diff", "--name-only", "--no-renames", "-z", from, to}, "cannot list what changed"), '\0');
}

std::vector<CommitLine> commit_lines(const GitProgram& git, const std::string& range) {
  std::vector<CommitLine> out;
  for (const std::string& line : split_output(git.text({"log", "--format=%h %s", range}, "cannot read the history"), '\n')) {
    std::size_t space = line.find(' ');
    out.push_back(CommitLine{line.substr(0, space), space == std::string::npos ? "" : line.substr(space + 1)});
  }
  return out;
}

std::size_t count(const GitProgram& git, const std::string& range) {
  return std::stoul(git.text({"rev-list", "--count", range}, "cannot count commits"));
}

// The record of the last sync, in the private folder: remote, branch, HEAD before, HEAD
// after, when (one a line).
std::string last_sync_file(const std::string& root) { return root + "/.casectl/last-sync"; }

void save_last_sync(const std::string& root, const SyncOutcome& o, const std::string& before, const std::string& after) {
  private_dir(root);  // made (0700) when missing
  write_file_atomic(last_sync_file(root),
                    fmt::format("{}\n{}\n{}\n{}\n{}\n", o.remote, o.branch, before, after, now().str()));
}

// The tracked files changed and not committed.
std::vector<std::string> uncommitted(const GitProgram& git) {
  std::vector<std::string> out;
  std::vector<std::string> entries =
      split_output(git.text({"status", "--porcelain", "-z", "--untracked-files=no"}, "cannot read the work tree"), '\0');
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string& entry = entries[i];
    if (entry.size() > 3) out.push_back(entry.substr(3));
    if (entry[0] == 'R' || entry[0] == 'C') ++i;  // a rename's or copy's old path follows
  }
  return out;
}

// The mark of a sync under way (.casectl/sync-running): written before sync's first git run,
// removed when it ends, however it ends (a conflict, an unreachable remote). Found at the start of
// the next sync, it says that one was killed (kill -9, power cut) in the middle of a git run.
std::string running_file(const std::string& root) { return root + "/.casectl/sync-running"; }

// After a killed sync, under the case directory's lock: the lock files of the git commands it ran
// are stale (git would refuse every later run, "Unable to create ... .lock: File exists"), and a
// merge it had begun is half done (files of the work tree written, MERGE_HEAD perhaps): the lock
// files are removed and the work tree and index are put back to HEAD. Nothing is lost: the sync
// began with nothing uncommitted (it refuses otherwise), HEAD holds every commit of this side and
// the remote's are fetched again. The work tree is put back only when the mark says the killed
// sync was merging (or renumbering) on top of the HEAD that is still there: an edit made since in
// any other case (a sync stopped by Ctrl-C while fetching, then a hand edit) is never reset, it is
// refused as uncommitted. Says what it did ("" when nothing was left).
std::string take_over_killed_sync(const GitProgram& git, const std::string& root, const std::string& remote,
                                  const std::string& branch, const std::string& merging_on) {
  std::string done;
  const std::string gitdir = root + "/.git/";
  for (const std::string& rel : {std::string("index.lock"), std::string("HEAD.lock"), std::string("ORIG_HEAD.lock"),
                                 std::string("config.lock"), std::string("packed-refs.lock"),
                                 "refs/heads/" + branch + ".lock", "refs/remotes/" + remote + "/" + branch + ".lock",
                                 std::string("objects/maintenance.lock")}) {
    if (::unlink((gitdir + rel).c_str()) == 0) done += (done.empty() ? "" : ", ") + (".git/" + rel);
  }
  // The temporary files of a merge: git's (.merge_file_XXXXXX, the three versions it hands the
  // merge driver) and the driver's own (..merge_file_XXXXXX.tmp-PID-N, written then renamed),
  // in the top folder where git runs the driver.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
    const std::string name = entry.path().filename().string();
    if ((name.rfind(".merge_file_", 0) == 0 || name.rfind("..merge_file_", 0) == 0) &&
        entry.is_regular_file(ec) && ::unlink(entry.path().c_str()) == 0)
      done += (done.empty() ? "" : ", ") + name;
  }
  // Documents a merge was rendering (core/sync_documents.hpp), half written beside their place.
  for (const std::string& rel : split_output(git.text({"ls-files", "--others", "-z", "--", "cases"},
                                                      "cannot list the files git does not track"))) {
    if (is_temp_file_name(rel.substr(rel.rfind('/') + 1)) && ::unlink((root + "/" + rel).c_str()) == 0)
      done += (done.empty() ? "" : ", ") + rel;
  }
  // Killed after the merge commit was made, before git removed its merge state: the merge is done.
  const std::string merge_head = git.commit_of("MERGE_HEAD");
  if (!merge_head.empty() && git.commit_of("HEAD^2") == merge_head) {
    for (const char* f : {"MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "AUTO_MERGE"}) ::unlink((gitdir + f).c_str());
    done += std::string(done.empty() ? "" : "; ") + tx("the merge committed, its state removed");
  }
  if (!merging_on.empty() && git.commit_of("HEAD") == merging_on &&
      (!git.commit_of("MERGE_HEAD").empty() || !uncommitted(git).empty())) {
    git.text({"reset", "--quiet", "--hard", "HEAD"}, "cannot undo the interrupted merge");
    done += std::string(done.empty() ? "" : "; ") + tx("the interrupted merge undone");
  }
  return done;
}

// Why git push --porcelain says a ref was refused: the summary of its "!" line ("[rejected]
// (fetch first)", "[remote rejected] (pre-receive hook declined)").
std::string refusal_of(const std::string& porcelain) {
  for (const std::string& line : split_output(porcelain, '\n')) {
    if (line.compare(0, 2, "!\t") != 0) continue;
    std::size_t tab = line.find('\t', 2);
    return tab == std::string::npos ? line.substr(2) : line.substr(tab + 1);
  }
  return "";
}

// The current branch's name; Error(conflict) when HEAD is on no branch.
std::string current_branch(const GitProgram& git) {
  ProcessResult r = git.run({"symbolic-ref", "--quiet", "--short", "HEAD"});
  if (!r.started || r.status != 0 || r.out.empty())
    fail(ErrorKind::conflict, tx("HEAD is on no branch: `git switch main` first"));
  return r.out.substr(0, r.out.find('\n'));
}

void require_remote(const GitProgram& git, const std::string& remote) {
  if (!git.ok({"remote", "get-url", remote}))
    fail(ErrorKind::not_found, txf("no remote {} (`git remote -v` lists those there are)", remote));
}

// Merges theirs into HEAD as `by`; throws Error(conflict) naming every conflict when git's
// merge (and casectl's driver) leaves any.
void merge(const std::string& root, const GitProgram& git, const SyncOutcome& o, const std::string& theirs) {
  ProcessResult mb = git.run({"merge-base", "HEAD", theirs});  // none: git's merge refuses below
  const std::string base = mb.started && mb.status == 0 ? mb.out.substr(0, mb.out.find('\n')) : "";
  forget_resolve_choices(root);  // choices of an earlier merge (aborted) are not this one's
  ProcessResult r = git.run({"merge", "--no-ff", "--no-commit", theirs});
  const bool begun = !git.commit_of("MERGE_HEAD").empty();
  // Documents from the merged records (core/sync_documents.hpp), then the merge commit. A
  // conflict is reported as such even when the documents cannot be rendered yet (resolve
  // renders them).
  std::exception_ptr render_failed;
  try {
    if (begun && !base.empty()) render_merged_documents(root, git, base, theirs);
  } catch (const Error&) {
    render_failed = std::current_exception();
  }
  std::vector<std::string> paths = unmerged_files(git);
  if (begun && paths.empty()) {
    if (render_failed) std::rethrow_exception(render_failed);
    git.text({"commit", "-q", "--no-verify", "-m", sync_merge_subject(o.remote, o.branch)}, "cannot commit the merge");
    return;
  }
  if (paths.empty()) {
    // Refused before it began (an untracked file in the way, ...): nothing to undo.
    fail(ErrorKind::conflict, txf("cannot merge {}/{}: {}", o.remote, o.branch, git_reason(r.err)));
  }
  // The driver's own lines say which fields (codes only); git's name the files.
  std::string detail;
  for (const std::string& line : split_output(r.err, '\n'))
    if (line.compare(0, 25, "casectl: merge conflict: ") == 0) detail += "\n  " + line.substr(25);
  std::string names = shown_paths(paths);
  fail(ErrorKind::conflict,
       txf("sync stopped: merge conflict in {}{}\nBoth versions are kept (the merge is left unfinished; nothing was pushed). "
           "Settle each with `casectl resolve ID --take ours|theirs [FIELD...]`, or edit it by hand and run "
           "`casectl resolve ID --done`; or `git merge --abort` to go back.",
           names, detail));
}

}  // namespace

std::string shown_path(const std::string& rel) {
  if (std::optional<CaseId> id = case_id_of_path(rel)) return id->str();
  return rel;
}

std::vector<std::string> unmerged_files(const GitProgram& git) {
  return split_output(git.text({"diff", "--name-only", "--diff-filter=U", "-z"}, "cannot list the conflicts"), '\0');
}

std::string sync_merge_subject(const std::string& remote, const std::string& branch) {
  return fmt::format("sync: merge {}/{}", remote, branch);
}

SyncOutcome sync_directory(const std::string& root, const std::string& remote, const Author& by,
                           const std::string& worker_id, const std::string& merge_program, int attempts) {
  Lock lock(root, "casectl sync");
  GitProgram git(root, {"GIT_AUTHOR_NAME=" + by.name, "GIT_AUTHOR_EMAIL=" + by.email,
                        "GIT_COMMITTER_NAME=" + by.name, "GIT_COMMITTER_EMAIL=" + by.email});
  SyncOutcome o;
  o.remote = remote;
  // A sync killed earlier left its mark; this one's is there from before its first git run that
  // writes (even git status may write the index) until it ends, however it ends.
  // Its second line, "merging HEAD", says that the work tree is being changed on top of HEAD.
  std::ifstream was(running_file(root));
  const bool killed_before = bool(was);
  std::string merging_on;
  for (std::string line; std::getline(was, line);)
    if (line.compare(0, 8, "merging ") == 0) merging_on = line.substr(8);
  private_dir(root);
  write_file_atomic(running_file(root), remote + "\n");
  struct Running {
    std::string path;
    mode_t umask_was = umask(077);  // what git writes (a merge, a fast-forward) is private
    ~Running() {
      ::unlink(path.c_str());
      umask(umask_was);
    }
  } running{running_file(root)};
  auto mark_merging = [&] { write_file_atomic(running_file(root), remote + "\nmerging " + git.commit_of("HEAD") + "\n"); };
  o.branch = current_branch(git);
  require_remote(git, remote);
  // The killed sync's git lock files and half-done merge go first; a renumbering it left
  // unfinished is put back (its new folder is not tracked yet).
  if (killed_before) o.taken_over = take_over_killed_sync(git, root, remote, o.branch, merging_on);
  recover_renumbering(root, git);
  Repo(root).require_clean_state();
  std::vector<std::string> changed = uncommitted(git);
  if (!changed.empty()) {
    fail(ErrorKind::conflict, txf("changed and not committed: {}. Commit or undo the change first "
                                  "(`git diff` shows it); nothing was synced", shown_paths(changed)));
  }
  install_merge_driver(root, merge_program);
  const std::string start = git.commit_of("HEAD");
  const std::string tracking = "refs/remotes/" + remote + "/" + o.branch;
  // The cases what came in changed (from start to HEAD), kept for status and said.
  auto note_changes = [&] {
    const std::string end = git.commit_of("HEAD");
    o.changed_cases.clear();
    for (const std::string& p : start.empty() ? std::vector<std::string>() : changed_paths(git, start, end))
      if (std::optional<CaseId> id = case_id_of_path(p)) o.changed_cases.push_back(id->str());
    save_last_sync(root, o, start, end);
  };
  // Stops the sync; when an earlier round took the remote's commits, says so (they stay).
  auto stop = [&](ErrorKind kind, const std::string& why) {
    if (git.commit_of("HEAD") == start) fail(kind, why + ". " + tx("Nothing was changed here; work on and sync later"));
    note_changes();
    fail(kind, why + ". " + txf("{} commits came in and are merged here (not yet pushed): sync again later",
                                o.came_in));
  };
  std::string last_theirs = "-", push_refusal;
  try {
    for (o.attempts = 1;; ++o.attempts) {
      // This branch only, whatever refspec the remote has: its commits into the tracking ref.
      ProcessResult f = git.run({"fetch", "--quiet", "--no-tags", remote, "+refs/heads/" + o.branch + ":" + tracking});
      bool missing = f.started && f.status != 0 && f.err.find("couldn't find remote ref") != std::string::npos;
      if (missing) {
        // A new, empty server gets the branch; one that has others is not this directory's.
        ProcessResult heads = git.run({"ls-remote", "--heads", remote});
        if (heads.started && heads.status == 0 && !heads.out.empty())
          fail(ErrorKind::conflict, txf("remote {} has no branch {} (it has others): nothing was synced", remote, o.branch));
      } else if (!f.started || f.status != 0) {
        stop(ErrorKind::internal, txf("cannot reach remote {}: {}", remote, f.started ? git_reason(f.err) : f.spawn_error));
      }
      std::string head = git.commit_of("HEAD"), theirs = missing ? "" : git.commit_of(tracking);
      if (theirs == last_theirs)  // refused though the remote did not move: it refuses
        stop(ErrorKind::conflict, txf("remote {} refused the push: {}", remote, push_refusal));
      last_theirs = theirs;
      if (!theirs.empty() && theirs != head && !git.ok({"merge-base", "--is-ancestor", theirs, head})) {
        o.came_in += count(git, head + ".." + theirs);
        if (git.ok({"merge-base", "--is-ancestor", head, theirs})) {
          mark_merging();
          ProcessResult ff = git.run({"merge", "--ff-only", "--quiet", theirs});
          if (!ff.started || ff.status != 0)
            stop(ErrorKind::conflict, txf("cannot take the remote's commits: {}", git_reason(ff.err)));
          o.fast_forward = true;
        } else {
          mark_merging();
          for (Renumbered& r : renumber_collisions(root, git, theirs, worker_id)) o.renumbered.push_back(std::move(r));
          mark_merging();  // on top of the renumbering's commit
          merge(root, git, o, theirs);
          o.merged = true;
        }
        make_private(root, changed_paths(git, head, "HEAD"));
      }
      std::size_t ahead = count(git, theirs.empty() ? std::string("HEAD") : theirs + "..HEAD");
      if (ahead == 0) break;
      ProcessResult p = git.run({"push", "--porcelain", remote, "HEAD:refs/heads/" + o.branch});
      if (p.started && p.status == 0) {
        o.pushed = ahead;
        break;
      }
      bool refused = p.out.find("\n!\t") != std::string::npos || p.out.compare(0, 2, "!\t") == 0;
      if (!refused)
        stop(ErrorKind::internal, txf("cannot reach remote {}: {}", remote, p.started ? git_reason(p.err) : p.spawn_error));
      push_refusal = refusal_of(p.out);
      if (o.attempts >= attempts)
        stop(ErrorKind::conflict, txf("remote {} refused the push {} times, moving each time", remote, o.attempts));
    }
  } catch (const Error& e) {
    // A case renumbered in this sync is told even when the sync stops after it.
    if (o.renumbered.empty()) throw;
    std::string said = e.what();
    for (const Renumbered& r : o.renumbered) said += "\n" + renumbering_said(r);
    throw Error(e.kind(), said);
  }
  note_changes();
  return o;
}

SyncStatus sync_status(const std::string& root, const std::string& remote) {
  GitProgram git(root);
  SyncStatus s;
  s.remote = remote;
  s.branch = current_branch(git);
  require_remote(git, remote);
  std::string theirs = git.commit_of("refs/remotes/" + remote + "/" + s.branch);
  s.remote_known = !theirs.empty();
  s.unpushed = commit_lines(git, theirs.empty() ? std::string("HEAD") : theirs + "..HEAD");
  std::ifstream last(last_sync_file(root));
  std::vector<std::string> fields;
  for (std::string line; std::getline(last, line);) fields.push_back(line);
  if (fields.size() == 5 && fields[0] == remote && fields[1] == s.branch) {
    s.last_sync = fields[4];
    if (!fields[2].empty() && fields[2] != fields[3] && !git.commit_of(fields[2]).empty() && !git.commit_of(fields[3]).empty())
      s.came_in = commit_lines(git, fields[2] + ".." + fields[3]);
  }
  if (!git.commit_of("MERGE_HEAD").empty())
    for (const std::string& p : unmerged_files(git)) s.conflicts.push_back(shown_path(p));
  s.changed = uncommitted(git);
  return s;
}

std::size_t clone_directory(const std::string& url, const std::string& dir,
                            const std::optional<std::string>& worker_id, const std::string& merge_program) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec)))
    fail(ErrorKind::conflict, txf("{} exists already: clone into a new folder", dir));
  mode_t umask_was = umask(077);  // private from the first file git writes
  ProcessResult r = run_process({"git", "clone", "--quiet", "--", url, dir}, "", 1 << 20, git_environment());
  umask(umask_was);
  auto remove = [&] { fs::remove_all(dir, ec); };
  if (!r.started || r.status != 0) {
    remove();
    fail(ErrorKind::internal, txf("cannot clone {}: {}", without_credentials(url),
                                  r.started ? git_reason(r.err) : r.spawn_error));
  }
  try {
    if (!fs::is_regular_file(fs::path(dir) / kConfigFile))
      fail(ErrorKind::not_found, txf("{} holds no {}: not a case directory", without_credentials(url), kConfigFile));
    Config config = load_config(dir);
    std::string root = fs::absolute(dir).lexically_normal().string();
    if (worker_id) {
      const Worker& w = resolve_worker(config, worker_id, "");
      GitProgram git(root);
      git.text({"config", "user.name", w.name}, "cannot set the worker");
      git.text({"config", "user.email", w.email}, "cannot set the worker");
    }
    // Private: the top folder 0700 (nobody else can enter .git or the records), every file of
    // the work tree 0600 and its folders 0700.
    chmod(root.c_str(), 0700);
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
      if (it->path().filename() == ".git") {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(fs::relative(it->path(), root).string());
    }
    make_private(root, files);
    install_merge_driver(root, merge_program);
    std::size_t cases = scan_cases(root).size();
    return cases;
  } catch (...) {
    remove();
    throw;
  }
}

}  // namespace casectl
