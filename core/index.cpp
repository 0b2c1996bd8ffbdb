// The case index: refresh from changed files, query, update one record.
#include "core/index.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <exception>
#include <optional>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/index_parse.hpp"
#include "core/index_scan.hpp"
#include "core/index_store.hpp"

namespace casectl {

namespace {

constexpr std::int64_t kRacyNs = 2'000'000'000;  // mtimes this close to a refresh are not trusted

// Now on the clock file times are kept in, in nanoseconds.
std::int64_t wall_ns() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// a before b in case ID order: prefix, year, number.
bool id_less(const CaseId& a, const CaseId& b) {
  if (a.prefix != b.prefix) return a.prefix < b.prefix;
  if (a.year != b.year) return a.year < b.year;
  return a.seq < b.seq;
}

// True when list is empty or holds v.
bool any_of(const Strings& list, const std::string& v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

// Entries by record path, hashed by case year and number (cheap) and confirmed by path.
class PathMap {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  // Indexes every entry.
  void fill(const std::vector<IndexEntry>& entries) {
    by_number_.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (!by_number_.emplace(number(entries[i].key), i).second)
        others_.emplace(entries[i].summary.path, i);  // same year and number, other prefix
  }
  // The index of the entry for f's path, or npos.
  std::size_t find(const std::vector<IndexEntry>& entries, const FoundCase& f) const {
    auto it = by_number_.find(number(f.id));
    if (it != by_number_.end() && entries[it->second].summary.path == f.path) return it->second;
    if (others_.empty()) return npos;
    auto o = others_.find(f.path);
    return o == others_.end() ? npos : o->second;
  }

 private:
  static std::uint64_t number(const CaseId& id) {
    return static_cast<std::uint64_t>(id.year) * 1000000000ULL + static_cast<std::uint64_t>(id.seq);
  }
  std::unordered_map<std::uint64_t, std::size_t> by_number_;
  std::unordered_map<std::string_view, std::size_t> others_;
};

}  // namespace

bool CaseFilter::matches(const CaseSummary& s) const {
  if (s.id.compare(0, id_prefix.size(), id_prefix) != 0) return false;
  if (!s.ok()) return unreadable;
  if (!any_of(statuses, s.status) || !any_of(workers, s.worker) || !any_of(risks, s.risk))
    return false;
  if (concerns.empty()) return true;
  for (const auto& c : s.concerns)
    if (any_of(concerns, c)) return true;
  return false;
}

struct CaseIndex::Impl {
  std::string root;
  IndexStore store;
  bool loaded = false;  // entries reflect a refresh made by this object
  std::vector<IndexEntry> entries;
  std::vector<std::uint32_t> order;  // indexes of entries by case ID

  Impl(std::string r, std::string file) : root(std::move(r)), store(std::move(file)) {}

  // Sorts order by case ID (entries are mostly loaded in that order already).
  void sort_order() {
    order.resize(entries.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    auto less = [&](std::uint32_t a, std::uint32_t b) {
      return id_less(entries[a].key, entries[b].key);
    };
    if (!std::is_sorted(order.begin(), order.end(), less))
      std::sort(order.begin(), order.end(), less);
  }

  RefreshStats refresh_once();
  RefreshStats refresh();
};

// One refresh against the stored index (see CaseIndex::refresh()). The folder walk (kernel time)
// runs on its own thread while this one loads the stored rows; only this thread uses SQLite.
RefreshStats CaseIndex::Impl::refresh_once() {
  std::int64_t start_ns = wall_ns();
  loaded = false;
  std::vector<FoundCase> found;
  std::exception_ptr scan_error;
  std::thread scanner([&] {
    try {
      found = scan_cases(root);
    } catch (...) {
      scan_error = std::current_exception();
    }
  });
  std::int64_t prev_start = 0;
  PathMap at;
  try {
    entries = store.load(prev_start);
    at.fill(entries);
    sort_order();
  } catch (...) {
    scanner.join();
    throw;
  }
  scanner.join();
  if (scan_error) std::rethrow_exception(scan_error);

  // Which records to read again: new, changed, or too close to the last refresh to trust.
  std::int64_t racy_from = prev_start - kRacyNs;
  std::vector<char> seen(entries.size(), 0);
  std::vector<const FoundCase*> todo;
  std::vector<std::size_t> slots;  // entry each todo replaces, or PathMap::npos
  for (const FoundCase& f : found) {
    std::size_t slot = at.find(entries, f);
    if (slot != PathMap::npos) {
      seen[slot] = 1;
      const FileStat& old = entries[slot].stat;
      if (f.stat.regular && old == f.stat && old.mtime_ns < racy_from) continue;
    }
    todo.push_back(&f);
    slots.push_back(slot);
  }
  std::vector<std::string> removed;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (!seen[i]) removed.push_back(entries[i].summary.path);

  std::vector<CaseSummary> fresh = read_summaries(root, todo);

  bool added = false;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    IndexEntry e{todo[i]->id, todo[i]->stat, std::move(fresh[i])};
    if (slots[i] == PathMap::npos) {
      slots[i] = entries.size();
      entries.push_back(std::move(e));
      added = true;
    } else {
      entries[slots[i]] = std::move(e);
    }
  }
  if (!todo.empty() || !removed.empty()) {
    std::vector<const IndexEntry*> stored;
    for (std::size_t i : slots) stored.push_back(&entries[i]);
    store.store(stored, removed, start_ns, entries.size() - removed.size());
  }
  if (!removed.empty()) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (i >= seen.size() || seen[i]) {
        if (out != i) entries[out] = std::move(entries[i]);
        ++out;
      }
    entries.resize(out);
  }
  if (added || !removed.empty()) sort_order();
  loaded = true;

  RefreshStats st;
  st.scanned = found.size();
  st.parsed = todo.size();
  st.removed = removed.size();
  for (const IndexEntry& e : entries) st.errors += e.summary.ok() ? 0 : 1;
  return st;
}

// A refresh, replacing a damaged index; reports whether the index was made anew.
RefreshStats CaseIndex::Impl::refresh() {
  auto t0 = std::chrono::steady_clock::now();
  RefreshStats st = store.with_db([&] { return refresh_once(); });
  st.rebuilt = store.take_rebuilt();
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

// The index file, or "" (memory) when .casectl/ cannot be made.
static std::string index_file_for(const std::string& root) {
  std::string folder = root + "/.casectl";
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) return "";
  return CaseIndex::file_path(root);
}

CaseIndex::CaseIndex(const std::string& root)
    : impl_(std::make_unique<Impl>(root, index_file_for(root))) {}

CaseIndex::~CaseIndex() = default;

std::string CaseIndex::file_path(const std::string& root) {
  return root + "/.casectl/index.sqlite";
}

RefreshStats CaseIndex::refresh() { return impl_->refresh(); }

void CaseIndex::for_each(const CaseFilter& filter,
                         const std::function<void(const CaseSummary&)>& fn) const {
  if (!impl_->loaded) impl_->refresh();
  for (std::uint32_t i : impl_->order) {
    const CaseSummary& s = impl_->entries[i].summary;
    if (filter.matches(s)) fn(s);
  }
}

std::vector<CaseSummary> CaseIndex::query(const CaseFilter& filter) const {
  if (!impl_->loaded) impl_->refresh();
  std::vector<CaseSummary> out;
  out.reserve(filter.statuses.empty() && filter.workers.empty() && filter.risks.empty() &&
                      filter.concerns.empty() && filter.id_prefix.empty()
                  ? impl_->entries.size()
                  : 0);
  for_each(filter, [&](const CaseSummary& s) { out.push_back(s); });
  return out;
}

}  // namespace casectl
