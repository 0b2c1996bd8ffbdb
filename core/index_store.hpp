// The SQLite file behind the case index (.casectl/index.sqlite): rows of (path, stat, summary)
// plus, in `meta`, the start time of the refresh that last stored rows and the deadline policy
// (core/deadlines.hpp deadline_policy_key()) their summaries were made under. Damaged, outdated or unwritable
// files are replaced (by a new file, else by memory) without losing anything: it is a cache.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/index_db.hpp"
#include "core/private_db.hpp"
#include "core/index_scan.hpp"
#include "core/summary.hpp"

namespace casectl {

// Version of the index layout and of what summarize() derives. Bump it whenever CaseSummary,
// summarize(), summary_pack() or the tables change: an index of another version is rebuilt.
inline constexpr int kIndexSchema = 5;

// One indexed record: its ID (sort key), the stat it was read at, and its summary.
struct IndexEntry {
  CaseId key;
  FileStat stat;
  CaseSummary summary;
};

class IndexStore {
 public:
  // Opens or creates file (0600); "" keeps the index in memory. Never fails for a damaged file
  // (it is replaced on first use); Error(conflict) when another process holds it too long.
  explicit IndexStore(std::string file);
  ~IndexStore();

  // Runs fn (which uses load() and store()); when the database turns out damaged, replaces it
  // and runs fn again. Error(conflict) when busy, Error(internal) if it keeps failing.
  template <class F> auto with_db(F fn) -> decltype(fn()) { return db_.with_db(fn); }

  // True (once) when the file was replaced since the last call.
  bool take_rebuilt() { return db_.take_rebuilt(); }

  // Every row, the start time stored by the last refresh that stored rows (0 if none), the
  // deadline policy key stored with it ("" if none), and the number of rows then (a
  // reservation hint). DbError when damaged.
  std::vector<IndexEntry> load(std::int64_t& prev_start, std::string& policy_key);
  // In one transaction: deletes the removed paths, stores the changed entries and, when
  // start_ns > 0, the refresh start time, the policy key and the row count `total`.
  void store(const std::vector<const IndexEntry*>& changed, const std::vector<std::string>& removed,
             std::int64_t start_ns, const std::string& policy_key, std::size_t total);

 private:
  PrivateDb db_;
};

}  // namespace casectl
