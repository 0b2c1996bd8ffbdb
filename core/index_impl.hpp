// The case index's state, shared by its two halves: refreshing (core/index.cpp) and reading
// (core/index_query.cpp). Private to them.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/index.hpp"
#include "core/index_scan.hpp"
#include "core/index_snapshot.hpp"
#include "core/index_store.hpp"

namespace casectl {

namespace index_detail {
class PathMap;   // entries by case ID (index.cpp)
struct Changes;  // what a refresh changes (index.cpp)
}  // namespace index_detail

struct CaseIndex::Impl {
  std::string root;
  Policy policy;
  std::string policy_key;  // deadline_policy_key(policy)
  IndexStore store;
  std::string private_folder;           // where the snapshot lives ("" when the index is in memory)
  std::unique_ptr<IndexSnapshot> snap;  // the snapshot the entries were loaded from, if any
  ByteArena arena;      // the entries' packed summaries (those not in snap)
  bool loaded = false;  // entries reflect a refresh made by this object
  std::vector<IndexEntry> entries;
  std::vector<std::uint32_t> order;  // indexes of entries by case ID
  IndexProgress progress;            // CaseIndex::on_progress()

  Impl(std::string r, const Policy& p, std::string file);

  // Sorts order by case ID (entries are mostly loaded in that order already).
  void sort_order() {
    order.resize(entries.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    auto less = [&](std::uint32_t a, std::uint32_t b) {
      return id_before(entries[a].key, entries[b].key);
    };
    if (!std::is_sorted(order.begin(), order.end(), less))
      std::sort(order.begin(), order.end(), less);
  }

  FoundCases load_while_scanning(IndexMeta* stored, index_detail::PathMap* at);
  bool load_snapshot(const IndexMeta& meta, std::vector<IndexEntry>& rows);
  bool apply(index_detail::Changes& c, std::vector<CaseSummary> fresh);
  std::uint64_t save(const index_detail::Changes& c, IndexMeta meta, std::uint64_t from);
  void drop_removed(const index_detail::Changes& c);
  RefreshStats stats(std::size_t scanned, const index_detail::Changes& c) const;
  RefreshStats refresh_once();
  RefreshStats refresh();
  // Refreshes (when this object has not yet) and gives the fields to read: wanted and the filter's.
  SummaryFields ready(const SummaryFields& wanted, const CaseFilter& filter);
  // Unpacks the summary of the k-th case in ID order into s; true when it passes filter.
  bool unpack_at(std::size_t k, const CaseFilter& filter, const SummaryFields& read, CaseSummary& s) const;
};

}  // namespace casectl
