// Temporary protective custody rules (一時保護, SPEC section 4): a custody has a start and a
// basis; only one is open at a time (each starts after the one before ended); an extension names
// who approved it, is dated within the custody, and extends the limit in force (start +
// policy.custody_days, or the last extension's until); the end comes on or after the start and
// every extension, with an outcome; no custody date is after today or before the referral (else
// the opening): dates.future and dates.order, the rules of core/rules_detail every event date
// follows. Being past the limit is a deadline (core/deadlines), never a refusal.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/deadlines.hpp"
#include "core/rules_detail.hpp"
#include "core/rules_safety.hpp"

namespace casectl {

using namespace rules_detail;

const Custody* open_custody(const Record& r) {
  if (r.custody.empty() || r.custody.back().ended) return nullptr;
  return &r.custody.back();
}

namespace {

// A custody date: not after today, not before the case's start (dates.future, dates.order).
void custody_date(Out& out, const OptDate& d, const std::string& field, const std::string& what,
                  const RuleContext& ctx) {
  DateCheck dc{out, ctx.today};
  dc.past(d, field, what);
  dc.after_start(d, field, what);
}

// Custody i starts after custody i-1 ended (one open at a time).
void check_one_open(Out& out, const Record& r, std::size_t i, const std::string& base) {
  if (i == 0) return;
  const Custody& prev = r.custody[i - 1];
  const Custody& k = r.custody[i];
  if (!prev.ended)
    out.add("custody.start-while-open", base + ".start",
            txf("custody {} starts while custody {} is still open", k.n, prev.n),
            txf("end custody {} first (casectl custody ID end), or extend it", prev.n));
  else if (k.start && *k.start < *prev.ended)
    out.add("custody.start-while-open", base + ".start",
            txf("custody {} starts on {}, before custody {} ended ({})", k.n, k.start->iso(), prev.n,
                prev.ended->iso()),
            txf("date it on or after {}", prev.ended->iso()));
}

// Extension j of custody k: approved by someone of the list, dated within the custody after the
// extension before it, extending the limit in force.
void check_extension(Out& out, const Custody& k, std::size_t j, const std::string& base, const RuleContext& ctx) {
  const CustodyExtension& e = k.extensions[j];
  const std::string path = fmt::format("{}.extensions[{}]", base, j);
  const std::string what = txf("extension {} of custody {}", j + 1, k.n);
  if (e.approved_by.empty())
    out.add("custody.approved-by-required", path + ".approved_by", txf("{} names no approval", what),
            txf("set approved_by: {} (an extension beyond the limit needs an approval)",
                enums::extension_approver.allowed()));
  if (!e.date)
    out.add("custody.extension-date", path + ".date", txf("{} has no date", what), tx("set the date (YYYY-MM-DD)"));
  else if (k.start && *e.date < *k.start)
    out.add("custody.extension-date", path + ".date",
            txf("{} ({}) is before the custody started ({})", what, e.date->iso(), k.start->iso()),
            txf("date it on or after {}", k.start->iso()));
  else if (j > 0 && k.extensions[j - 1].date && *e.date < *k.extensions[j - 1].date)
    out.add("custody.extension-date", path + ".date",
            txf("{} ({}) is before extension {} ({})", what, e.date->iso(), j, k.extensions[j - 1].date->iso()),
            txf("date it on or after {}", k.extensions[j - 1].date->iso()));
  custody_date(out, e.date, path + ".date", what, ctx);
  // The limit this extension extends: the one before it, else start + policy.custody_days.
  OptDate limit = custody_limit(k, ctx.config.policy, j);
  if (!e.until)
    out.add("custody.extension-until", path + ".until", txf("{} gives no new limit", what),
            tx("set until: the date the extended custody ends at the latest"));
  else if (limit && *e.until <= *limit)
    out.add("custody.extension-until", path + ".until",
            txf("{} runs until {}, which does not extend the limit in force ({})", what, e.until->iso(),
                limit->iso()),
            txf("set until after {}", limit->iso()));
}

// The end: on or after the start and every extension, with an outcome.
void check_end(Out& out, const Custody& k, const std::string& base, const RuleContext& ctx) {
  if (!k.ended) return;
  const std::string what = txf("the end of custody {}", k.n);
  if (k.start && *k.ended < *k.start)
    out.add("custody.end-order", base + ".ended",
            txf("{} ({}) is before its start ({})", what, k.ended->iso(), k.start->iso()),
            txf("date the end on or after {}", k.start->iso()));
  for (std::size_t j = 0; j < k.extensions.size(); ++j) {
    const OptDate& d = k.extensions[j].date;
    if (d && *k.ended < *d)
      out.add("custody.end-order", base + ".ended",
              txf("{} ({}) is before extension {} ({})", what, k.ended->iso(), j + 1, d->iso()),
              txf("date the end on or after {}", d->iso()));
  }
  if (k.outcome.empty())
    out.add("custody.outcome-required", base + ".outcome", txf("custody {} ended with no outcome", k.n),
            txf("set outcome: {}", enums::custody_outcome.allowed()));
  custody_date(out, k.ended, base + ".ended", what, ctx);
}

}  // namespace

std::vector<Problem> check_custody(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  check_sequence(out, r.custody, "custody", N_("custody"));
  for (std::size_t i = 0; i < r.custody.size(); ++i) {
    const Custody& k = r.custody[i];
    const std::string base = at("custody", i);
    if (!k.start)
      out.add("custody.start-required", base + ".start", txf("custody {} has no start date", k.n),
              tx("set start: YYYY-MM-DD (the day the child was taken into custody)"));
    custody_date(out, k.start, base + ".start", txf("the start of custody {}", k.n), ctx);
    if (k.basis.empty())
      out.add("custody.basis-required", base + ".basis", txf("custody {} names no basis", k.n),
              txf("set basis: {}", enums::custody_basis.allowed()));
    check_one_open(out, r, i, base);
    for (std::size_t j = 0; j < k.extensions.size(); ++j) check_extension(out, k, j, base, ctx);
    check_end(out, k, base, ctx);
  }
  return list;
}

}  // namespace casectl
