// A flat copy of the case index's rows (.casectl/index.snap) that a warm list, due or report maps
// into memory instead of reading 100,000 rows out of SQLite: the rows' stats and packed summaries
// in case ID order, read in place (nothing copied, nothing allocated per case).
//
// It is a cache of the SQLite index, never the other way round: every write of rows to the index
// gives the index a new random tag (IndexMeta::tag), and a snapshot is used only when it carries
// the tag the index has now, has the size its header says and every row names a valid case ID.
// A missing, stale, truncated or damaged snapshot is ignored (the rows come from SQLite) and
// written anew after the refresh; a damaged summary inside it is read again from its record, as
// one from SQLite would be. Written to a temporary file and renamed into place: a reader sees the
// old snapshot or the new one.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/index_store.hpp"

namespace casectl {

class IndexSnapshot {
 public:
  // Maps the snapshot file `name` of the private folder dir when it holds the rows of the index
  // state `tag`; nullptr when there is none, it is of another state, another layout or damaged.
  // Error(conflict) for an unsafe file (a symbolic link; private_dir.hpp).
  static std::unique_ptr<IndexSnapshot> open(const std::string& dir, const std::string& name, std::uint64_t tag);
  ~IndexSnapshot();
  IndexSnapshot(const IndexSnapshot&) = delete;
  IndexSnapshot& operator=(const IndexSnapshot&) = delete;

  // Its rows in case ID order into out, their packed summaries pointing into the mapping (valid
  // while this object lives); false (out unspecified) when a row is damaged.
  bool entries(std::vector<IndexEntry>& out) const;

  // Writes entries[order[0]], entries[order[1]], ... as the snapshot of index state `tag` to
  // dir/name, replacing any: false (and nothing replaced) when it cannot be written — a cache.
  static bool write(const std::string& dir, const std::string& name, std::uint64_t tag,
                    const std::vector<IndexEntry>& entries, const std::vector<std::uint32_t>& order);

 private:
  IndexSnapshot(const char* data, std::size_t size) : data_(data), size_(size) {}
  const char* data_;
  std::size_t size_;
};

}  // namespace casectl
