// summaries_as_of(): the index's summaries, those changed since a day read again and cut at it.
#include "core/report_input.hpp"

#include "core/as_of.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/record_io.hpp"

namespace casectl {

namespace {

bool after(const OptDate& d, const Date& day) { return d && *d > day; }

}  // namespace

std::vector<CaseSummary> summaries_as_of(const std::string& root, std::vector<CaseSummary> current,
                                         const Date& day, const Policy& policy, std::size_t* read) {
  std::vector<CaseSummary> out;
  std::vector<std::size_t> stale;  // indexes into out of the summaries to read again
  for (CaseSummary& s : current) {
    // Not yet started: the case starts with its referral, else its opening (record_as_of).
    if (s.ok() && after(s.referral_date ? s.referral_date : s.opened, day)) continue;
    if (s.ok() && after(s.last_event, day)) stale.push_back(out.size());
    out.push_back(std::move(s));
  }
  std::vector<char> gone(out.size(), 0);
  parallel_for(stale.size(), [&](std::size_t i) {
    CaseSummary& s = out[stale[i]];
    try {
      LoadedRecord loaded = load_record(root + "/" + s.path, s.path);
      require_own_id(loaded, s.id);
      std::optional<Record> then = record_as_of(loaded.record, day);
      if (!then) {
        gone[stale[i]] = 1;
        return;
      }
      CaseSummary fresh = summarize(*then, policy);
      fresh.id = s.id;
      fresh.path = s.path;
      s = std::move(fresh);
    } catch (const Error& e) {
      // Changed since the index read it: reported like any unreadable record.
      std::string place = e.place().str();
      s = unreadable_summary(s.id, s.path, place.empty() ? std::string(e.what()) : place + ": " + e.what());
    }
  });
  if (read) *read = stale.size();
  std::vector<CaseSummary> kept;
  kept.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!gone[i]) kept.push_back(std::move(out[i]));
  return kept;
}

DateTime judged_at(const Date& day) { return day == today() ? now() : DateTime{day, 23, 59}; }

}  // namespace casectl
