// The history index's SQLite file: schema, update and queries.
#include "core/history_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <utility>

namespace casectl {

namespace {

constexpr const char* kSchemaSql = R"(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commits(
  pos INTEGER PRIMARY KEY, oid TEXT NOT NULL UNIQUE,
  entered INTEGER NOT NULL, entered_off INTEGER NOT NULL,
  event INTEGER NOT NULL, event_off INTEGER NOT NULL,
  author_name TEXT NOT NULL, author_email TEXT NOT NULL,
  casectl INTEGER NOT NULL, worker TEXT NOT NULL, action TEXT NOT NULL, summary TEXT NOT NULL,
  cases TEXT NOT NULL, outside INTEGER NOT NULL, merge INTEGER NOT NULL, signature INTEGER NOT NULL,
  settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS touches(
  case_id TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY(case_id, pos)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS verdicts(
  oid TEXT NOT NULL, keys TEXT NOT NULL, verdict TEXT NOT NULL, PRIMARY KEY(oid, keys)) WITHOUT ROWID;
)";

constexpr const char* kColumns =
    "c.oid, c.entered, c.entered_off, c.event, c.event_off, c.author_name, c.author_email, "
    "c.casectl, c.worker, c.action, c.summary, c.cases, c.outside, c.merge, c.signature, c.settings";

// Case IDs joined by spaces, and back.
std::string join(const std::vector<std::string>& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : " ") + id;
  return s;
}

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    auto sp = s.find(' ');
    out.emplace_back(s.substr(0, sp));
    s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
  }
  return out;
}

// The change of the current row of a statement selecting kColumns.
Change row_of(const DbStmt& st) {
  Change c;
  c.commit = std::string(st.text(0));
  c.entered = st.int64(1);
  c.entered_offset = static_cast<int>(st.int64(2));
  c.event = st.int64(3);
  c.event_offset = static_cast<int>(st.int64(4));
  c.author_name = std::string(st.text(5));
  c.author_email = std::string(st.text(6));
  c.casectl = st.int64(7) != 0;
  c.worker = std::string(st.text(8));
  c.action = std::string(st.text(9));
  c.summary = std::string(st.text(10));
  c.cases = split(st.text(11));
  c.outside = st.int64(12) != 0;
  c.merge = st.int64(13) != 0;
  c.signature = st.int64(14) != 0;
  c.settings = std::string(st.text(15));
  return c;
}

// Deletes the commit with this id and its touches, if indexed.
void drop_commit(DbStmt& find, DbStmt& del_touch, DbStmt& del_commit, const std::string& oid) {
  find.bind(1, oid);
  if (!find.step()) {
    find.reset();
    return;
  }
  std::int64_t pos = find.int64(0);
  std::vector<std::string> cases = split(find.text(1));
  find.reset();
  for (const auto& id : cases) del_touch.bind(1, id).bind(2, pos).run();
  del_commit.bind(1, pos).run();
}

}  // namespace

HistoryStore::HistoryStore(std::string file)
    : db_(std::move(file), kSchemaSql, kHistorySchema, "the history index .casectl/history.sqlite") {}

HistoryStore::~HistoryStore() = default;

std::string HistoryStore::tip() {
  DbStmt st(db_.db().handle(), "SELECT value FROM meta WHERE key='tip'");
  return st.step() ? std::string(st.text(0)) : std::string();
}

bool HistoryStore::update(const std::string& expected_tip, bool drop_all,
                          const std::vector<std::string>& removed, const std::vector<Change>& added,
                          const std::string& new_tip) {
  Db& db = db_.db();
  bool done = false;
  if (added.size() > 10000) db.exec("PRAGMA cache_size=-65536");  // a first build: 64 MB, no spills
  transaction(db, "BEGIN IMMEDIATE", [&] {
    if (tip() != expected_tip) return;
    if (drop_all) db.exec("DELETE FROM touches; DELETE FROM commits;");
    DbStmt find(db.handle(), "SELECT pos, cases FROM commits WHERE oid=?");
    DbStmt del_touch(db.handle(), "DELETE FROM touches WHERE case_id=? AND pos=?");
    DbStmt del_commit(db.handle(), "DELETE FROM commits WHERE pos=?");
    for (const auto& oid : removed) drop_commit(find, del_touch, del_commit, oid);
    std::int64_t pos = db.query_int("SELECT coalesce(max(pos), 0) FROM commits");
    DbStmt put(db.handle(),
               "INSERT OR REPLACE INTO commits(pos, oid, entered, entered_off, event, event_off, "
               "author_name, author_email, casectl, worker, action, summary, cases, outside, merge, signature, "
               "settings) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    std::vector<std::pair<std::string_view, std::int64_t>> touches;
    for (const Change& c : added) {
      ++pos;
      std::string cases = join(c.cases);
      put.bind(1, pos).bind(2, c.commit).bind(3, c.entered).bind(4, std::int64_t{c.entered_offset});
      put.bind(5, c.event).bind(6, std::int64_t{c.event_offset}).bind(7, c.author_name);
      put.bind(8, c.author_email).bind(9, std::int64_t{c.casectl}).bind(10, c.worker);
      put.bind(11, c.action).bind(12, c.summary).bind(13, cases);
      put.bind(14, std::int64_t{c.outside}).bind(15, std::int64_t{c.merge}).bind(16, std::int64_t{c.signature});
      put.bind(17, c.settings).run();
      for (const auto& id : c.cases) touches.emplace_back(id, pos);
    }
    std::sort(touches.begin(), touches.end());  // in key order: appends, not random inserts
    DbStmt touch(db.handle(), "INSERT OR REPLACE INTO touches(case_id, pos) VALUES(?,?)");
    for (const auto& [id, at] : touches) touch.bind(1, id).bind(2, at).run();
    DbStmt meta(db.handle(), "INSERT OR REPLACE INTO meta(key, value) VALUES('tip', ?)");
    meta.bind(1, new_tip).run();
    done = true;
  });
  return done;
}

std::vector<Change> HistoryStore::changes(const std::string& case_id) {
  std::vector<Change> out;
  transaction(db_.db(), "BEGIN", [&] {
    std::string sql =
        case_id.empty()
            ? std::string("SELECT ") + kColumns + " FROM commits c ORDER BY c.pos DESC"
            : std::string("SELECT ") + kColumns +
                  " FROM touches t JOIN commits c ON c.pos = t.pos WHERE t.case_id = ? ORDER BY t.pos DESC";
    DbStmt st(db_.db().handle(), sql);
    if (!case_id.empty()) st.bind(1, case_id);
    while (st.step()) out.push_back(row_of(st));
  });
  return out;
}

std::vector<std::pair<std::string, std::string>> HistoryStore::verdicts(const std::vector<std::string>& ids,
                                                                        const std::string& keys) {
  std::vector<std::pair<std::string, std::string>> out;
  transaction(db_.db(), "BEGIN", [&] {
    DbStmt st(db_.db().handle(), "SELECT verdict FROM verdicts WHERE oid=? AND keys=?");
    for (const auto& id : ids) {
      st.bind(1, id).bind(2, keys);
      if (st.step()) out.emplace_back(id, std::string(st.text(0)));
      st.reset();
    }
  });
  return out;
}

void HistoryStore::keep_verdicts(const std::vector<std::pair<std::string, std::string>>& verdicts,
                                 const std::string& keys) {
  transaction(db_.db(), "BEGIN IMMEDIATE", [&] {
    DbStmt put(db_.db().handle(), "INSERT OR REPLACE INTO verdicts(oid, keys, verdict) VALUES(?,?,?)");
    for (const auto& [id, verdict] : verdicts) put.bind(1, id).bind(2, keys).bind(3, verdict).run();
  });
}

}  // namespace casectl
