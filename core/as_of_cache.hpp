// Summaries of records as they stood at the end of a past day (`report --as-of`, `due --as-of`),
// kept in .casectl/asof.sqlite so that the same picture asked for again reads no record: the
// records changed since that day are otherwise read and cut again on every run.
//
// Each is kept under its record's path, the day and the deadline policy, with the record's stat
// when it was read (the index's, core/index_scan.hpp), and served only while the record still
// has that stat under the same policy. A record changed in the 2 seconds before it was read is
// not kept (its mtime may not yet tell a later change). The days kept or served last stay (at
// most 24, and 200,000 summaries in all); a removed case's summaries go with their day. A cache:
// damaged, of another version or unwritable, it is replaced; busy (another process writing it for
// over 10 s), it is passed over and the records are read.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/index_scan.hpp"
#include "core/private_db.hpp"
#include "core/summary.hpp"

namespace casectl {

class AsOfCache {
 public:
  // What is kept of one record at a day.
  struct Kept {
    bool started = false;  // the case had started by then (else there is no summary)
    CaseSummary summary;   // as it stood then, when started
  };
  // One record asked for: its path (case_file()) and its stat now.
  struct Key {
    std::string path;
    FileStat stat;
  };

  static constexpr int kMostDays = 24;
  static constexpr std::int64_t kMostSummaries = 200000;

  // The cache in file (as_of_cache_file(); "" keeps it in memory, for this process only),
  // keeping the most_days days used last and at most most_summaries summaries.
  explicit AsOfCache(const std::string& file, int most_days = kMostDays, std::int64_t most_summaries = kMostSummaries);

  // What is kept of each record at day under policy_key, in keys' order (nullopt: not kept, or
  // kept of another stat or policy). Nothing when the cache is busy or cannot be read.
  std::vector<std::optional<Kept>> find(const std::vector<Key>& keys, const Date& day, const std::string& policy_key);
  // Keeps what was read of records from read_from_ns (wall_ns() before the first was read)
  // (kept[i] for keys[i]; nullopt: not to keep) at day under policy_key; unreadable ones (a
  // summary with an error) and those changed within 2 s before read_from_ns are left out.
  // Errors are ignored (a cache).
  void keep(const std::vector<Key>& keys, const std::vector<std::optional<Kept>>& kept, const Date& day,
            const std::string& policy_key, std::int64_t read_from_ns);

 private:
  PrivateDb db_;
  int most_days_;
  std::int64_t most_summaries_;
};

// The file of root's as-of cache (.casectl/asof.sqlite; "" when .casectl/ cannot be made).
std::string as_of_cache_file(const std::string& root);

}  // namespace casectl
