// A flat copy of the case index's rows (.casectl/index.snap) that a warm list, due or report maps
// into memory instead of reading 100,000 rows out of SQLite: the rows' stats and packed summaries
// in case ID order, read in place (nothing copied, nothing allocated per case).
//
// A refresh that changed a few rows does not write the whole copy again (37 MB at 100,000 cases):
// it writes a delta beside it (index.snap.delta) holding the rows changed, added and removed
// since that copy, and a delta grown past a thirty-second of the rows gives way to a whole copy.
//
// It is a cache of the SQLite index, never the other way round: every write of rows to the index
// gives the index a new random tag (IndexMeta::tag), and a snapshot is used only when it carries
// the tag the index has now (a delta: when it does and the whole copy carries the tag the delta
// was made from), has the size its header says and every row names a valid case ID, in order.
// A missing, stale, truncated or damaged snapshot or delta is ignored (the rows come from SQLite)
// and written anew after the refresh; a damaged summary inside it is read again from its record,
// as one from SQLite would be. Each file is written to a temporary file and renamed into place: a
// reader sees the old file or the new one.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/index_store.hpp"

namespace casectl {

class IndexSnapshot {
 public:
  // Maps the snapshot file `name` of the private folder dir (and its delta, name + ".delta")
  // when they hold the rows of the index state `tag`; nullptr when there is none, it is of
  // another state, another layout or damaged. Error(conflict) for an unsafe file (a symbolic
  // link; private_dir.hpp).
  static std::unique_ptr<IndexSnapshot> open(const std::string& dir, const std::string& name, std::uint64_t tag);
  ~IndexSnapshot();
  IndexSnapshot(const IndexSnapshot&) = delete;
  IndexSnapshot& operator=(const IndexSnapshot&) = delete;

  // Its rows in case ID order into out (the whole copy's, with the delta's applied), their packed
  // summaries pointing into the mappings (valid while this object lives); false (out
  // unspecified) when a row is damaged or out of order.
  bool entries(std::vector<IndexEntry>& out) const;

  // Writes entries[order[0]], entries[order[1]], ... (in case ID order) as the snapshot of index
  // state `tag` to dir/name. When `from` is given (the snapshot those entries were loaded from,
  // of another state) and few rows differ from its whole copy, writes only a delta from that
  // copy. What it wrote; none (and nothing replaced) when it cannot be written — a cache.
  enum class Written { none, whole, delta };
  static Written write(const std::string& dir, const std::string& name, std::uint64_t tag,
                       const std::vector<IndexEntry>& entries, const std::vector<std::uint32_t>& order,
                       const IndexSnapshot* from = nullptr);

  struct Mapping;  // one mapped file (index_snapshot.cpp)

 private:
  IndexSnapshot(std::unique_ptr<Mapping> whole, std::unique_ptr<Mapping> delta);
  std::unique_ptr<Mapping> whole_, delta_;
};
}  // namespace casectl
