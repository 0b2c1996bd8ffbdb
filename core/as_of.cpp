// record_as_of(): the record at the end of a past day, from its event dates.
#include "core/as_of.hpp"

#include <algorithm>

#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

namespace {

bool after(const OptDate& d, const Date& day) { return d && *d > day; }

// Drops the entries of list dated after day (by date_of(entry)); true when any was dropped.
template <class T, class F> bool drop_after(std::vector<T>& list, const Date& day, F date_of) {
  auto from = std::remove_if(list.begin(), list.end(), [&](const T& e) { return after(date_of(e), day); });
  bool dropped = from != list.end();
  list.erase(from, list.end());
  return dropped;
}

template <class T> bool drop_dated_after(std::vector<T>& list, const Date& day) {
  return drop_after(list, day, [](const T& e) -> const OptDate& { return e.date; });
}

OptDate day_of(const OptDateTime& t) { return t ? OptDate(t->date) : std::nullopt; }

// The status the stages of r give (SPEC section 4's table): closed while a closure is in force;
// else active when a plan answers the episode's latest assessment, assessed when an assessment
// comes after the last reopening (as rules_status reads it: one on the reopening's day may have
// come before the closure), intake otherwise.
std::string status_from_stages(const Record& r) {
  if (closure_in_force(r)) return "closed";
  const Assessment* a = latest_assessment(r);
  const Reopening* re = r.reopenings.empty() ? nullptr : &r.reopenings.back();
  if (!a || (re && !(re->date && a->date && *a->date > *re->date))) return "intake";
  const Plan* p = plan_in_force(r);
  return p && p->assessment >= a->n ? "active" : "assessed";
}

}  // namespace

OptDate last_event(const Record& r) {
  OptDate last;
  auto take = [&](const OptDate& d) {
    if (d && (!last || *d > *last)) last = d;
  };
  take(r.opened);
  take(r.referral.date);
  take(day_of(r.referral.received));
  for (const auto& c : r.safety_checks) take(day_of(c.at));
  for (const auto& a : r.assessments) take(a.date);
  for (const auto& k : r.custody) {
    take(k.start);
    take(k.ended);
    for (const auto& e : k.extensions) take(e.date);
  }
  for (const auto& c : r.conferences) take(c.date);
  for (const auto& p : r.plans) take(p.date);
  for (const auto& v : r.reviews) take(v.date);
  for (const auto& n : r.notes) take(n.date);
  for (const auto& c : r.consents) {
    take(c.date);
    take(c.withdrawn);
  }
  for (const auto& d : r.disclosures) take(d.date);
  for (const auto& a : r.approvals) take(a.date);
  for (const auto& a : r.assignments) take(a.date);
  for (const auto& c : r.closures) take(c.date);
  for (const auto& o : r.reopenings) {
    take(o.date);
    take(day_of(o.received));
  }
  return last;
}

std::optional<Record> record_as_of(const Record& r, const Date& day) {
  if (after(rules_detail::case_start(r).date, day)) return std::nullopt;
  Record x = r;
  bool dropped = false;
  dropped |= drop_after(x.safety_checks, day, [](const SafetyCheck& c) { return day_of(c.at); });
  dropped |= drop_dated_after(x.assessments, day);
  dropped |= drop_after(x.custody, day, [](const Custody& k) { return k.start; });
  for (Custody& k : x.custody) {
    dropped |= drop_dated_after(k.extensions, day);
    if (after(k.ended, day)) {
      k.ended.reset();
      k.outcome.clear();
      dropped = true;
    }
  }
  dropped |= drop_dated_after(x.conferences, day);
  dropped |= drop_dated_after(x.plans, day);
  dropped |= drop_dated_after(x.reviews, day);
  dropped |= drop_dated_after(x.notes, day);
  dropped |= drop_dated_after(x.consents, day);
  for (Consent& c : x.consents)
    if (after(c.withdrawn, day)) {
      c.withdrawn.reset();
      dropped = true;
    }
  dropped |= drop_dated_after(x.disclosures, day);
  dropped |= drop_dated_after(x.approvals, day);
  dropped |= drop_dated_after(x.amendments, day);
  dropped |= drop_dated_after(x.closures, day);
  dropped |= drop_dated_after(x.reopenings, day);
  // The worker in charge then: the one the first later handover took the case from.
  auto later = std::find_if(x.assignments.begin(), x.assignments.end(),
                            [&](const Assignment& a) { return after(a.date, day); });
  if (later != x.assignments.end() && !later->from.empty()) x.worker = later->from;
  dropped |= drop_dated_after(x.assignments, day);
  if (dropped) x.status = status_from_stages(x);
  return x;
}

}  // namespace casectl
