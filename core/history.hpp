// The audit trail (SPEC section 6): every commit of the case directory as a Change (entry time,
// event time, worker, action, summary, the cases its trees changed and those it renumbered), from
// a history index under .casectl/history.sqlite that follows HEAD incrementally. Deleting the
// index loses nothing.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <git2.h>

#include "core/case_rename.hpp"
#include "core/tree_changes.hpp"

namespace casectl {

// One change: a commit as `casectl log` lists it.
struct Change {
  std::string commit;             // 40 hex digits
  std::int64_t entered = 0;       // committer time: when it was entered (seconds since the epoch)
  int entered_offset = 0;         // its UTC offset in minutes, as recorded
  std::int64_t event = 0;         // author time: when the event happened
  int event_offset = 0;
  std::string author_name, author_email;  // as git gives them
  // Made by casectl: its message has casectl's form (core/commit_text), it is no merge, and the
  // case its subject names is one its trees changed (a directory change: none changed).
  bool casectl = false;
  std::string worker;   // casectl's: the Worker trailer; "" for other commits
  std::string action;   // casectl's: the subject's first word; "git" for other commits
  std::string summary;  // casectl's: the subject after "ACTION ID: "; other commits: the subject
  std::vector<std::string> cases;  // the cases its trees changed against its first parent
  bool outside = false;            // it changed something outside the case folders too
  bool merge = false;              // more than one parent
  bool signature = false;          // it carries a signature (a gpgsig header), good or not
  std::vector<CaseRename> renames;  // the cases it renumbered (core/case_rename), sorted by `to`
  // In History::changes(ID): the ID the case had when this change was made, ID itself or one it
  // had before a renumbering (on the renumbering commit, the new one); "" in changes("").
  std::string case_id;
  // The settings in force when it was made: the blob id of casectl.yaml in its first parent's
  // tree (a first commit: its own tree); "" when that tree has none.
  std::string settings;
};

// A change as its commit and the comparison of its tree with its first parent's describe it
// (renames and settings are left to the caller: they need the repository; describe() fills them).
Change describe_commit(const git_commit* commit, TreeChanges touched);

// The commit `id` of repo described: its tree compared with its first parent's, its renames and
// settings filled.
Change describe(git_repository* repo, const git_oid& id);

// True for a late entry: the event dated more than a day before the entry (local dates).
bool late_entry(const Change& c);

// What a refresh did.
struct HistoryStats {
  std::size_t added = 0;    // commits indexed
  std::size_t removed = 0;  // commits dropped (no longer in HEAD's history)
  bool rebuilt = false;     // the index was made anew (missing, damaged, or history unrelated)
};

class History {
 public:
  // Opens the case directory's history index (0600 under .casectl/, never through a symbolic
  // link: Error(conflict)); in memory when .casectl/ cannot be written.
  explicit History(const std::string& root);
  ~History();
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  // Brings the index in line with HEAD: the commits since the indexed tip are added (walking
  // from HEAD, stopping at the tip); when the tip is no longer an ancestor of HEAD (a rewritten
  // history), the commits after the last common one are dropped and HEAD's added from there.
  // Holds .casectl/history.update (flock) meanwhile, waiting for another process's refresh to
  // end first (it then usually leaves nothing to do).
  HistoryStats refresh();

  // Like refresh(), but nullopt at once, doing nothing, while another process refreshes (the
  // background update that `log ID` starts, see changes()).
  std::optional<HistoryStats> refresh_unless_busy();

  // The changes that touched case_id ("" for every commit), newest first (HEAD's topological
  // order, like git log). A case is followed back across its renumberings, like `git log
  // --follow`: from the commit that renumbered OLD to case_id, the older changes are OLD's (and,
  // in turn, those of the ID OLD had before, A -> B -> A included); changes made under case_id
  // before it was renumbered away to another ID are that other case's, not listed. Each Change
  // says in case_id under which ID it was made. Refreshes first if this object has not, except
  // for one case while the index has nothing usable and HEAD's history has at least walk_min()
  // commits (a fresh clone, a deleted index): the case's commits are then found without the
  // index (core/git_program_log, core/history_path_walk), and the index is left behind
  // (behind() is true) for the caller to bring up to date, e.g. in the background.
  std::vector<Change> changes(const std::string& case_id);

  // Every change entered (committer time) at or after `from` and before `to` (seconds since the
  // epoch), newest first; refreshes first if this object has not. What `report activity` reads.
  std::vector<Change> entered_between(std::int64_t from, std::int64_t to);

  // How many commits make changes(ID) answer without the index (default kWalkMin).
  static constexpr std::size_t kWalkMin = 20000;
  void set_walk_min(std::size_t n);
  // True when the last changes() left the index behind HEAD.
  bool behind() const;

  // The change that last renumbered case_id away (its `renames` say to which ID), when no change
  // was made under case_id since: the ID then names no case, and changes(case_id) is empty.
  std::optional<Change> renumbered_away(const std::string& case_id);

  // The signature verdicts (core/signature_check) of commits judged by the workers' keys and
  // emails `keys` (a hash of those in force at each commit): commit id -> verdict, for those of
  // ids known; and new ones to keep.
  std::vector<std::pair<std::string, std::string>> verdicts(const std::vector<std::string>& ids,
                                                            const std::string& keys);
  void keep_verdicts(const std::vector<std::pair<std::string, std::string>>& verdicts,
                     const std::string& keys);

  // Where the index file is: root/.casectl/history.sqlite.
  static std::string file_path(const std::string& root);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace casectl
