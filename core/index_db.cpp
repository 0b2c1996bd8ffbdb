// SQLite connection and statements for the case index, throwing DbError on failure.
#include "core/index_db.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace casectl {

namespace {

// Throws DbError for rc with the connection's message.
[[noreturn]] void throw_db(sqlite3* db, int rc, std::string_view doing) {
  const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw DbError(fmt::format("case index: {}: {}", doing, msg ? msg : "error"), rc);
}

// The URI that opens the file at path as immutable ("file:PATH?immutable=1", with the
// characters a URI gives a meaning escaped).
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else uri += c;
  }
  return uri + "?immutable=1";
}

}  // namespace

bool DbError::busy() const {
  int primary = code_ & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

DbStmt::DbStmt(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_db(db, rc, "prepare");
}

DbStmt::~DbStmt() { sqlite3_finalize(stmt_); }

void DbStmt::fail(int rc) const { throw_db(db_, rc, "statement"); }

DbStmt& DbStmt::bind(int i, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) fail(rc);
  return *this;
}

DbStmt& DbStmt::bind(int i, std::string_view text) {
  int rc = sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

DbStmt& DbStmt::bind_blob(int i, std::string_view bytes) {
  int rc = sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

bool DbStmt::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  fail(rc);
}

void DbStmt::run() {
  while (step()) {
  }
  reset();
}

void DbStmt::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t DbStmt::int64(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string_view DbStmt::text(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string_view();
}

bool DbStmt::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Db::Db(const std::string& path, bool read_only) {
  int flags = (read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(read_only ? immutable_uri(path).c_str() : path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw_db(nullptr, rc, "open");
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() { sqlite3_close_v2(db_); }

void Db::exec(const char* sql) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_db(db_, rc, "exec");
}

std::int64_t Db::query_int(const char* sql) {
  DbStmt st(db_, sql);
  if (!st.step()) throw DbError("case index: query returned no row", SQLITE_ERROR);
  return st.int64(0);
}

}  // namespace casectl
