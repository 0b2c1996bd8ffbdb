// The SQLite file behind the case index (.casectl/index.sqlite): rows of (path, stat, summary)
// plus, in `meta`, the start time of the refresh that last stored rows and the deadline policy
// (core/deadlines.hpp deadline_policy_key()) their summaries were made under. Damaged, outdated or unwritable
// files are replaced (by a new file, else by memory) without losing anything: it is a cache.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string_view>
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
inline constexpr int kIndexSchema = 10;

// What the index says of itself (table meta).
struct IndexMeta {
  std::int64_t refresh_start_ns = 0;  // start of the last refresh that stored rows (0: none)
  std::string policy_key;             // deadline policy the summaries were made under
  std::string head;                   // HEAD's commit id when that refresh started ("" if none)
  std::size_t count = 0;              // rows then (a reservation hint)
  // The rows' state: a random number, new with every write that changes rows (0: none yet).
  // A snapshot of the rows (core/index_snapshot.hpp) carries the tag of the state it copies.
  std::uint64_t tag = 0;
};

// A stored row found by person (client name key and birth date), without reading the others.
struct PersonRow {
  std::string id, status;
};

// Bytes kept for the life of the index in a few large blocks (one allocation per megabyte, not
// one per case): the packed summaries of 100,000 entries. What keep() returns never moves.
class ByteArena {
 public:
  // A copy of bytes that lives as long as the arena.
  std::string_view keep(std::string_view bytes);

 private:
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  static constexpr std::size_t kBlock = 2 << 20;  // a huge page
  std::vector<std::unique_ptr<char, Free>> blocks_;
  std::size_t used_ = 0, size_ = 0;  // of the last block
};

// One stored case: its file's stat and its summary packed (summary_pack), held in a ByteArena:
// loading 100,000 of them unpacks none; CaseIndex::for_each unpacks each in turn into one
// reused summary. Its record file is always case_file(key) (the scan finds no other).
struct IndexEntry {
  CaseId key;
  FileStat stat;
  std::string_view packed;  // summary_pack() of its summary, kept in an arena
  bool ok = true;           // the record loaded (the summary has no error)

  std::string path() const { return case_file(key); }
  // The entry of a summary just read, its packed bytes kept in arena.
  static IndexEntry of(CaseId key, const FileStat& stat, const CaseSummary& s, ByteArena& arena) {
    return IndexEntry{std::move(key), stat, arena.keep(summary_pack(s)), s.ok()};
  }
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

  // Every row (its packed summary kept in arena), and the meta the last refresh that stored
  // rows left. DbError when damaged (a row whose path is not its case ID's record file too).
  // When snapshot is given and fills the rows for the meta just read (returning true), the
  // table is not read.
  using SnapshotRows = std::function<bool(const IndexMeta&, std::vector<IndexEntry>&)>;
  std::vector<IndexEntry> load(IndexMeta& meta, ByteArena& arena, const SnapshotRows& snapshot = {});
  // In one read transaction: the meta, and the readable rows whose client's normalise_name() is
  // name_key and whose birth date is birth (an index lookup: no other row is read). DbError
  // when damaged.
  std::vector<PersonRow> find_person(const std::string& name_key, const Date& birth, IndexMeta& meta);
  // In one transaction: deletes the removed paths, stores the changed entries and, when meta is
  // given, the meta (its tag aside: a write that changes rows gives the state a new tag).
  // Returns the state's tag after the write when it was `from` before (the rows a caller loaded
  // at state `from`, with these changes, are then the stored rows), else 0.
  std::uint64_t store(const std::vector<const IndexEntry*>& changed, const std::vector<std::string>& removed,
                      const IndexMeta* meta, std::uint64_t from);
  // In one transaction, only while the stored meta still has HEAD from_head and this policy key
  // (else nothing, false): stores changed, deletes removed and moves the stored HEAD to to_head.
  bool advance(const std::string& from_head, const std::string& to_head, const std::string& policy_key,
               const std::vector<const IndexEntry*>& changed, const std::vector<std::string>& removed);

 private:
  // Deletes the removed paths and stores the changed entries (inside a transaction); when there
  // are any, gives the state a new tag and returns it, else returns 0.
  std::uint64_t put_rows(const std::vector<const IndexEntry*>& changed, const std::vector<std::string>& removed);
  PrivateDb db_;
};

}  // namespace casectl
