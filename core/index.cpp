// The case index's refreshing half: from changed files, and from records a caller read again
// (its reading half, for_each and query: core/index_query.cpp).
#include "core/index.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <exception>
#include <optional>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "core/git.hpp"
#include "core/git_head.hpp"
#include "core/index_impl.hpp"
#include "core/index_parse.hpp"
#include "core/parallel.hpp"
#include "core/index_scan.hpp"
#include "core/heap.hpp"
#include "core/index_snapshot.hpp"
#include "core/index_store.hpp"
#include "core/private_db.hpp"

namespace casectl {

namespace index_detail {

// Entries by case ID, hashed by case year and number (cheap) and confirmed by prefix.
class PathMap {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  // Indexes every entry.
  void fill(const std::vector<IndexEntry>& entries) {
    by_number_.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (!by_number_.emplace(number(entries[i].key), i).second)
        others_.emplace(entries[i].key.str(), i);  // same year and number, other prefix
  }
  // The index of the entry for f's case, or npos.
  std::size_t find(const std::vector<IndexEntry>& entries, const FoundCase& f) const {
    auto it = by_number_.find(number(f.id));
    if (it != by_number_.end() && entries[it->second].key.prefix == f.id.prefix) return it->second;
    if (others_.empty()) return npos;
    auto o = others_.find(f.id.str());
    return o == others_.end() ? npos : o->second;
  }

 private:
  static std::uint64_t number(const CaseId& id) {
    return static_cast<std::uint64_t>(id.year) * 1000000000ULL + static_cast<std::uint64_t>(id.seq);
  }
  std::unordered_map<std::uint64_t, std::size_t> by_number_;
  std::unordered_map<std::string, std::size_t> others_;
};

// What a refresh changes in the stored entries.
struct Changes {
  std::vector<const FoundCase*> todo;  // records to read again
  std::vector<std::size_t> slots;      // entry each todo replaces, or PathMap::npos
  std::vector<char> seen;              // per stored entry: its record was found
  std::vector<std::string> removed;    // paths of the stored entries not found
  // True when the stored index must change.
  bool any() const { return !todo.empty() || !removed.empty(); }
};

}  // namespace index_detail

using index_detail::Changes;
using index_detail::PathMap;

namespace {

constexpr const char* kSnapshotName = "index.snap";  // and index.snap.delta, next to index.sqlite (core/index_snapshot.hpp)

// The folder of a database file ("" for memory).
std::string folder_of(const std::string& file) {
  std::size_t slash = file.rfind('/');
  return slash == std::string::npos ? std::string() : file.substr(0, slash);
}

// HEAD's commit id in the repository at root, read before the files (so that any commit
// after it is found by comparing trees from it); "" when there is none or no repository.
std::string head_of(const std::string& root) {
  if (std::optional<std::string> plain = git::read_plain_head(root)) return *plain;  // no libgit2 start-up
  if (git::surely_no_repository(root)) return std::string();
  try {
    git::Repository repo = git::open(root);
    std::optional<git_oid> id = git::head_id(repo.get());
    return id ? git::to_hex(*id) : std::string();
  } catch (const std::exception&) {
    return std::string();
  }
}

// Which records to read again (new, changed, too close to the previous refresh, started at
// prev_start, to trust, or every one when `all` is set) and which stored entries are gone.
Changes find_changes(const std::vector<IndexEntry>& entries, const PathMap& at,
                     const FoundCases& found, std::int64_t prev_start, bool all) {
  std::int64_t racy_from = prev_start - kRacyNs;
  Changes c;
  c.seen.assign(entries.size(), 0);
  for (const FoundCase& f : found) {
    std::size_t slot = at.find(entries, f);
    if (slot != PathMap::npos) {
      c.seen[slot] = 1;
      const FileStat& old = entries[slot].stat;
      if (!all && f.stat.regular && old == f.stat && old.mtime_ns < racy_from) continue;
    }
    c.todo.push_back(&f);
    c.slots.push_back(slot);
  }
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (!c.seen[i]) c.removed.push_back(entries[i].path());
  return c;
}

}  // namespace

CaseIndex::Impl::Impl(std::string r, const Policy& p, std::string file)
    : root(std::move(r)), policy(p), policy_key(deadline_policy_key(p)), store(file),
      private_folder(folder_of(file)) {}

// Loads the stored entries (and the previous refresh's start and policy key) into entries, order
// and at while another thread walks the case folders (kernel time); the records found. Only this
// thread uses SQLite.
FoundCases CaseIndex::Impl::load_while_scanning(IndexMeta* stored, PathMap* at) {
  FoundCases found;
  std::exception_ptr scan_error;
  std::thread scanner([&] {
    try {
      found = scan_cases(root);
    } catch (...) {
      scan_error = std::current_exception();
    }
  });
  try {
    entries.clear();
    snap.reset();
    arena = ByteArena();
    entries = store.load(*stored, arena, [&](const IndexMeta& m, std::vector<IndexEntry>& rows) {
      return load_snapshot(m, rows);
    });
    at->fill(entries);
    sort_order();
  } catch (...) {
    scanner.join();
    throw;
  }
  scanner.join();
  if (scan_error) std::rethrow_exception(scan_error);
  return found;
}

// The rows of the snapshot of state meta.tag into rows, when there is one and it is whole.
bool CaseIndex::Impl::load_snapshot(const IndexMeta& meta, std::vector<IndexEntry>& rows) {
  if (private_folder.empty()) return false;
  std::unique_ptr<IndexSnapshot> s = IndexSnapshot::open(private_folder, kSnapshotName, meta.tag);
  if (!s || !s->entries(rows)) return false;
  snap = std::move(s);
  return true;
}

// Puts the summaries read again in entries, each replacing its old entry or appended (its slot
// set); true when any was appended.
bool CaseIndex::Impl::apply(Changes& c, std::vector<CaseSummary> fresh) {
  bool added = false;
  for (std::size_t i = 0; i < c.todo.size(); ++i) {
    IndexEntry e = IndexEntry::of(c.todo[i]->id, c.todo[i]->stat, fresh[i], arena);
    if (c.slots[i] == PathMap::npos) {
      c.slots[i] = entries.size();
      entries.push_back(std::move(e));
      added = true;
    } else {
      entries[c.slots[i]] = std::move(e);
    }
  }
  return added;
}

// Stores the entries read again and deletes the removed ones, with meta, in one transaction;
// the stored rows' tag when they now equal entries (the rows were at state `from`), else 0.
std::uint64_t CaseIndex::Impl::save(const Changes& c, IndexMeta meta, std::uint64_t from) {
  std::vector<const IndexEntry*> stored;
  for (std::size_t i : c.slots) stored.push_back(&entries[i]);
  meta.count = entries.size() - c.removed.size();
  return store.store(stored, c.removed, &meta, from);
}

// Drops the entries whose records were not found, keeping the order of the others.
void CaseIndex::Impl::drop_removed(const Changes& c) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (i >= c.seen.size() || c.seen[i]) {
      if (out != i) entries[out] = std::move(entries[i]);
      ++out;
    }
  entries.resize(out);
}

// What the refresh did, counted over the entries as they now stand.
RefreshStats CaseIndex::Impl::stats(std::size_t scanned, const Changes& c) const {
  RefreshStats st;
  st.scanned = scanned;
  st.parsed = c.todo.size();
  st.removed = c.removed.size();
  for (const IndexEntry& e : entries) st.errors += e.ok ? 0 : 1;
  return st;
}

// One refresh against the stored index (see CaseIndex::refresh()): scan while loading, decide
// what to read again (everything when the stored summaries were made under another deadline
// policy), read it, store the changes, then bring entries and order up to date.
RefreshStats CaseIndex::Impl::refresh_once() {
  IndexMeta now{wall_ns(), policy_key, head_of(root), 0};
  loaded = false;
  IndexMeta stored;
  PathMap at;
  FoundCases found = load_while_scanning(&stored, &at);
  Changes c = find_changes(entries, at, found, stored.refresh_start_ns, stored.policy_key != policy_key);
  std::size_t reading = progress ? c.todo.size() : 0;
  if (reading) progress(0, reading);
  bool added = apply(c, read_summaries(root, c.todo, policy, progress));
  std::uint64_t tag = stored.tag;  // the stored rows' state, which entries now equal (0: unknown)
  if (c.any()) tag = save(c, now, stored.tag);
  else if (stored.head != now.head) tag = save(c, IndexMeta{stored.refresh_start_ns, stored.policy_key, now.head, 0}, stored.tag);
  if (reading) progress(reading, reading);
  if (!c.removed.empty()) drop_removed(c);
  if (added || !c.removed.empty()) sort_order();
  // The next run maps the rows instead of reading them out of SQLite: after a few changes to the
  // rows mapped, only those (a delta beside the snapshot).
  if (tag != 0 && !private_folder.empty() && !(snap && tag == stored.tag))
    IndexSnapshot::write(private_folder, kSnapshotName, tag, entries, order, snap.get());
  loaded = true;
  return stats(found.size(), c);
}

// A refresh, replacing a damaged index; reports whether the index was made anew.
RefreshStats CaseIndex::Impl::refresh() {
  auto t0 = std::chrono::steady_clock::now();
  RefreshStats st = store.with_db([&] { return refresh_once(); });
  st.rebuilt = store.take_rebuilt();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

CaseIndex::CaseIndex(const std::string& root, const Policy& policy)
    : impl_(std::make_unique<Impl>(root, policy, private_db_file(root, "index.sqlite"))) {}

CaseIndex::~CaseIndex() = default;

std::string CaseIndex::file_path(const std::string& root) {
  return root + "/.casectl/index.sqlite";
}

void CaseIndex::prepare_memory(const std::string& root) {
  // A row held or written takes a few times its packed summary (list's aligned table: 2.6x,
  // due: 3.6x at 100,000 cases); memory reserved and not used is never touched.
  std::optional<FileStat> snap = stat_file(root + "/.casectl/" + kSnapshotName);
  if (snap && snap->regular) prepare_heap(static_cast<std::size_t>(snap->size) * 4);
}

RefreshStats CaseIndex::refresh() { return impl_->refresh(); }

void CaseIndex::on_progress(IndexProgress fn) { impl_->progress = std::move(fn); }

std::vector<CaseSummary> CaseIndex::read_changed(const std::string& from_head, const std::string& to_head,
                                                  const std::vector<std::string>& ids) {
  if (ids.empty() && from_head == to_head) return {};
  std::vector<FoundCase> files;
  std::vector<std::string> removed;
  for (const std::string& text : ids) {
    std::optional<CaseId> id = parse_case_id(text);
    if (!id) continue;
    std::string path = case_file(*id);
    if (std::optional<FileStat> st = stat_file(impl_->root + "/" + path))
      files.push_back(FoundCase{*id, *st});
    else
      removed.push_back(path);
  }
  std::vector<const FoundCase*> todo;
  for (const FoundCase& f : files) todo.push_back(&f);
  std::vector<CaseSummary> read = read_summaries(impl_->root, todo, impl_->policy);
  ByteArena bytes;
  std::vector<IndexEntry> fresh;
  for (std::size_t i = 0; i < files.size(); ++i) fresh.push_back(IndexEntry::of(files[i].id, files[i].stat, read[i], bytes));
  std::vector<const IndexEntry*> rows;
  for (const IndexEntry& e : fresh) rows.push_back(&e);
  try {
    impl_->store.with_db([&] { return impl_->store.advance(from_head, to_head, impl_->policy_key, rows, removed); });
  } catch (const Error&) {
    // A cache: when it is busy, the next refresh reads these files again.
  }
  return read;
}

std::optional<StoredPersons> CaseIndex::stored_persons(const std::string& name_key, const Date& birth) {
  return impl_->store.with_db([&]() -> std::optional<StoredPersons> {
    IndexMeta meta;
    std::vector<PersonRow> rows = impl_->store.find_person(name_key, birth, meta);
    if (meta.head.empty()) return std::nullopt;
    return StoredPersons{meta.head, std::move(rows)};
  });
}

}  // namespace casectl
