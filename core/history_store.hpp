// The SQLite file behind the history index (.casectl/history.sqlite): one row per commit of
// HEAD's history in topological order (a position that only grows), the cases each touched, the
// cases each renumbered, and the tip they were indexed up to. Derived data: damaged or outdated files are replaced.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/history.hpp"
#include "core/private_db.hpp"

namespace casectl {

// Version of the layout and of what describe_commit() derives: bump it whenever either changes.
inline constexpr int kHistorySchema = 5;

class HistoryStore {
 public:
  // Opens or creates file (0600); "" keeps it in memory.
  explicit HistoryStore(std::string file);
  ~HistoryStore();

  // Runs fn (which uses the functions below), replacing a damaged file (see PrivateDb).
  template <class F> auto with_db(F fn) -> decltype(fn()) { return db_.with_db(fn); }
  bool take_rebuilt() { return db_.take_rebuilt(); }

  // The commit the index reaches ("" when empty).
  std::string tip();

  // In one write transaction, unless the stored tip is no longer `expected_tip` (another process
  // refreshed meanwhile: returns false, nothing done): drops every row (`drop_all`) or the
  // commits `removed`, appends `added` (oldest first) and records `new_tip`.
  bool update(const std::string& expected_tip, bool drop_all, const std::vector<std::string>& removed,
              const std::vector<Change>& added, const std::string& new_tip);

  // The changes that touched case_id ("" for all), newest first, following renumberings (see
  // History::changes).
  std::vector<Change> changes(const std::string& case_id);

  // See History::entered_between.
  std::vector<Change> entered_between(std::int64_t from, std::int64_t to);

  // See History::renumbered_away.
  std::optional<Change> renumbered_away(const std::string& case_id);

  // Signature verdicts by commit id, judged by the workers' keys `keys` (see History::verdicts).
  std::vector<std::pair<std::string, std::string>> verdicts(const std::vector<std::string>& ids,
                                                            const std::string& keys);
  void keep_verdicts(const std::vector<std::pair<std::string, std::string>>& verdicts, const std::string& keys);

 private:
  PrivateDb db_;
};

}  // namespace casectl
