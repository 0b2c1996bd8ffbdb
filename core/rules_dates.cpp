// Date rules (SPEC section 4): every event has its date, none is after today, and each comes on
// or after the one it follows: referral <= opened <= first assessment <= plan <= review <=
// closure, reopening after the closure it reopened. Due dates, next reviews, service dates and consent
// expiry look ahead by nature and are only ordered, never compared with today. The client's
// birth date is neither after today nor before 1900; messages never quote it (personal data).
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// The latest stage event a closure in force must not precede.
struct Latest {
  OptDate date;
  std::string what;
  void take(const OptDate& d, const std::string& w) {
    if (d && (!date || *d >= *date)) {
      date = d;
      what = w;
    }
  }
};

// The client's birth date: not after today, not before 1900 (never quoted: personal data).
void birth_date(const Record& r, DateCheck& dc) {
  const OptDate& b = r.client.birth_date;
  if (b && *b > dc.today)
    dc.out.add("dates.birth-date", "client.birth_date", tx("the birth date is after today"),
               tx("correct the birth date (a child not yet born is recorded once born)"));
  else if (b && b->y < 1900)
    dc.out.add("dates.birth-date", "client.birth_date", tx("the birth date is before 1900"),
               tx("correct the birth date"));
}

// When a report was received (the referral's, each reopening's): not after now (to the minute
// when the time is known); a reopening's report not after the reopening's day.
void received(const Record& r, DateCheck& dc, const std::optional<DateTime>& now) {
  auto future = [&](const OptDateTime& t, const std::string& field) {
    if (t && (now ? *t > *now : t->date > dc.today))
      dc.out.add("dates.future", field, tx("the report is recorded as received after now"),
                 txf("correct {}: events are recorded once they have happened", field));
  };
  future(r.referral.received, "referral.received");
  for (std::size_t j = 0; j < r.reopenings.size(); ++j) {
    const Reopening& o = r.reopenings[j];
    const std::string field = at("reopenings", j) + ".received";
    future(o.received, field);
    if (o.received && o.date && o.received->date > *o.date)
      dc.out.add("dates.order", field,
                 txf("reopening {} is dated {}, before its report was received ({})", o.n, o.date->iso(),
                     o.received->str()),
                 tx("a case is reopened on or after the day the new report was received: correct one of them"));
    const Closure* closed = o.closure ? find_n(r.closures, *o.closure) : nullptr;
    if (o.received && closed && closed->date && o.received->date < *closed->date)
      dc.out.add("dates.order", field,
                 txf("the report of reopening {} was received on {}, before closure {} ({})", o.n,
                     o.received->date.iso(), closed->n, closed->date->iso()),
                 tx("a reopening answers a report received after the case closed: correct the time, or record the "
                    "report as a note of the closed case"));
  }
}

// The referral and the opening: the first events of a case.
void referral_dates(const Record& r, DateCheck& dc, Latest& latest) {
  const std::string referral = tx("the referral"), opening = tx("the opening of the case");
  dc.event(r.referral.date, "referral.date", referral);
  dc.event(r.opened, "opened", opening);
  dc.order(r.opened, "opened", opening, r.referral.date, referral);
  latest.take(r.referral.date, referral);
  latest.take(r.opened, opening);
}

// Each assessment after the opening and after the one before it; consultations in the past.
void assessment_dates(const Record& r, DateCheck& dc, Latest& latest) {
  for (std::size_t i = 0; i < r.assessments.size(); ++i) {
    const Assessment& a = r.assessments[i];
    const std::string base = at("assessments", i), what = txf("assessment {}", a.n);
    dc.event(a.date, base + ".date", what);
    if (i == 0)
      dc.order(a.date, base + ".date", what, r.opened, tx("the opening of the case"));
    else
      dc.order(a.date, base + ".date", what, r.assessments[i - 1].date,
               txf("assessment {}", r.assessments[i - 1].n));
    for (std::size_t k = 0; k < a.consulted.size(); ++k)
      dc.past(a.consulted[k].date, fmt::format("{}.consulted[{}].date", base, k),
              txf("consultation {} of {}", k + 1, what));
    latest.take(a.date, what);
  }
}

// True when goal g of plan plans[i] is kept from the plan before it with the same due date and
// the latest review of that plan found it achieved: a revision may keep it as it was.
bool kept_achieved(const Record& r, std::size_t i, const Goal& g) {
  if (i == 0) return false;
  const Plan& prev = r.plans[i - 1];
  const Goal* old = nullptr;
  for (const auto& x : prev.goals)
    if (x.id == g.id) old = &x;
  if (!old || old->due != g.due) return false;
  const Review* last = nullptr;
  for (const auto& rv : r.reviews)
    if (rv.plan == prev.n) last = &rv;
  if (!last) return false;
  for (const auto& pr : last->progress)
    if (pr.goal == g.id) return pr.status == "achieved";
  return false;
}

// Each plan after its assessment and the plan before it; its due, end and next review dates
// after what they follow.
void plan_dates(const Record& r, DateCheck& dc, Latest& latest) {
  for (std::size_t i = 0; i < r.plans.size(); ++i) {
    const Plan& p = r.plans[i];
    const std::string base = at("plans", i), what = txf("plan {}", p.n);
    dc.event(p.date, base + ".date", what);
    if (const Assessment* a = find_n(r.assessments, p.assessment))
      dc.order(p.date, base + ".date", what, a->date, txf("assessment {}", a->n));
    if (i > 0)
      dc.order(p.date, base + ".date", what, r.plans[i - 1].date,
               txf("plan {}", r.plans[i - 1].n));
    for (std::size_t j = 0; j < p.goals.size(); ++j)
      if (!kept_achieved(r, i, p.goals[j]))
        dc.order(p.goals[j].due, fmt::format("{}.goals[{}].due", base, j),
                 txf("the due date of goal {}", show(p.goals[j].id)), p.date, what);
    for (std::size_t j = 0; j < p.services.size(); ++j)
      dc.order(p.services[j].end, fmt::format("{}.services[{}].end", base, j),
               txf("the end of service {}", show(p.services[j].id)), p.services[j].start,
               tx("its start"));
    dc.order(p.next_review, base + ".next_review", txf("the next review of {}", what),
             p.date, what);
    latest.take(p.date, what);
  }
}

// Each review after its plan and the review before it; its next review after it.
void review_dates(const Record& r, DateCheck& dc, Latest& latest) {
  for (std::size_t i = 0; i < r.reviews.size(); ++i) {
    const Review& rv = r.reviews[i];
    const std::string base = at("reviews", i), what = txf("review {}", rv.n);
    dc.event(rv.date, base + ".date", what);
    if (const Plan* p = find_n(r.plans, rv.plan))
      dc.order(rv.date, base + ".date", what, p->date, txf("plan {}", p->n));
    if (i > 0)
      dc.order(rv.date, base + ".date", what, r.reviews[i - 1].date,
               txf("review {}", r.reviews[i - 1].n));
    dc.order(rv.next_review, base + ".next_review", txf("the next review after {}", what),
             rv.date, what);
    latest.take(rv.date, what);
  }
}

// Closures and reopenings alternate: each reopening on or after the closure it reopened, each
// later closure on or after the reopening before it; the closure in force after every stage
// event.
void closure_dates(const Record& r, DateCheck& dc, Latest& latest) {
  for (std::size_t j = 0; j < r.reopenings.size(); ++j) {
    const Reopening& o = r.reopenings[j];
    const std::string base = at("reopenings", j), what = txf("reopening {}", o.n);
    dc.event(o.date, base + ".date", what);
    if (j < r.closures.size())
      dc.order(o.date, base + ".date", what, r.closures[j].date, txf("closure {}", r.closures[j].n));
  }
  for (std::size_t i = 0; i < r.closures.size(); ++i) {
    const Closure& c = r.closures[i];
    const std::string base = at("closures", i), what = txf("closure {}", c.n);
    dc.event(c.date, base + ".date", what);
    if (i > 0 && i - 1 < r.reopenings.size()) {
      const Reopening& o = r.reopenings[i - 1];
      dc.order(c.date, base + ".date", what, o.date, txf("reopening {}", o.n));
    }
    if (&c == closure_in_force(r)) dc.order(c.date, base + ".date", what, latest.date, latest.what);
  }
}

// Approvals and amendments are events: each has its date, not after today, not before the case.
void act_dates(const Record& r, DateCheck& dc) {
  for (std::size_t j = 0; j < r.approvals.size(); ++j) {
    const std::string base = at("approvals", j), what = txf("approval {}", r.approvals[j].n);
    dc.event(r.approvals[j].date, base + ".date", what);
    dc.after_start(r.approvals[j].date, base + ".date", what);
  }
  for (std::size_t j = 0; j < r.amendments.size(); ++j) {
    const std::string base = at("amendments", j), what = txf("amendment {}", j + 1);
    dc.event(r.amendments[j].date, base + ".date", what);
    if (j > 0)
      dc.order(r.amendments[j].date, base + ".date", what, r.amendments[j - 1].date,
               txf("amendment {}", j));
  }
}

// Notes and consents belong to the case: none before the referral (or the opening); a
// consent's withdrawal and expiry after it was given.
void log_dates(const Record& r, DateCheck& dc) {
  for (std::size_t j = 0; j < r.notes.size(); ++j) {
    const std::string base = at("notes", j), what = txf("note {}", j + 1);
    dc.event(r.notes[j].date, base + ".date", what);
    dc.after_start(r.notes[j].date, base + ".date", what);
  }
  for (std::size_t j = 0; j < r.consents.size(); ++j) {
    const Consent& c = r.consents[j];
    const std::string base = at("consents", j), what = txf("consent {}", j + 1);
    dc.event(c.date, base + ".date", what);
    dc.after_start(c.date, base + ".date", what);
    dc.past(c.withdrawn, base + ".withdrawn", txf("the withdrawal of {}", what));
    dc.order(c.withdrawn, base + ".withdrawn", txf("the withdrawal of {}", what), c.date,
             what);
    dc.order(c.expires, base + ".expires", txf("the expiry of {}", what), c.date, what);
  }
}

}  // namespace

std::vector<Problem> check_dates(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  DateCheck dc{out, ctx.today};
  Latest latest;  // the latest stage event so far, which a closure in force must not precede
  birth_date(r, dc);
  received(r, dc, ctx.now);
  referral_dates(r, dc, latest);
  assessment_dates(r, dc, latest);
  plan_dates(r, dc, latest);
  review_dates(r, dc, latest);
  closure_dates(r, dc, latest);
  log_dates(r, dc);
  act_dates(r, dc);
  return list;
}

}  // namespace casectl
