// The case directory as casectl uses it: finding it, reading cases, and making each change one
// commit (lock -> repository state -> hand-edit check -> rules -> atomic write -> commit).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/lock.hpp"
#include "core/record_io.hpp"
#include "core/repo.hpp"

namespace casectl {

// The case directory root: dash_c (-C), else $CASECTL_DIR, else the nearest parent of the
// current folder holding casectl.yaml. Error(not_found) saying how to make or name one.
std::string find_root(const std::optional<std::string>& dash_c);

// The commit message: subject, blank line, trailers Case, Stage, Worker.
std::string commit_message(const std::string& case_id, const ChangeSummary& change,
                           const std::string& stage, const std::string& worker_id);

// The commit message of a change to the case directory itself (init, settings), which concerns
// no case: "<action>: <summary>", blank line, trailer Worker.
std::string commit_message(const ChangeSummary& change, const std::string& worker_id);

// Error(not_found) for a case whose record file does not exist (at revision `at`, when given).
Error case_not_found(const CaseId& id, const std::string& at = "");

class CaseStore {
 public:
  // Opens the case directory at root: reads casectl.yaml and the git repository.
  explicit CaseStore(const std::string& root);

  const std::string& root() const { return root_; }
  // What opening the store recovered (an interrupted change finished or rolled back), in one
  // line for the user; "" when nothing was interrupted.
  const std::string& recovered() const { return recovered_; }
  const Config& config() const { return config_; }
  Repo& repo() { return repo_; }

  // True when the case's record file exists.
  bool exists(const CaseId& id) const;
  // Loads the case's record as it stands on disk. Error(not_found) when there is none.
  LoadedRecord load(const CaseId& id) const;

  // Opens a new case: under the lock, allocates the next ID of the year of `opened`, lets fill()
  // complete the record (id, opened and worker set) and return the change, then commits.
  // Returns the new ID.
  CaseId create(const Worker& by, const Date& opened,
                const std::function<ChangeSummary(Record&)>& fill);

  // Changes an existing case: under the lock, refuses a hand-edited record (conflict), loads it,
  // lets mutate() change the record (it throws to refuse) and commits the result with the
  // documents it returns. Returns the new commit id.
  std::string change(const Worker& by, const CaseId& id,
                     const std::function<ChangeSummary(Record&)>& mutate);

  // Changes two existing cases in ONE commit (casectl link): under the lock, refuses a hand
  // edit of either record (conflict), loads both (Error(not_found) for either missing), lets
  // mutate() change them (it throws to refuse: nothing is written) and commits both records.
  // The message names case a (its Case trailer and subject); the commit's tree holds both
  // changes, so the history of each case shows it. All or nothing: Repo::commit journals every
  // file of the change (core/journal.hpp), so an interrupted link is finished or rolled back
  // whole at the next start. Returns the new commit id.
  std::string change_pair(const Worker& by, const CaseId& a, const CaseId& b,
                          const std::function<ChangeSummary(Record&, Record&)>& mutate);

  // create(), and in the same commit a change of the existing case `other` (new
  // --link-previous): fill() completes the new record and changes the other one.
  CaseId create_with(const Worker& by, const Date& opened, const CaseId& other,
                     const std::function<ChangeSummary(Record& created, Record& other)>& fill);

  // Changes casectl.yaml: under the lock, refuses a hand edit of it, reloads it, lets mutate()
  // change the settings (it throws to refuse) and commits them with `message`.
  std::string change_settings(const Worker& by, const std::function<void(Config&)>& mutate,
                              const std::string& message);

 private:
  // The opening every change shares: takes the lock (described by holder), then prepare_locked(),
  // then body() under the lock; returns what body returns.
  template <class Body>
  auto locked_change(const std::string& holder, Body body) {
    Lock lock(root_, holder);
    prepare_locked();
    return body();
  }
  // Under the lock: finishes or rolls back an interrupted change (another process's), removes the
  // editor copies of casectl processes that are gone, refuses an unfinished git operation.
  void prepare_locked();
  // Commits a case's record r (at rel) with the documents of change, on top of head.
  std::string commit_record(const Worker& by, const CaseId& id, const std::string& rel,
                            const Record& r, ChangeSummary& change, const std::string& head);
  // The same, with a second record (rel2, r2) in the same commit.
  // create() and create_with(): the next ID of the year (calendar or fiscal), the new record
  // and, when `other` is given, that case changed in the same commit.
  CaseId create_maybe_with(const Worker& by, const Date& opened, const CaseId* other,
                           const std::function<ChangeSummary(Record&, Record*)>& fill);
  std::string commit_records(const Worker& by, const CaseId& id, const std::string& rel, const Record& r,
                             const std::string& rel2, const Record& r2, ChangeSummary& change,
                             const std::string& head);

  std::string root_;
  std::string recovered_;
  Config config_;
  Repo repo_;
};

// A description of this process for the lock file: "<worker>: casectl <command>".
std::string lock_holder(const std::string& worker_id, const std::string& command);

}  // namespace casectl
