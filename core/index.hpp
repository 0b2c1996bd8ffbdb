// The case index: .casectl/index.sqlite holds a CaseSummary of every case record, keyed by the
// record's path and the stat of the file it was read from. It is derived data, never trusted
// blindly: refresh() stats every record and reads again only what changed (SPEC section 10).
// Deleting .casectl/ loses nothing; a damaged or outdated index is deleted and rebuilt. Summaries
// carry deadlines, so they are kept with the deadline policy they were made under.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/index_store.hpp"
#include "core/record.hpp"
#include "core/summary.hpp"

namespace casectl {

// Which cases a query returns. Each list matches when empty or when it holds the case's value
// (any of); all given conditions must match.
struct CaseFilter {
  Strings statuses;
  Strings workers;
  Strings risks;     // current risk
  Strings concerns;  // the case has at least one of these concerns
  std::string id_prefix;  // IDs starting with this text, e.g. "C-2026-"
  // Cases whose client name contains this text; both compared as normalise_name()
  // (core/name_match.hpp) gives them, and this field holds the text already normalised.
  std::string name;
  // Cases whose next deadline is overdue at this time (CaseSummary::next_deadline_overdue()).
  std::optional<DateTime> overdue_at;
  // Unreadable records (error set) have no facts to filter on: they match every condition
  // except id_prefix, so that a broken file is never hidden; false leaves them out.
  bool unreadable = true;

  // True when s passes the filter.
  bool matches(const CaseSummary& s) const;
  // The summary fields matches() reads for this filter (only those of the conditions set: a
  // field not read is passed over when unpacking).
  SummaryFields fields() const;
};

// The index's answer to a look-up by person (CaseIndex::stored_persons).
struct StoredPersons {
  std::string head;            // HEAD's commit id when the refresh that stored them began
  std::vector<PersonRow> rows; // readable cases with that name key and birth date
};

// What a refresh did.
struct RefreshStats {
  std::size_t scanned = 0;  // case records found on disk
  std::size_t parsed = 0;   // records read again (new, changed, or too recent to trust)
  std::size_t removed = 0;  // records gone since the last refresh
  std::size_t errors = 0;   // records found that cannot be loaded (summary.error set)
  double seconds = 0;
  bool rebuilt = false;     // the index file was damaged or outdated and was made anew
};

// Told how a refresh's reading goes (for a progress bar): `done` of `total` records read.
using IndexProgress = std::function<void(std::size_t done, std::size_t total)>;

class CaseIndex {
 public:
  // Opens or creates root/.casectl/index.sqlite (file 0600, folder 0700). When .casectl/ cannot
  // be written (a read-only copy), the index lives in memory for this process only. Summaries
  // are made under policy (casectl.yaml's); those stored under another are never served.
  CaseIndex(const std::string& root, const Policy& policy);
  ~CaseIndex();
  CaseIndex(const CaseIndex&) = delete;
  CaseIndex& operator=(const CaseIndex&) = delete;

  // Brings the index in line with the files: lists cases/YEAR/SHARD/ID/, stats each case.yaml,
  // reads (on every core) the new and changed ones and those whose mtime is within 2 s of the
  // previous refresh's start — every one when the stored deadline policy is not this object's —
  // drops removed ones, and stores it all in one transaction.
  // Error(conflict) when another process holds the index for longer than the busy timeout;
  // Error(internal) when the case folders cannot be read.
  RefreshStats refresh();
  // Called by a refresh that reads records, on the thread that called it: (0, total) once it
  // knows how many, (done, total) at most every 256 records read, (total, total) once they are
  // read and stored. Unset (the default): no calls.
  void on_progress(IndexProgress fn);

  // Without a refresh: the cases whose client has this normalised name (normalise_name) and
  // birth date as the index last stored them, and HEAD's commit when that refresh began; every
  // case committed since differs between that commit's tree and HEAD's (core/earlier_cases.hpp
  // reads those again). nullopt when no refresh stored a HEAD.
  std::optional<StoredPersons> stored_persons(const std::string& name_key, const Date& birth);
  // Reads the cases `ids` (folder names) from their files as a refresh would, and, while the
  // index still stands at HEAD from_head, stores them (a missing one removed) and moves its HEAD
  // to to_head: the caller found them by comparing those commits' trees, having read to_head
  // before this call. The summaries of the records found (unreadable ones with error set).
  std::vector<CaseSummary> read_changed(const std::string& from_head, const std::string& to_head,
                                        const std::vector<std::string>& ids);

  // The summaries passing filter, ordered by case ID (prefix, year, number). Each summary's id
  // is its folder's name (the ID commands accept) and path its record file. Refreshes first if
  // this object has not refreshed yet.
  std::vector<CaseSummary> query(const CaseFilter& filter = {}) const;
  // The same summaries in the same order, without holding them all (for the 100,000-case
  // reports): unpacked on every core, at most 16,384 at a time, fn called on this thread. `read`
  // names the fields fn uses (the filter's own are added), as for_each_part's does.
  void for_each(const CaseFilter& filter, const std::function<void(const CaseSummary&)>& fn,
                const SummaryFields& read = SummaryFields::all()) const;
  // for_each on every core: the cases, in ID order, cut into `parts` runs of consecutive cases
  // of about the same size; each run's summaries passing filter given in order to fn(part,
  // summary). Two runs may be on two threads at once; the calls of one run never overlap, so
  // a caller keeps what it makes per part (fn touching nothing shared) and joins the parts in
  // order afterwards. The first exception fn throws is rethrown once every thread has stopped.
  // `read` names the summaries' fields fn uses (the filter's own are added): the others come
  // empty, and passing over them is most of what makes a 100,000-case list fast.
  void for_each_part(const CaseFilter& filter, std::size_t parts,
                     const std::function<void(std::size_t part, const CaseSummary&)>& fn,
                     const SummaryFields& read = SummaryFields::all()) const;


  // The stat of case id's record file that its summary was made from (refreshing first if this
  // object has not yet); nullopt when the index has no such case.
  std::optional<FileStat> record_stat(const std::string& id) const;

  // Where the index file is: root/.casectl/index.sqlite.
  static std::string file_path(const std::string& root);
  // Makes the heap ready (core/heap.hpp) for a command about to go through every row of root's
  // index (list, due, the reports): sized by the snapshot a warm run maps; nothing for a small
  // directory or a cold one.
  static void prepare_memory(const std::string& root);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace casectl
