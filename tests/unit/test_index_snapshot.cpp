// The index snapshot (.casectl/index.snap) and its delta: what is written reads back as the same
// rows; a few changed rows go to a delta beside an unchanged whole copy; many give a whole copy;
// a delta of another copy, or damaged, is not used.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/index_snapshot.hpp"
#include "fixtures.hpp"

using namespace casectl;
using casectl::test::TempDir;

namespace {

// Rows built in memory, their packed bytes held here.
struct Rows {
  std::deque<std::string> bytes;
  std::vector<IndexEntry> entries;

  IndexEntry make(int seq, const std::string& text) {
    bytes.push_back(fmt::format("summary of {}: {}", seq, text));
    IndexEntry e;
    e.key = CaseId{"C", 2026, seq};
    e.stat = FileStat{seq * 1000LL, seq * 1000LL + 1, 100 + seq, 5000 + seq, true};
    e.packed = bytes.back();
    e.ok = seq % 7 != 0;
    return e;
  }
  // Cases 1..n.
  explicit Rows(int n) {
    for (int seq = 1; seq <= n; ++seq) entries.push_back(make(seq, "first"));
  }
  std::vector<std::uint32_t> order() const {
    std::vector<std::uint32_t> o;
    for (std::uint32_t i = 0; i < entries.size(); ++i) o.push_back(i);
    // Case ID order: by number within the one prefix and year.
    std::sort(o.begin(), o.end(), [&](std::uint32_t a, std::uint32_t b) { return id_before(entries[a].key, entries[b].key); });
    return o;
  }
};

// The rows as text, in case ID order.
std::vector<std::string> text_of(const std::vector<IndexEntry>& entries, const std::vector<std::uint32_t>& order) {
  std::vector<std::string> out;
  for (std::uint32_t i : order) {
    const IndexEntry& e = entries[i];
    out.push_back(fmt::format("{} {} {} {} {} {} {} {}", e.key.str(), e.stat.mtime_ns, e.stat.ctime_ns, e.stat.size,
                              e.stat.inode, e.stat.regular, e.ok, e.packed));
  }
  return out;
}
std::vector<std::string> text_of(const Rows& r) { return text_of(r.entries, r.order()); }

// What the snapshot of state tag in dir reads as ("none" when it opens to nothing, "damaged").
std::vector<std::string> read_back(const std::string& dir, std::uint64_t tag) {
  std::unique_ptr<IndexSnapshot> s = IndexSnapshot::open(dir, "index.snap", tag);
  if (!s) return {"none"};
  std::vector<IndexEntry> got;
  if (!s->entries(got)) return {"damaged"};
  std::vector<std::uint32_t> o(got.size());
  for (std::uint32_t i = 0; i < o.size(); ++i) o[i] = i;
  return text_of(got, o);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

using Written = IndexSnapshot::Written;

// The snapshot of state tag in dir, and its rows as a refresh loads them (pointing into it).
struct Loaded {
  std::unique_ptr<IndexSnapshot> snap;
  Rows rows{0};
};
Loaded load(const std::string& dir, std::uint64_t tag) {
  Loaded l;
  l.snap = IndexSnapshot::open(dir, "index.snap", tag);
  REQUIRE(l.snap);
  REQUIRE(l.snap->entries(l.rows.entries));
  return l;
}

}  // namespace

TEST_CASE("a snapshot written whole reads back as the same rows, only for its own state") {
  TempDir dir;
  Rows r(500);
  CHECK(IndexSnapshot::write(dir.path, "index.snap", 11, r.entries, r.order()) == Written::whole);
  CHECK(read_back(dir.path, 11) == text_of(r));
  CHECK(read_back(dir.path, 12) == std::vector<std::string>{"none"});
  CHECK(read_back(dir.path, 0) == std::vector<std::string>{"none"});
}

TEST_CASE("a few rows changed, added and removed go to a delta beside the unchanged whole copy, and read back merged") {
  TempDir dir;
  const std::string whole = dir.path + "/index.snap", delta = whole + ".delta";
  Rows r(1000);
  REQUIRE(IndexSnapshot::write(dir.path, "index.snap", 1, r.entries, r.order()) == Written::whole);
  const std::string whole_before = file_bytes(whole);

  // As a refresh does: the rows loaded from the snapshot, some read again, one new, one gone.
  Loaded l1 = load(dir.path, 1);
  Rows& now = l1.rows;
  now.entries[0] = now.make(1, "changed first row");
  now.entries[499] = now.make(500, "changed in the middle");
  now.entries[999] = now.make(1000, "changed last row");
  now.entries.push_back(now.make(1500, "added after the last"));
  now.entries.erase(now.entries.begin() + 700);  // case 701 removed
  now.entries.erase(now.entries.begin() + 1);    // case 2 removed
  now.entries.insert(now.entries.begin() + 5, now.make(1001, "added, out of order in memory"));
  CHECK(IndexSnapshot::write(dir.path, "index.snap", 2, now.entries, now.order(), l1.snap.get()) == Written::delta);
  CHECK(file_bytes(whole) == whole_before);
  CHECK(file_bytes(delta).size() < whole_before.size() / 50);
  CHECK(read_back(dir.path, 2) == text_of(now));
  CHECK(read_back(dir.path, 1) == text_of(r));  // the whole copy alone is still state 1

  // Another change on top of whole + delta: one delta from the whole copy holding both.
  Loaded l2 = load(dir.path, 2);
  Rows& later = l2.rows;
  later.entries[9] = later.make(11, "changed again later");
  later.entries.pop_back();  // 1500 gone again: it never was in the whole copy
  CHECK(IndexSnapshot::write(dir.path, "index.snap", 3, later.entries, later.order(), l2.snap.get()) == Written::delta);
  CHECK(file_bytes(whole) == whole_before);
  CHECK(read_back(dir.path, 3) == text_of(later));
  CHECK(read_back(dir.path, 2) == std::vector<std::string>{"none"});  // the delta now is of state 3

  // Every row read again (none of them the copy's bytes): past the delta's limit, a whole copy,
  // and the delta of the older copy removed.
  Loaded l3 = load(dir.path, 3);
  CHECK(IndexSnapshot::write(dir.path, "index.snap", 4, r.entries, r.order(), l3.snap.get()) == Written::whole);
  CHECK(read_back(dir.path, 4) == text_of(r));
  CHECK_FALSE(exists(delta));

  // Only the state moved (no row changed): an empty delta names the new state.
  Loaded l4 = load(dir.path, 4);
  CHECK(IndexSnapshot::write(dir.path, "index.snap", 5, l4.rows.entries, l4.rows.order(), l4.snap.get()) ==
        Written::delta);
  CHECK(file_bytes(delta).size() == 64);
  CHECK(read_back(dir.path, 5) == text_of(r));
}

TEST_CASE("more rows changed than a thirty-second of them (at least 256) give a whole copy and no delta") {
  TempDir dir;
  const std::string delta = dir.path + "/index.snap.delta";
  Rows r(20000);
  REQUIRE(IndexSnapshot::write(dir.path, "index.snap", 1, r.entries, r.order()) == Written::whole);
  auto changed = [&](std::uint64_t from_tag, int n, std::uint64_t tag) {
    Loaded l = load(dir.path, from_tag);
    Rows& now = l.rows;
    for (int i = 0; i < n; ++i) now.entries[static_cast<std::size_t>(i) * 3] = now.make(i * 3 + 1, fmt::format("change {}", tag));
    Written w = IndexSnapshot::write(dir.path, "index.snap", tag, now.entries, now.order(), l.snap.get());
    CHECK(read_back(dir.path, tag) == text_of(now));
    return w;
  };
  CHECK(changed(1, 625, 2) == Written::delta);  // 20,000 / 32
  CHECK(exists(delta));
  CHECK(changed(2, 626, 3) == Written::whole);
  CHECK_FALSE(exists(delta));
  CHECK(changed(3, 1, 4) == Written::delta);
}

TEST_CASE("a delta is not used over another whole copy, nor when damaged") {
  TempDir dir;
  const std::string delta = dir.path + "/index.snap.delta";
  Rows r(300);
  REQUIRE(IndexSnapshot::write(dir.path, "index.snap", 1, r.entries, r.order()) == Written::whole);
  Loaded l1 = load(dir.path, 1);
  Rows& now = l1.rows;
  now.entries[3] = now.make(4, "changed");
  now.entries[4] = now.make(5, "changed");
  now.entries.push_back(now.make(400, "added"));
  REQUIRE(IndexSnapshot::write(dir.path, "index.snap", 2, now.entries, now.order(), l1.snap.get()) == Written::delta);
  REQUIRE(read_back(dir.path, 2) == text_of(now));
  const std::string good = file_bytes(delta);

  auto with_delta = [&](const std::string& bytes) {
    std::ofstream(delta, std::ios::binary | std::ios::trunc) << bytes;
    return read_back(dir.path, 2);
  };
  // Rows 64 bytes each after a 64-byte header: row i at 64 + 64 * i; its key (year, seq) at
  // bytes 44-52, the gone flag at byte 62.
  std::string swapped = good;
  std::swap_ranges(swapped.begin() + 64, swapped.begin() + 128, swapped.begin() + 128);
  CHECK(with_delta(swapped) == std::vector<std::string>{"damaged"});  // out of order
  std::string gone_new = good;
  gone_new[64 + 2 * 64 + 62] = 1;  // case 400, which the whole copy does not have, "removed"
  CHECK(with_delta(gone_new) == std::vector<std::string>{"damaged"});
  std::string short_by_one = good.substr(0, good.size() - 1);
  CHECK(with_delta(short_by_one) == std::vector<std::string>{"none"});
  CHECK(with_delta(good) == text_of(now));

  // The whole copy replaced (another state written whole): the delta's copy is gone.
  Rows other(300);
  other.entries[0] = other.make(1, "other");
  REQUIRE(IndexSnapshot::write(dir.path, "index.snap", 3, other.entries, other.order()) == Written::whole);
  CHECK(with_delta(good) == std::vector<std::string>{"none"});
  CHECK(read_back(dir.path, 3) == text_of(other));
}

TEST_CASE("a delta after a delta: a case removed and added again, every case removed, an empty index") {
  TempDir dir;
  Rows r(400);
  REQUIRE(IndexSnapshot::write(dir.path, "index.snap", 1, r.entries, r.order()) == Written::whole);
  auto next = [&](std::uint64_t from_tag, std::uint64_t tag, const std::function<void(Rows&)>& change) {
    Loaded l = load(dir.path, from_tag);
    Rows& now = l.rows;
    change(now);
    Written w = IndexSnapshot::write(dir.path, "index.snap", tag, now.entries, now.order(), l.snap.get());
    CHECK(read_back(dir.path, tag) == text_of(now));
    return w;
  };
  // Case 10 removed, then back (read again: other bytes), then removed again.
  CHECK(next(1, 2, [](Rows& now) { now.entries.erase(now.entries.begin() + 9); }) == Written::delta);
  CHECK(next(2, 3, [](Rows& now) { now.entries.push_back(now.make(10, "back again")); }) == Written::delta);
  CHECK(read_back(dir.path, 3).size() == 400);
  CHECK(next(3, 4, [](Rows& now) {
          now.entries.erase(std::find_if(now.entries.begin(), now.entries.end(),
                                         [](const IndexEntry& e) { return e.key.seq == 10; }));
        }) == Written::delta);
  CHECK(read_back(dir.path, 4).size() == 399);
  // Every case removed: past the delta's limit (399 > 256), an empty whole copy.
  CHECK(next(4, 5, [](Rows& now) { now.entries.clear(); }) == Written::whole);
  CHECK(read_back(dir.path, 5).empty());
  // From an empty copy: a few cases added go to a delta.
  CHECK(next(5, 6, [](Rows& now) {
          for (int seq : {3, 1, 2}) now.entries.push_back(now.make(seq, "new"));
        }) == Written::delta);
  CHECK(read_back(dir.path, 6).size() == 3);
}
