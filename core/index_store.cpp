// The case index's SQLite file: schema, load, store, and replacement when it cannot be trusted.
#include "core/index_store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

namespace casectl {

namespace {

constexpr const char* kSchemaSql = R"(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cases(
  path TEXT PRIMARY KEY, id TEXT NOT NULL,
  mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  status TEXT, worker TEXT, risk TEXT, safety TEXT, opened TEXT, concerns TEXT, error TEXT,
  summary BLOB NOT NULL) WITHOUT ROWID;
)";

// The text of an optional date for a column ("" when absent).
std::string iso(const OptDate& d) { return d ? d->iso() : std::string(); }

}  // namespace

IndexStore::IndexStore(std::string file)
    : db_(std::move(file), kSchemaSql, kIndexSchema, "the case index .casectl/index.sqlite") {}

IndexStore::~IndexStore() = default;

std::vector<IndexEntry> IndexStore::load(std::int64_t& prev_start, std::string& policy_key) {
  std::vector<IndexEntry> rows;
  transaction(db_.db(), "BEGIN", [&] {
    prev_start = 0;
    policy_key.clear();
    DbStmt meta(db_.db().handle(), "SELECT key, value FROM meta");
    while (meta.step()) {
      if (meta.text(0) == "refresh_start_ns") prev_start = meta.int64(1);
      if (meta.text(0) == "deadline_policy") policy_key = meta.text(1);
      if (meta.text(0) == "count") rows.reserve(static_cast<std::size_t>(meta.int64(1)) + 16);
    }
    DbStmt st(db_.db().handle(), "SELECT id, mtime_ns, ctime_ns, size, inode, summary FROM cases");
    while (st.step()) {
      std::optional<CaseId> key = parse_case_id(st.text(0));
      if (!key) throw DbError("case index: a row has no case ID", SQLITE_CORRUPT);
      IndexEntry& e = rows.emplace_back();
      e.key = std::move(*key);
      e.stat = FileStat{st.int64(1), st.int64(2), st.int64(3), st.int64(4), true};
      try {
        e.summary = summary_unpack(st.text(5));
      } catch (const Error&) {
        throw DbError("case index: a summary is damaged", SQLITE_CORRUPT);
      }
    }
  });
  return rows;
}

void IndexStore::store(const std::vector<const IndexEntry*>& changed,
                       const std::vector<std::string>& removed, std::int64_t start_ns,
                       const std::string& policy_key, std::size_t total) {
  transaction(db_.db(), "BEGIN IMMEDIATE", [&] {
    DbStmt del(db_.db().handle(), "DELETE FROM cases WHERE path=?");
    for (const auto& p : removed) del.bind(1, p).run();
    DbStmt put(db_.db().handle(),
               "INSERT OR REPLACE INTO cases(path, id, mtime_ns, ctime_ns, size, inode, status, "
               "worker, risk, safety, opened, concerns, error, summary) "
               "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const IndexEntry* e : changed) {
      const CaseSummary& s = e->summary;
      std::string opened = iso(s.opened);
      std::string concerns = fmt::format("{}", fmt::join(s.concerns, ","));
      std::string blob = summary_pack(s);
      put.bind(1, s.path).bind(2, s.id).bind(3, e->stat.mtime_ns).bind(4, e->stat.ctime_ns);
      put.bind(5, e->stat.size).bind(6, e->stat.inode).bind(7, s.status).bind(8, s.worker);
      put.bind(9, s.risk).bind(10, s.safety).bind(11, opened).bind(12, concerns);
      put.bind(13, s.error).bind_blob(14, blob).run();
    }
    if (start_ns > 0) {
      DbStmt meta(db_.db().handle(), "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
      meta.bind(1, std::string_view("refresh_start_ns")).bind(2, start_ns).run();
      meta.bind(1, std::string_view("deadline_policy")).bind(2, std::string_view(policy_key)).run();
      meta.bind(1, std::string_view("count")).bind(2, static_cast<std::int64_t>(total)).run();
    }
  });
}

}  // namespace casectl
