// for_each_as_of(): the index's summaries, those changed since a day read again and cut at it.
#include "core/report_input.hpp"

#include <memory>
#include <optional>
#include <vector>

#include "core/as_of.hpp"
#include "core/as_of_cache.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/record_io.hpp"

namespace casectl {

namespace {

// A case to read again: its place, its folder's ID and its file.
struct Stale {
  std::size_t seq;
  std::string id, path;
};

// The summary of a stale case at the end of day; nullopt when it had not started.
std::optional<CaseSummary> read_as_of(const std::string& root, const Stale& c, const Date& day, const Policy& policy) {
  try {
    LoadedRecord loaded = load_record(root + "/" + c.path, c.path);
    require_own_id(loaded, c.id);
    std::optional<Record> then = record_as_of(loaded.record, day);
    if (!then) return std::nullopt;
    CaseSummary s = summarize(*then, policy);
    s.id = c.id;
    s.path = c.path;
    return s;
  } catch (const Error& e) {
    // Changed since the index read it: reported like any unreadable record.
    std::string place = e.place().str();
    return unreadable_summary(c.id, c.path, place.empty() ? std::string(e.what()) : place + ": " + e.what());
  }
}

}  // namespace

std::size_t for_each_as_of(const std::string& root, const CaseIndex& index, const Date& day, const Policy& policy,
                           const std::function<void(const CaseSummary&, std::size_t)>& fn,
                           const SummaryFields& wanted) {
  std::vector<Stale> stale;
  std::size_t seq = 0;
  SummaryFields fields = wanted;
  fields |= SummaryFields::of({"path", "referral_date", "opened", "last_event"});  // what picks the stale ones
  index.for_each({}, [&](const CaseSummary& s) {
    std::size_t at = seq++;
    if (s.ok() && after_day(s.started(), day)) return;
    if (s.ok() && after_day(s.last_event, day))
      stale.push_back(Stale{at, s.id, s.path});
    else
      fn(s, at);
  }, fields);
  if (stale.empty()) return 0;
  // What the as-of cache keeps of them at this day; the others read (on every core), then kept.
  // A cache busy past its timeout is passed over (an unsafe file is refused: as_of_cache_file()).
  const std::string file = as_of_cache_file(root);
  std::unique_ptr<AsOfCache> cache;
  try {
    cache = std::make_unique<AsOfCache>(file);
  } catch (const Error&) {
    cache = std::make_unique<AsOfCache>("");
  }
  const std::string policy_key = deadline_policy_key(policy);
  std::vector<AsOfCache::Key> keys;
  for (const Stale& c : stale) {
    std::optional<FileStat> st = index.record_stat(c.id);
    keys.push_back(AsOfCache::Key{c.path, st ? *st : FileStat{0, 0, 0, 0, false}});
  }
  std::vector<std::optional<AsOfCache::Kept>> got = cache->find(keys, day, policy_key);
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < stale.size(); ++i)
    if (!got[i]) todo.push_back(i);
  std::vector<std::optional<CaseSummary>> read(todo.size());
  const std::int64_t read_from = wall_ns();
  parallel_for(todo.size(), [&](std::size_t t) { read[t] = read_as_of(root, stale[todo[t]], day, policy); });
  std::vector<AsOfCache::Key> read_keys;
  std::vector<std::optional<AsOfCache::Kept>> fresh;
  for (std::size_t t = 0; t < todo.size(); ++t) {
    read_keys.push_back(keys[todo[t]]);
    fresh.push_back(AsOfCache::Kept{read[t].has_value(), read[t] ? std::move(*read[t]) : CaseSummary{}});
  }
  cache->keep(read_keys, fresh, day, policy_key, read_from);
  for (std::size_t t = 0; t < todo.size(); ++t) got[todo[t]] = std::move(fresh[t]);
  for (std::size_t i = 0; i < stale.size(); ++i)
    if (got[i] && got[i]->started) fn(got[i]->summary, stale[i].seq);
  return todo.size();
}

DateTime judged_at(const Date& day) { return day == today() ? now() : DateTime{day, 23, 59}; }

}  // namespace casectl
