// A private SQLite file of derived data: safe opening, schema version, replacement.
#include "core/i18n.hpp"
#include "core/private_db.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/private_dir.hpp"

namespace casectl {

namespace {

// The files SQLite opens by name next to a database file.
constexpr const char* kSuffixes[] = {"", "-wal", "-shm", "-journal"};

}  // namespace

std::string private_db_file(const std::string& root, const std::string& name) {
  std::string dir = private_dir_if_possible(root);
  if (dir.empty()) return "";
  std::string file = dir + "/" + name;
  for (const char* suffix : kSuffixes) check_private_file(file + suffix);
  return file;
}

PrivateDb::PrivateDb(std::string file, const char* schema_sql, int version, std::string what)
    : file_(std::move(file)), schema_sql_(schema_sql), version_(version), what_(std::move(what)),
      in_memory_(file_.empty()) {
  try {
    open();
  } catch (const DbError& e) {
    if (e.busy()) busy_error();
    db_.reset();  // with_db() replaces it on first use
  }
}

PrivateDb::~PrivateDb() = default;

void PrivateDb::busy_error() const {
  fail(ErrorKind::conflict, txf("{} is busy (another casectl is updating it); try again", tx(what_.c_str())));
}

bool PrivateDb::take_rebuilt() {
  bool r = rebuilt_;
  rebuilt_ = false;
  return r;
}

// Creates the file 0600 if it does not exist (SQLite would follow the umask).
void PrivateDb::create_file() {
  if (in_memory_) return;
  // SQLite opens the file and its companions by name: none of them may be a symbolic link.
  for (const char* suffix : kSuffixes) check_private_file(file_ + suffix);
  auto slash = file_.find_last_of('/');
  int fd = open_private_file(file_.substr(0, slash), file_.substr(slash + 1), O_RDWR | O_CREAT);
  if (fd < 0) throw DbError(fmt::format("{}: cannot create {}", what_, file_), SQLITE_CANTOPEN);
  fchmod(fd, 0600);
  ::close(fd);
}

// A connection with the settings of derived data: speed over durability, WAL so that a crash
// never leaves a damaged file.
void PrivateDb::connect() {
  create_file();
  db_ = std::make_unique<Db>(in_memory_ ? ":memory:" : file_);
  db_->exec("PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA temp_store=MEMORY;");
}

// Opens the file, replacing one of another schema version, and creates the tables.
void PrivateDb::open() {
  connect();
  std::int64_t version = db_->query_int("PRAGMA user_version");
  if (version != 0 && version != version_) {
    rebuilt_ = true;
    remove_files();
    connect();
  }
  if (version != version_) {
    transaction(*db_, "BEGIN IMMEDIATE", [&] {
      db_->exec(schema_sql_);
      db_->exec(fmt::format("PRAGMA user_version={}", version_).c_str());
    });
  }
}

// Deletes the file and its WAL companions (closing the connection first).
void PrivateDb::remove_files() {
  db_.reset();
  if (in_memory_) return;
  for (const char* suffix : kSuffixes) ::unlink((file_ + suffix).c_str());
}

// Throws away a damaged database and opens a new one; if the file fails again, memory.
void PrivateDb::recreate() {
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

}  // namespace casectl
