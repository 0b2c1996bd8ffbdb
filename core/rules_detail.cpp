// The helpers core/rules_detail.hpp declares for the rules_*.cpp files: workers named, ids
// quoted, review intervals, and the one copy of the event-date rules (dates.*).
#include "core/rules_detail.hpp"

#include "core/i18n.hpp"

namespace casectl::rules_detail {

void check_worker(Out& out, const RuleContext& ctx, const std::string& id,
                  const std::string& field, const char* what) {
  if (id.empty()) {
    out.add("worker.required", field, txf("{} names no worker", what),
            tx("name a worker registered in casectl.yaml"));
  } else if (!ctx.config.worker(id)) {
    out.add("worker.unknown", field,
            txf("{} {} is not a worker registered in casectl.yaml", what, show(id)),
            tx("name a registered worker, or register this one (casectl worker add)"));
  }
}

int review_days(const RuleContext& ctx, const std::string& risk) {
  auto it = ctx.config.policy.review_every.find(risk);
  return it == ctx.config.policy.review_every.end() ? -1 : it->second;
}

std::string show(const std::string& id) {
  return plain_id(id) ? "'" + id + "'" : std::string(tx("(a value that is not an id)"));
}

CaseStart case_start(const Record& r) {
  return r.referral.date ? CaseStart{r.referral.date, tx("the referral")}
                          : CaseStart{r.opened, tx("the opening of the case")};
}

void DateCheck::event(const OptDate& d, const std::string& field, const std::string& what) {
  if (!d) {
    out.add("dates.required", field, txf("{} has no date", what), tx("set the date (YYYY-MM-DD)"));
    return;
  }
  past(d, field, what);
}

void DateCheck::past(const OptDate& d, const std::string& field, const std::string& what) {
  if (d && *d > today)
    out.add("dates.future", field, txf("{} is dated {}, after today ({})", what, d->iso(), today.iso()),
            tx("correct the date: events are recorded once they have happened"));
}

void DateCheck::order(const OptDate& d, const std::string& field, const std::string& what, const OptDate& ref,
                      const std::string& ref_what) {
  if (d && ref && *d < *ref)
    out.add("dates.order", field, txf("{} ({}) is before {} ({})", what, d->iso(), ref_what, ref->iso()),
            txf("date it on or after {}, or correct the earlier date", ref->iso()));
}

void DateCheck::after_start(const OptDate& d, const std::string& field, const std::string& what) {
  CaseStart start = case_start(out.r);
  order(d, field, what, start.date, start.what);
}

}  // namespace casectl::rules_detail
