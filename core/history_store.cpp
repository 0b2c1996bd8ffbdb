// The history index's SQLite file: schema, update and queries.
#include "core/history_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <map>
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
CREATE INDEX IF NOT EXISTS commits_entered ON commits(entered);
CREATE TABLE IF NOT EXISTS touches(
  case_id TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY(case_id, pos)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS renames(
  pos INTEGER NOT NULL, old_id TEXT NOT NULL, new_id TEXT NOT NULL, trailer INTEGER NOT NULL,
  PRIMARY KEY(pos, new_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS verdicts(
  oid TEXT NOT NULL, keys TEXT NOT NULL, verdict TEXT NOT NULL, PRIMARY KEY(oid, keys)) WITHOUT ROWID;
)";

constexpr const char* kColumns =
    "c.oid, c.entered, c.entered_off, c.event, c.event_off, c.author_name, c.author_email, "
    "c.casectl, c.worker, c.action, c.summary, c.cases, c.outside, c.merge, c.signature, c.settings, c.pos";
constexpr int kPosColumn = 16;

// The last position of all: a bound above every commit.
constexpr std::int64_t kEnd = INT64_MAX;

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

// Deletes the commit with this id, its touches and renames, if indexed.
void drop_commit(Db& db, const std::string& oid) {
  DbStmt find(db.handle(), "SELECT pos, cases FROM commits WHERE oid=?");
  find.bind(1, oid);
  if (!find.step()) return;
  std::int64_t pos = find.int64(0);
  std::vector<std::string> cases = split(find.text(1));
  DbStmt del_touch(db.handle(), "DELETE FROM touches WHERE case_id=? AND pos=?");
  for (const auto& id : cases) del_touch.bind(1, id).bind(2, pos).run();
  DbStmt(db.handle(), "DELETE FROM renames WHERE pos=?").bind(1, pos).run();
  DbStmt(db.handle(), "DELETE FROM commits WHERE pos=?").bind(1, pos).run();
}

// Every rename of the index by position (a small table: renumberings are rare).
std::multimap<std::int64_t, CaseRename> all_renames(Db& db) {
  std::multimap<std::int64_t, CaseRename> out;
  DbStmt st(db.handle(), "SELECT pos, old_id, new_id, trailer FROM renames ORDER BY pos, new_id");
  while (st.step())
    out.emplace(st.int64(0), CaseRename{std::string(st.text(1)), std::string(st.text(2)), st.int64(3) != 0});
  return out;
}

// Appends the rows of a statement selecting kColumns, with their renames and the ID case_id.
void add_rows(DbStmt& st, const std::multimap<std::int64_t, CaseRename>& renames, const std::string& case_id,
              std::vector<Change>& out) {
  while (st.step()) {
    Change c = row_of(st);
    auto [first, last] = renames.equal_range(st.int64(kPosColumn));
    for (auto it = first; it != last; ++it) c.renames.push_back(it->second);
    c.case_id = case_id;
    out.push_back(std::move(c));
  }
  st.reset();
}

// The newest position below `bound` in a query of positions "... ?1 (an ID) ... ?2 (bound) ...
// ORDER BY pos DESC", and the text of its second column; nullopt when none.
std::optional<std::pair<std::int64_t, std::string>> newest(Db& db, const char* sql, const std::string& id,
                                                           std::int64_t bound) {
  DbStmt st(db.handle(), sql);
  st.bind(1, id).bind(2, bound);
  if (!st.step()) return std::nullopt;
  return std::make_pair(st.int64(0), std::string(st.text(1)));
}

// The renumbering into id before bound: its position and the former ID.
std::optional<std::pair<std::int64_t, std::string>> renamed_into(Db& db, const std::string& id, std::int64_t bound) {
  return newest(db, "SELECT pos, old_id FROM renames WHERE new_id=?1 AND pos<?2 ORDER BY pos DESC LIMIT 1", id, bound);
}

// The renumbering of id away to another ID before bound: its position and the new ID.
std::optional<std::pair<std::int64_t, std::string>> renamed_away(Db& db, const std::string& id, std::int64_t bound) {
  return newest(db, "SELECT pos, new_id FROM renames WHERE old_id=?1 AND pos<?2 ORDER BY pos DESC LIMIT 1", id, bound);
}

}  // namespace

HistoryStore::HistoryStore(std::string file)
    : db_(std::move(file), kSchemaSql, kHistorySchema, N_("the history index .casectl/history.sqlite")) {}

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
    if (drop_all) db.exec("DELETE FROM touches; DELETE FROM renames; DELETE FROM commits;");
    for (const auto& oid : removed) drop_commit(db, oid);
    std::int64_t pos = db.query_int("SELECT coalesce(max(pos), 0) FROM commits");
    DbStmt put(db.handle(),
               "INSERT OR REPLACE INTO commits(pos, oid, entered, entered_off, event, event_off, "
               "author_name, author_email, casectl, worker, action, summary, cases, outside, merge, signature, "
               "settings) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    std::vector<std::pair<std::string_view, std::int64_t>> touches;
    DbStmt rename(db.handle(), "INSERT OR REPLACE INTO renames(pos, old_id, new_id, trailer) VALUES(?,?,?,?)");
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
      for (const auto& r : c.renames)
        rename.bind(1, pos).bind(2, r.from).bind(3, r.to).bind(4, std::int64_t{r.by_trailer}).run();
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
    Db& db = db_.db();
    auto renames = all_renames(db);
    if (case_id.empty()) {
      DbStmt st(db.handle(), std::string("SELECT ") + kColumns + " FROM commits c ORDER BY c.pos DESC");
      return add_rows(st, renames, "", out);
    }
    DbStmt segment(db.handle(), std::string("SELECT ") + kColumns +
                                    " FROM touches t JOIN commits c ON c.pos = t.pos WHERE t.case_id = ?1"
                                    " AND t.pos >= ?2 AND t.pos < ?3 ORDER BY t.pos DESC");
    // Back from the newest change, one ID at a time: the changes made under `id` below `bound`
    // since it was given that ID (renumbered into it: that commit is its first, and the older
    // ones are the former ID's), or since the case that had it before was renumbered away.
    // `bound` only goes down, so every renumbering chain ends (A -> B -> A too).
    std::string id = case_id;
    for (std::int64_t bound = kEnd;;) {
      auto into = renamed_into(db, id, bound);
      auto away = renamed_away(db, id, bound);
      bool follow = into && (!away || into->first >= away->first);
      std::int64_t from = follow ? into->first : away ? away->first + 1 : 0;
      segment.bind(1, id).bind(2, from).bind(3, bound);
      add_rows(segment, renames, id, out);
      if (!follow) break;
      id = into->second;
      bound = into->first;
    }
  });
  return out;
}

std::vector<Change> HistoryStore::entered_between(std::int64_t from, std::int64_t to) {
  std::vector<Change> out;
  transaction(db_.db(), "BEGIN", [&] {
    Db& db = db_.db();
    DbStmt st(db.handle(), std::string("SELECT ") + kColumns +
                               " FROM commits c WHERE c.entered >= ?1 AND c.entered < ?2 ORDER BY c.pos DESC");
    st.bind(1, from).bind(2, to);
    add_rows(st, all_renames(db), "", out);
  });
  return out;
}

std::optional<Change> HistoryStore::renumbered_away(const std::string& case_id) {
  std::optional<Change> out;
  transaction(db_.db(), "BEGIN", [&] {
    Db& db = db_.db();
    auto away = renamed_away(db, case_id, kEnd);
    if (!away) return;
    DbStmt later(db.handle(), "SELECT 1 FROM touches WHERE case_id=? AND pos>?");
    if (later.bind(1, case_id).bind(2, away->first).step()) return;  // the ID names a case again
    DbStmt st(db.handle(), std::string("SELECT ") + kColumns + " FROM commits c WHERE c.pos = ?");
    st.bind(1, away->first);
    std::vector<Change> rows;
    add_rows(st, all_renames(db), "", rows);
    if (!rows.empty()) out = std::move(rows.front());
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
