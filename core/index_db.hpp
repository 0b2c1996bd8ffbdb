// A thin RAII layer over SQLite for the case index: a connection and prepared statements that
// throw DbError on any failure, so the index can tell "busy" from "damaged, rebuild".
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace casectl {

// A failed SQLite call: the message and SQLite's result code.
class DbError : public std::runtime_error {
 public:
  DbError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  // True when another connection held a lock past the busy timeout (not damage).
  bool busy() const;

 private:
  int code_;
};

// One prepared statement; parameters are 1-based, columns 0-based.
class DbStmt {
 public:
  DbStmt(sqlite3* db, std::string_view sql);
  ~DbStmt();
  DbStmt(const DbStmt&) = delete;
  DbStmt& operator=(const DbStmt&) = delete;

  DbStmt& bind(int i, std::int64_t v);
  // TEXT and BLOB are bound without a copy: the bytes must outlive the steps (a temporary
  // std::string is refused at compile time).
  DbStmt& bind(int i, std::string_view text);   // as TEXT
  DbStmt& bind(int i, std::string&& text) = delete;
  DbStmt& bind_blob(int i, std::string&& bytes) = delete;
  DbStmt& bind_blob(int i, std::string_view bytes);
  // Steps once: true with a row ready, false when done.
  bool step();
  // Steps to completion, then resets for the next use (bindings are cleared).
  void run();
  void reset();

  std::int64_t int64(int col) const;
  std::string_view text(int col) const;  // TEXT or BLOB bytes; valid until the next step
  bool is_null(int col) const;

 private:
  [[noreturn]] void fail(int rc) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// One connection.
class Db {
 public:
  // Opens (creating) the database file at path, or an in-memory one for ":memory:"; with
  // read_only, reads an existing file as it stands, writing nothing (no WAL or shared-memory
  // file either: SQLite takes it as immutable); DbError when there is none.
  explicit Db(const std::string& path, bool read_only = false);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements without results.
  void exec(const char* sql);
  // The single integer result of a query such as "PRAGMA user_version".
  std::int64_t query_int(const char* sql);
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace casectl
