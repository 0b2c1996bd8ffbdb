// `doctor`: the case index (.casectl/index.sqlite), opened read-only: SQLite's quick_check and the
// schema version. A damaged or outdated index is a cache: removing it loses nothing.
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/doctor_checks.hpp"
#include "core/i18n.hpp"
#include "core/index.hpp"
#include "core/index_db.hpp"
#include "core/index_store.hpp"
#include "core/summary.hpp"

namespace casectl::doctor {
namespace {

// SQLite's files beside the database (WAL, shared memory, rollback journal).
const char* const kCompanions[] = {"-wal", "-shm", "-journal"};

// What is wrong with the index file as it stands; empty when nothing is.
Said index_problem(const std::string& file) {
  try {
    Db db(file, /*read_only=*/true);
    std::int64_t version = db.query_int("PRAGMA user_version");
    DbStmt check(db.handle(), "PRAGMA quick_check");
    if (!check.step()) return Said(N_("damaged ({})"), Said(N_("no answer")));
    std::string result(check.text(0));
    if (result != "ok") return Said(N_("damaged ({})"), result.substr(0, result.find('\n')));
    if (version != kIndexSchema)
      return Said(N_("of schema version {}, not {} (made by another casectl)"), version, kIndexSchema);
    // Summaries are decoded one at a time when read; a damaged one makes every read re-read its file.
    DbStmt rows(db.handle(), "SELECT path, summary FROM cases");
    while (rows.step()) {
      try {
        summary_unpack(rows.text(1));
      } catch (const Error&) {
        return Said(N_("damaged (the summary of {} does not decode)"), rows.text(0));
      }
    }
    return {};
  } catch (const DbError& e) {
    if (e.busy()) return {};
    return Said(N_("damaged ({})"), e.what());
  }
}

// Removes the index file and its companions.
Said remove_index(const std::string& file) {
  remove_file(file);
  for (const char* suffix : kCompanions) ::unlink((file + suffix).c_str());
  return Said(N_("removed (the next `casectl list` rebuilds it)"));
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
  Said problem = index_problem(file);
  if (problem.empty()) return;
  out.push_back(Finding{rel, "index", Said(N_("{}; it is a cache, removing it loses nothing"), problem), {},
                        [file] { return remove_index(file); }, {}});
}

}  // namespace casectl::doctor
