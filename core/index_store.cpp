// The case index's SQLite file: schema, load, store, and replacement when it cannot be trusted.
#include "core/index_store.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <random>

#include <sys/mman.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include "core/i18n.hpp"
#include "core/name_match.hpp"

namespace casectl {

namespace {

constexpr const char* kSchemaSql = R"(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cases(
  path TEXT PRIMARY KEY, id TEXT NOT NULL,
  mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  status TEXT, worker TEXT, risk TEXT, safety TEXT, opened TEXT, concerns TEXT, error TEXT,
  name_key TEXT, birth TEXT,
  summary BLOB NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cases_person ON cases(name_key, birth);
)";

// The text of an optional date for a column ("" when absent).

}  // namespace

IndexStore::IndexStore(std::string file)
    : db_(std::move(file), kSchemaSql, kIndexSchema, N_("the case index .casectl/index.sqlite")) {}

IndexStore::~IndexStore() = default;

namespace {

IndexMeta read_meta(Db& db) {
  IndexMeta m;
  DbStmt meta(db.handle(), "SELECT key, value FROM meta");
  while (meta.step()) {
    std::string_view key = meta.text(0);
    if (key == "refresh_start_ns") m.refresh_start_ns = meta.int64(1);
    if (key == "deadline_policy") m.policy_key = meta.text(1);
    if (key == "head") m.head = meta.text(1);
    if (key == "count") m.count = static_cast<std::size_t>(meta.int64(1));
    if (key == "tag") m.tag = static_cast<std::uint64_t>(meta.int64(1));
  }
  return m;
}

// A new random tag for the rows' state (never 0).
std::uint64_t new_tag() {
  static std::mt19937_64 gen{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()};
  std::uint64_t t;
  do t = gen();
  while (t == 0);
  return t;
}

// The stored rows' tag (0: none).
std::uint64_t stored_tag(Db& db) {
  DbStmt st(db.handle(), "SELECT value FROM meta WHERE key='tag'");
  return st.step() ? static_cast<std::uint64_t>(st.int64(0)) : 0;
}

}  // namespace

std::vector<PersonRow> IndexStore::find_person(const std::string& name_key, const Date& birth, IndexMeta& meta) {
  std::vector<PersonRow> out;
  transaction(db_.db(), "BEGIN", [&] {
    meta = read_meta(db_.db());
    DbStmt st(db_.db().handle(), "SELECT id, status FROM cases WHERE name_key=? AND birth=? AND error=''");
    const std::string born = birth.iso();  // bound without a copy: must outlive the steps
    st.bind(1, name_key).bind(2, born);
    while (st.step()) out.push_back({std::string(st.text(0)), std::string(st.text(1))});
  });
  return out;
}

std::string_view ByteArena::keep(std::string_view bytes) {
  if (bytes.empty()) return {};
  if (blocks_.empty() || size_ - used_ < bytes.size()) {
    size_ = std::max(kBlock, bytes.size());
    void* block = std::aligned_alloc(kBlock, (size_ + kBlock - 1) / kBlock * kBlock);
    if (!block) throw std::bad_alloc();
    madvise(block, size_, MADV_HUGEPAGE);  // one page fault per block, not 512 (when the system allows)
    blocks_.emplace_back(static_cast<char*>(block));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, bytes.data(), bytes.size());
  used_ += bytes.size();
  return std::string_view(at, bytes.size());
}

namespace {

// True when path is case_file(id), checked without building it for every row.
bool is_case_file(std::string_view path, const CaseId& id) {
  char want[96];
  auto end = fmt::format_to_n(want, sizeof want, "cases/{:04d}/{:02d}/{}-{:04d}-{:04d}/case.yaml", id.year,
                              id.seq / 100, id.prefix, id.year, id.seq);
  return end.size <= sizeof want && path == std::string_view(want, end.size);
}

}  // namespace

std::vector<IndexEntry> IndexStore::load(IndexMeta& meta, ByteArena& arena, const SnapshotRows& snapshot) {
  std::vector<IndexEntry> rows;
  transaction(db_.db(), "BEGIN", [&] {
    meta = read_meta(db_.db());
    if (snapshot && snapshot(meta, rows)) return;
    rows.clear();
    rows.reserve(meta.count + 16);
    DbStmt st(db_.db().handle(), "SELECT id, mtime_ns, ctime_ns, size, inode, summary, path, error='' FROM cases");
    while (st.step()) {
      std::optional<CaseId> key = parse_case_id(st.text(0));
      if (!key) throw DbError("case index: a row has no case ID", SQLITE_CORRUPT);
      IndexEntry& e = rows.emplace_back();
      e.key = std::move(*key);
      e.stat = FileStat{st.int64(1), st.int64(2), st.int64(3), st.int64(4), true};
      e.packed = arena.keep(st.text(5));
      if (!is_case_file(st.text(6), e.key)) throw DbError("case index: a row's path is not its case's record", SQLITE_CORRUPT);
      e.ok = st.int64(7) != 0;
    }
  });
  return rows;
}

std::uint64_t IndexStore::put_rows(const std::vector<const IndexEntry*>& changed, const std::vector<std::string>& removed) {
  if (changed.empty() && removed.empty()) return 0;
  DbStmt del(db_.db().handle(), "DELETE FROM cases WHERE path=?");
  for (const auto& p : removed) del.bind(1, p).run();
  DbStmt put(db_.db().handle(),
             "INSERT OR REPLACE INTO cases(path, id, mtime_ns, ctime_ns, size, inode, status, "
             "worker, risk, safety, opened, concerns, error, name_key, birth, summary) "
             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const IndexEntry* e : changed) {
    const CaseSummary s = summary_unpack(e->packed);
    std::string opened = iso(s.opened);
    std::string concerns = fmt::format("{}", fmt::join(s.concerns, ","));
    std::string name_key = normalise_name(s.client_name), birth = iso(s.birth_date);  // bound without a copy
    put.bind(1, s.path).bind(2, s.id).bind(3, e->stat.mtime_ns).bind(4, e->stat.ctime_ns);
    put.bind(5, e->stat.size).bind(6, e->stat.inode).bind(7, s.status).bind(8, s.worker);
    put.bind(9, s.risk).bind(10, s.safety).bind(11, opened).bind(12, concerns);
    put.bind(13, s.error).bind(14, name_key).bind(15, birth);
    put.bind_blob(16, e->packed).run();
  }
  std::uint64_t tag = new_tag();
  DbStmt put_tag(db_.db().handle(), "INSERT OR REPLACE INTO meta(key, value) VALUES('tag', ?)");
  put_tag.bind(1, static_cast<std::int64_t>(tag)).run();
  return tag;
}

std::uint64_t IndexStore::store(const std::vector<const IndexEntry*>& changed,
                                const std::vector<std::string>& removed, const IndexMeta* meta, std::uint64_t from) {
  std::uint64_t tag = 0;
  transaction(db_.db(), "BEGIN IMMEDIATE", [&] {
    std::uint64_t before = stored_tag(db_.db());
    std::uint64_t after = put_rows(changed, removed);
    tag = before != from ? 0 : after ? after : before;
    if (meta) {
      DbStmt put_meta(db_.db().handle(), "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
      put_meta.bind(1, std::string_view("refresh_start_ns")).bind(2, meta->refresh_start_ns).run();
      put_meta.bind(1, std::string_view("deadline_policy")).bind(2, std::string_view(meta->policy_key)).run();
      put_meta.bind(1, std::string_view("head")).bind(2, std::string_view(meta->head)).run();
      put_meta.bind(1, std::string_view("count")).bind(2, static_cast<std::int64_t>(meta->count)).run();
    }
  });
  return tag;
}

bool IndexStore::advance(const std::string& from_head, const std::string& to_head, const std::string& policy_key,
                         const std::vector<const IndexEntry*>& changed, const std::vector<std::string>& removed) {
  bool done = false;
  transaction(db_.db(), "BEGIN IMMEDIATE", [&] {
    IndexMeta meta = read_meta(db_.db());
    if (meta.head != from_head || meta.policy_key != policy_key) return;
    put_rows(changed, removed);
    DbStmt put_meta(db_.db().handle(), "INSERT OR REPLACE INTO meta(key, value) VALUES('head', ?)");
    put_meta.bind(1, std::string_view(to_head)).run();
    done = true;
  });
  return done;
}

}  // namespace casectl
