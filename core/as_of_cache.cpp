// The as-of cache's SQLite file: one row a record and day.
#include "core/as_of_cache.hpp"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/index_store.hpp"

namespace casectl {

namespace {

constexpr const char* kSchemaSql = R"(
CREATE TABLE IF NOT EXISTS kept(
  path TEXT NOT NULL, day TEXT NOT NULL, policy TEXT NOT NULL,
  mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, size INTEGER NOT NULL, inode INTEGER NOT NULL,
  used INTEGER NOT NULL,
  summary BLOB,
  PRIMARY KEY(path, day)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kept_day ON kept(day, used);
)";

// The file's version: the index's (the summaries are summary_pack()'s bytes, made by summarize())
// and this file's own, which changes with the table or with what record_as_of() (core/as_of.cpp)
// keeps of a record.
constexpr int kAsOfRules = 1;
constexpr int kVersion = kIndexSchema * 100 + kAsOfRules;

// A day's use is written again when it was last written this long ago: a warm run seldom writes.
constexpr std::int64_t kUseNs = 3600LL * 1000000000LL;

}  // namespace

std::string as_of_cache_file(const std::string& root) { return private_db_file(root, "asof.sqlite"); }

AsOfCache::AsOfCache(const std::string& file, int most_days, std::int64_t most_summaries)
    : db_(file, kSchemaSql, kVersion, N_("the as-of cache .casectl/asof.sqlite")), most_days_(most_days),
      most_summaries_(most_summaries) {}

std::vector<std::optional<AsOfCache::Kept>> AsOfCache::find(const std::vector<Key>& keys, const Date& day,
                                                            const std::string& policy_key) {
  std::vector<std::optional<Kept>> out(keys.size());
  if (keys.empty()) return out;
  const std::string d = day.iso();
  const std::int64_t now_ns = wall_ns();
  try {
    db_.with_db([&] {
      std::fill(out.begin(), out.end(), std::nullopt);
      bool used_long_ago = false;  // a summary served was last used over kUseNs ago
      transaction(db_.db(), "BEGIN", [&] {
        DbStmt q(db_.db().handle(),
                 "SELECT policy, mtime_ns, ctime_ns, size, inode, summary, used FROM kept WHERE path=?1 AND day=?2");
        for (std::size_t i = 0; i < keys.size(); ++i) {
          q.bind(1, std::string_view(keys[i].path)).bind(2, std::string_view(d));
          if (q.step()) {
            const FileStat& st = keys[i].stat;
            FileStat was{q.int64(1), q.int64(2), q.int64(3), q.int64(4), true};
            if (q.text(0) == policy_key && st.regular && was == st) {
              Kept k;
              k.started = !q.is_null(5);
              try {
                if (k.started) summary_unpack_into(q.text(5), k.summary, SummaryFields::all());
                out[i] = std::move(k);
                used_long_ago = used_long_ago || q.int64(6) < now_ns - kUseNs;
              } catch (const Error&) {
                // Damaged bytes: read the record again.
              }
            }
          }
          q.reset();
        }
      });
      // The day is in use: the last to go when days are dropped.
      if (used_long_ago)
        transaction(db_.db(), "BEGIN IMMEDIATE", [&] {
          DbStmt use(db_.db().handle(), "UPDATE kept SET used=?1 WHERE day=?2");
          use.bind(1, now_ns).bind(2, std::string_view(d)).run();
        });
    });
  } catch (const Error&) {
    // Busy or unusable: every record is read again.
    return std::vector<std::optional<Kept>>(keys.size());
  }
  return out;
}

void AsOfCache::keep(const std::vector<Key>& keys, const std::vector<std::optional<Kept>>& kept, const Date& day,
                     const std::string& policy_key, std::int64_t read_from_ns) {
  const std::string d = day.iso();
  const std::int64_t now_ns = wall_ns();
  auto keepable = [&](std::size_t i) {  // an unreadable record is read again
    return kept[i] && (!kept[i]->started || kept[i]->summary.ok()) && keys[i].stat.regular &&
           keys[i].stat.mtime_ns < read_from_ns - kRacyNs;
  };
  std::vector<std::string> packed(keys.size());
  bool any = false;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!keepable(i)) continue;
    if (kept[i]->started) packed[i] = summary_pack(kept[i]->summary);
    any = true;
  }
  if (!any) return;
  try {
    db_.with_db([&] {
      transaction(db_.db(), "BEGIN IMMEDIATE", [&] {
        DbStmt put(db_.db().handle(),
                   "INSERT OR REPLACE INTO kept(path, day, policy, mtime_ns, ctime_ns, size, inode, used, summary) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        for (std::size_t i = 0; i < keys.size(); ++i) {
          if (!keepable(i)) continue;
          const FileStat& st = keys[i].stat;
          put.bind(1, std::string_view(keys[i].path)).bind(2, std::string_view(d)).bind(3, std::string_view(policy_key));
          put.bind(4, st.mtime_ns).bind(5, st.ctime_ns).bind(6, st.size).bind(7, st.inode).bind(8, now_ns);
          if (kept[i]->started) put.bind_blob(9, std::string_view(packed[i]));
          put.run();
        }
        // The days used last only, and not too many summaries in all: the least recently used go first.
        db_.db().exec(fmt::format("DELETE FROM kept WHERE day IN (SELECT day FROM kept GROUP BY day "
                                  "ORDER BY max(used) DESC LIMIT -1 OFFSET {})",
                                  most_days_)
                          .c_str());
        while (db_.db().query_int("SELECT count(*) FROM kept") > most_summaries_) {
          DbStmt oldest(db_.db().handle(), "SELECT day FROM kept GROUP BY day ORDER BY max(used) LIMIT 1");
          if (!oldest.step()) break;
          std::string day_gone(oldest.text(0));
          oldest.reset();
          if (day_gone == d) break;  // never the day just kept
          DbStmt gone(db_.db().handle(), "DELETE FROM kept WHERE day=?1");
          gone.bind(1, std::string_view(day_gone)).run();
        }
      });
    });
  } catch (const Error&) {
    // Busy or unwritable: read again next time.
  }
}

}  // namespace casectl
