// A SQLite file of derived data under .casectl/ (the case index, the history index): opened
// without following symbolic links, 0600, WAL, and replaced (by a new file, else by memory)
// whenever it is damaged, of another schema version or cannot be written. Deleting it loses
// nothing: what it holds is computed again.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/index_db.hpp"

namespace casectl {

// The file of a private database named `name` ("index.sqlite") under the case directory's
// .casectl/, or "" (memory) when .casectl/ cannot be made (a read-only case directory).
// Error(conflict) when .casectl/ or a file of the database is unsafe (a symbolic link, another
// user's, open to others): a read-only command refuses it like a changing one (SPEC section 8).
std::string private_db_file(const std::string& root, const std::string& name);

// Runs body inside `begin` ("BEGIN" or "BEGIN IMMEDIATE") ... COMMIT, rolling back if it throws.
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

class PrivateDb {
 public:
  // Opens or creates file (0600) with the tables of schema_sql at `version` (PRAGMA
  // user_version); "" keeps it in memory. `what` names it in messages, an English msgid marked
  // N_() ("the case index .casectl/index.sqlite"). Never fails for a damaged file (it is replaced on first use);
  // Error(conflict) when another process holds it too long.
  PrivateDb(std::string file, const char* schema_sql, int version, std::string what);
  ~PrivateDb();

  // Runs fn (which uses db()); when the database turns out damaged, replaces it and runs fn
  // again. Error(conflict) when busy, Error(internal) if it keeps failing.
  template <class F> auto with_db(F fn) -> decltype(fn()) {
    for (int attempt = 0;; ++attempt) {
      try {
        if (!db_) recreate();
        return fn();
      } catch (const DbError& e) {
        if (e.busy()) busy_error();
        if (attempt >= 2) fail(ErrorKind::internal, txf("{0} cannot be used: {1}", tx(what_.c_str()), e.what()));
        db_.reset();  // replaced on the next turn
      }
    }
  }

  // The connection (inside with_db()).
  Db& db() { return *db_; }
  // True when the data lives in memory only (for this process).
  bool in_memory() const { return in_memory_; }
  // True (once) when the file was replaced since the last call.
  bool take_rebuilt();

 private:
  [[noreturn]] void busy_error() const;
  void open();
  void connect();
  void create_file();
  void remove_files();
  void recreate();

  std::string file_;
  const char* schema_sql_;
  int version_;
  std::string what_;
  bool in_memory_;
  bool rebuilt_ = false;
  std::unique_ptr<Db> db_;
};

}  // namespace casectl
