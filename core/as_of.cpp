// record_as_of(): the record at the end of a past day, from its event dates.
#include "core/as_of.hpp"

#include <algorithm>

#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

namespace {

// Drops the entries of list dated after day (by date_of(entry)); true when any was dropped.
template <class T, class F> bool drop_after(std::vector<T>& list, const Date& day, F date_of) {
  auto from = std::remove_if(list.begin(), list.end(), [&](const T& e) { return after_day(date_of(e), day); });
  bool dropped = from != list.end();
  list.erase(from, list.end());
  return dropped;
}

template <class T> bool drop_dated_after(std::vector<T>& list, const Date& day) {
  return drop_after(list, day, [](const T& e) -> const OptDate& { return e.date; });
}

OptDate day_of(const OptDateTime& t) { return t ? OptDate(t->date) : std::nullopt; }

// True when assessment a belongs to the episode the last reopening began: dated after the
// reopening, or after the closure it reopened (a closed case cannot be assessed, so an
// assessment on the reopening day after a closure on an earlier day came after the reopening).
bool in_reopened_episode(const Record& r, const Assessment& a) {
  const Reopening& re = r.reopenings.back();
  if (!a.date || !re.date) return false;
  if (*a.date > *re.date) return true;
  const Closure* reopened = re.closure ? find_n(r.closures, *re.closure) : nullptr;
  if (!reopened && r.reopenings.size() <= r.closures.size()) reopened = &r.closures[r.reopenings.size() - 1];
  return *a.date == *re.date && reopened && reopened->date && *reopened->date < *a.date;
}

// The status the stages of r give (SPEC section 4's table): closed while a closure is in force;
// else active when a plan answers the episode's latest assessment, assessed when the episode
// has an assessment, intake otherwise.
std::string status_from_stages(const Record& r) {
  if (closure_in_force(r)) return "closed";
  const Assessment* a = latest_assessment(r);
  if (!a || (!r.reopenings.empty() && !in_reopened_episode(r, *a))) return "intake";
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
  for (const auto& a : r.amendments) take(a.date);
  for (const auto& c : r.closures) take(c.date);
  for (const auto& o : r.reopenings) {
    take(o.date);
    take(day_of(o.received));
  }
  return last;
}

std::optional<Record> record_as_of(const Record& r, const Date& day) {
  if (after_day(rules_detail::case_start(r).date, day)) return std::nullopt;
  Record x = r;
  bool dropped = false;  // a stage (assessment, plan, review, closure, reopening) left out: status again
  drop_after(x.safety_checks, day, [](const SafetyCheck& c) { return day_of(c.at); });
  dropped |= drop_dated_after(x.assessments, day);
  drop_after(x.custody, day, [](const Custody& k) { return k.start; });
  for (Custody& k : x.custody) {
    drop_dated_after(k.extensions, day);
    if (after_day(k.ended, day)) {
      k.ended.reset();
      k.outcome.clear();
    }
  }
  drop_dated_after(x.conferences, day);
  dropped |= drop_dated_after(x.plans, day);
  dropped |= drop_dated_after(x.reviews, day);
  drop_dated_after(x.notes, day);
  drop_dated_after(x.consents, day);
  for (Consent& c : x.consents)
    if (after_day(c.withdrawn, day)) c.withdrawn.reset();
  drop_dated_after(x.disclosures, day);
  drop_dated_after(x.approvals, day);
  dropped |= drop_dated_after(x.closures, day);
  dropped |= drop_dated_after(x.reopenings, day);
  // The worker in charge then: the one the earliest later handover took the case from (by date:
  // a merge may leave the list out of order).
  const Assignment* later = nullptr;
  for (const Assignment& a : x.assignments)
    if (after_day(a.date, day) && (!later || *a.date < *later->date)) later = &a;
  if (later && !later->from.empty()) x.worker = later->from;
  drop_dated_after(x.assignments, day);
  if (dropped) x.status = status_from_stages(x);
  return x;
}

}  // namespace casectl
