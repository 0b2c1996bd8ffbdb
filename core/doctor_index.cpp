// `doctor`: the case index (.casectl/index.sqlite), opened read-only: SQLite's quick_check and the
// schema version. A damaged or outdated index is a cache: removing it loses nothing.
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/doctor_checks.hpp"
#include "core/index.hpp"
#include "core/index_db.hpp"
#include "core/index_store.hpp"
#include "core/summary.hpp"

namespace casectl::doctor {
namespace {

// SQLite's files beside the database (WAL, shared memory, rollback journal).
const char* const kCompanions[] = {"-wal", "-shm", "-journal"};

// What is wrong with the index file as it stands; "" when nothing is.
std::string index_problem(const std::string& file) {
  try {
    Db db(file, /*read_only=*/true);
    std::int64_t version = db.query_int("PRAGMA user_version");
    DbStmt check(db.handle(), "PRAGMA quick_check");
    std::string result = check.step() ? std::string(check.text(0)) : "no answer";
    if (result != "ok") return fmt::format("damaged ({})", result.substr(0, result.find('\n')));
    if (version != kIndexSchema)
      return fmt::format("of schema version {}, not {} (made by another casectl)", version, kIndexSchema);
    // Summaries are decoded one at a time when read; a damaged one makes every read re-read its file.
    DbStmt rows(db.handle(), "SELECT path, summary FROM cases");
    while (rows.step()) {
      try {
        summary_unpack(rows.text(1));
      } catch (const Error&) {
        return fmt::format("damaged (the summary of {} does not decode)", rows.text(0));
      }
    }
    return "";
  } catch (const DbError& e) {
    if (e.busy()) return "";
    return fmt::format("damaged ({})", e.what());
  }
}

// Removes the index file and its companions.
std::string remove_index(const std::string& file) {
  std::string done = remove_file(file) + " (the next `casectl list` rebuilds it)";
  for (const char* suffix : kCompanions) ::unlink((file + suffix).c_str());
  return done;
}

}  // namespace

void check_index(const std::string& root, std::vector<Finding>& out) {
  const std::string rel = ".casectl/index.sqlite";
  std::string file = CaseIndex::file_path(root);
  struct stat st {};
  // A link is the symlink check's (SQLite would follow it, so the file is not opened then).
  if (::lstat((root + "/.casectl").c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  for (const char* suffix : kCompanions)
    if (::lstat((file + suffix).c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return;
  std::string problem = index_problem(file);
  if (problem.empty()) return;
  out.push_back(Finding{rel, "index", problem + "; it is a cache, removing it loses nothing", "",
                        [file] { return remove_index(file); }, ""});
}

}  // namespace casectl::doctor
