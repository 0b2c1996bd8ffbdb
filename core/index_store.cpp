// The case index's SQLite file: schema, load, store, and replacement when it cannot be trusted.
#include "core/index_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include "core/private_dir.hpp"


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

// Runs body inside BEGIN (or BEGIN IMMEDIATE) ... COMMIT, rolling back if it throws.
template <class F> void transaction(Db& db, const char* begin, F body) {
  db.exec(begin);
  try {
    body();
    db.exec("COMMIT");
  } catch (...) {
    try {
      db.exec("ROLLBACK");
    } catch (const DbError&) {
    }
    throw;
  }
}

}  // namespace

IndexStore::IndexStore(std::string file) : file_(std::move(file)), in_memory_(file_.empty()) {
  try {
    open();
  } catch (const DbError& e) {
    if (e.busy()) busy_error();
    db_.reset();  // with_db() replaces it on first use
  }
}

IndexStore::~IndexStore() = default;

void IndexStore::busy_error() {
  fail(ErrorKind::conflict,
       "the case index .casectl/index.sqlite is busy (another casectl is updating it); try again");
}

bool IndexStore::take_rebuilt() {
  bool r = rebuilt_;
  rebuilt_ = false;
  return r;
}

// Creates the file 0600 if it does not exist (SQLite would follow the umask).
void IndexStore::create_file() {
  if (in_memory_) return;
  // SQLite opens the file and its companions by name: none of them may be a symbolic link.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) check_private_file(file_ + suffix);
  auto slash = file_.find_last_of('/');
  int fd = open_private_file(file_.substr(0, slash), file_.substr(slash + 1), O_RDWR | O_CREAT);
  if (fd < 0) throw DbError(fmt::format("case index: cannot create {}", file_), SQLITE_CANTOPEN);
  fchmod(fd, 0600);
  ::close(fd);
}

// A connection with the index's settings: speed over durability (the data is derived), WAL so
// that a crash never leaves a damaged file.
void IndexStore::connect() {
  create_file();
  db_ = std::make_unique<Db>(in_memory_ ? ":memory:" : file_);
  db_->exec("PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA temp_store=MEMORY;");
}

// Opens the file, replacing one of another schema version, and creates the tables.
void IndexStore::open() {
  connect();
  std::int64_t version = db_->query_int("PRAGMA user_version");
  if (version != 0 && version != kIndexSchema) {
    rebuilt_ = true;
    remove_files();
    connect();
  }
  if (version != kIndexSchema) {
    transaction(*db_, "BEGIN IMMEDIATE", [&] {
      db_->exec(kSchemaSql);
      db_->exec(fmt::format("PRAGMA user_version={}", kIndexSchema).c_str());
    });
  }
}

// Deletes the file and its WAL companions (closing the connection first).
void IndexStore::remove_files() {
  db_.reset();
  if (in_memory_) return;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((file_ + suffix).c_str());
}

// Throws away a damaged index and opens a new one; if the file fails again, memory.
void IndexStore::recreate() {
  rebuilt_ = true;
  remove_files();
  try {
    open();
  } catch (const DbError& e) {
    if (e.busy() || in_memory_) throw;
    in_memory_ = true;
    open();
  }
}

std::vector<IndexEntry> IndexStore::load(std::int64_t& prev_start) {
  std::vector<IndexEntry> rows;
  transaction(*db_, "BEGIN", [&] {
    prev_start = 0;
    DbStmt meta(db_->handle(), "SELECT key, value FROM meta");
    while (meta.step()) {
      if (meta.text(0) == "refresh_start_ns") prev_start = meta.int64(1);
      if (meta.text(0) == "count") rows.reserve(static_cast<std::size_t>(meta.int64(1)) + 16);
    }
    DbStmt st(db_->handle(), "SELECT id, mtime_ns, ctime_ns, size, inode, summary FROM cases");
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
                       std::size_t total) {
  transaction(*db_, "BEGIN IMMEDIATE", [&] {
    DbStmt del(db_->handle(), "DELETE FROM cases WHERE path=?");
    for (const auto& p : removed) del.bind(1, p).run();
    DbStmt put(db_->handle(),
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
      DbStmt meta(db_->handle(), "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
      meta.bind(1, std::string_view("refresh_start_ns")).bind(2, start_ns).run();
      meta.bind(1, std::string_view("count")).bind(2, static_cast<std::int64_t>(total)).run();
    }
  });
}

}  // namespace casectl
