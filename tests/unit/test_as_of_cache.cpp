// The as-of cache (.casectl/asof.sqlite): what is kept is given back only for the same record
// stat, day and policy; unreadable and just-changed records are not kept; old days give way.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "core/as_of_cache.hpp"
#include "core/config.hpp"
#include "core/index_db.hpp"
#include "core/summary.hpp"
#include "fixtures.hpp"

using namespace casectl;
using casectl::test::cfg;
using casectl::test::D;
using casectl::test::planned;
using casectl::test::TempDir;

namespace {

using Kept = AsOfCache::Kept;
using Key = AsOfCache::Key;

constexpr std::int64_t kHourNs = 3600LL * 1000000000LL;

// When the records below were read: the clock when the tests began.
std::int64_t read_at() {
  static const std::int64_t start = wall_ns();
  return start;
}

// A record's key whose file last changed an hour before it was read (n tells records apart).
Key key(int n, std::int64_t changed_ns_ago = kHourNs) {
  std::int64_t mtime = read_at() - changed_ns_ago;
  return Key{fmt::format("cases/2026/00/C-2026-{:04}/case.yaml", n), FileStat{mtime, mtime, 1000 + n, 77 + n, true}};
}

Kept started(int n) {
  CaseSummary s = summarize(planned(), cfg().policy);
  s.id = fmt::format("C-2026-{:04}", n);
  s.path = key(n).path;
  return Kept{true, s};
}

// What find() gives for one key, as text: "none", "not started" or the summary's packed bytes.
std::string found(AsOfCache& cache, const Key& k, const char* day, const std::string& policy = "p1") {
  std::optional<Kept> got = cache.find({k}, D(day), policy)[0];
  if (!got) return "none";
  return got->started ? summary_pack(got->summary) : "not started";
}

}  // namespace

TEST_CASE("the as-of cache gives back what it kept only for the same stat, day and policy") {
  TempDir dir;
  const std::string file = dir.path + "/asof.sqlite";
  Key k1 = key(1), k2 = key(2);
  {
    AsOfCache cache(file);
    CHECK(found(cache, k1, "2026-10-31") == "none");
    cache.keep({k1, k2}, {started(1), Kept{false, {}}}, D("2026-10-31"), "p1", read_at());
  }
  AsOfCache cache(file);  // kept in the file
  CHECK(found(cache, k1, "2026-10-31") == summary_pack(started(1).summary));
  CHECK(found(cache, k2, "2026-10-31") == "not started");
  CHECK(found(cache, k1, "2026-11-01") == "none");        // another day
  CHECK(found(cache, k1, "2026-10-31", "p2") == "none");  // another deadline policy
  for (int field = 0; field < 5; ++field) {
    Key changed = k1;
    FileStat& st = changed.stat;
    if (field == 0) ++st.mtime_ns;
    if (field == 1) ++st.ctime_ns;
    if (field == 2) ++st.size;
    if (field == 3) ++st.inode;
    if (field == 4) st.regular = false;
    CHECK_MESSAGE(found(cache, changed, "2026-10-31") == "none", "stat field " << field);
  }
}

TEST_CASE("the as-of cache keeps no unreadable record, none changed in the last 2 seconds, and nothing not asked to") {
  TempDir dir;
  AsOfCache cache(dir.path + "/asof.sqlite");
  Kept unreadable = started(1);
  unreadable.summary.error = "cases/2026/00/C-2026-0001/case.yaml:3:1: not a mapping";
  Key just_now = key(2, 500000000), a_while_ago = key(3, 3000000000LL);
  cache.keep({key(1), just_now, a_while_ago, key(4)}, {unreadable, started(2), started(3), std::nullopt},
             D("2026-10-31"), "p1", read_at());
  CHECK(found(cache, key(1), "2026-10-31") == "none");
  CHECK(found(cache, just_now, "2026-10-31") == "none");
  CHECK(found(cache, a_while_ago, "2026-10-31") != "none");
  CHECK(found(cache, key(4), "2026-10-31") == "none");
}

TEST_CASE("the as-of cache keeps the days used last: past its days or summaries, the oldest day goes") {
  TempDir dir;
  Key k = key(1);
  {
    AsOfCache cache(dir.path + "/days.sqlite", 3);
    for (const char* day : {"2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31"})
      cache.keep({k}, {started(1)}, D(day), "p1", read_at());
    CHECK(found(cache, k, "2026-07-31") == "none");
    for (const char* day : {"2026-08-31", "2026-09-30", "2026-10-31"}) CHECK_MESSAGE(found(cache, k, day) != "none", day);
  }
  AsOfCache cache(dir.path + "/rows.sqlite", 24, 4);
  cache.keep({key(1), key(2), key(3)}, {started(1), started(2), started(3)}, D("2026-09-30"), "p1", read_at());
  cache.keep({key(1), key(2)}, {started(1), started(2)}, D("2026-10-31"), "p1", read_at());  // 5 > 4: 09-30 goes
  CHECK(found(cache, key(1), "2026-09-30") == "none");
  CHECK(found(cache, key(1), "2026-10-31") != "none");
  CHECK(found(cache, key(2), "2026-10-31") != "none");
  // The day just kept stays, even when it alone is over the limit.
  cache.keep({key(1), key(2), key(3), key(4), key(5)}, {started(1), started(2), started(3), started(4), started(5)},
             D("2026-11-30"), "p1", read_at());
  CHECK(found(cache, key(5), "2026-11-30") != "none");
}

TEST_CASE("the as-of cache keeps the day served last: a day asked for again outlives a day kept after it") {
  TempDir dir;
  const std::string file = dir.path + "/asof.sqlite";
  Key k = key(1);
  AsOfCache cache(file, 2);
  cache.keep({k}, {started(1)}, D("2026-08-31"), "p1", read_at());
  cache.keep({k}, {started(1)}, D("2026-09-30"), "p1", read_at());
  {
    Db db(file);  // both days last used long ago, 08-31 before 09-30
    db.exec("UPDATE kept SET used = 1 WHERE day = '2026-08-31'; UPDATE kept SET used = 2 WHERE day = '2026-09-30';");
  }
  CHECK(found(cache, k, "2026-08-31") != "none");  // served: now the day used last
  cache.keep({k}, {started(1)}, D("2026-10-31"), "p1", read_at());
  CHECK(found(cache, k, "2026-09-30") == "none");
  CHECK(found(cache, k, "2026-08-31") != "none");
  CHECK(found(cache, k, "2026-10-31") != "none");
}
