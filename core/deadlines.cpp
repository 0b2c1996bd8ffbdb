// The deadline model: each kind of deadline computed from the record and the policy, once.
#include "core/deadlines.hpp"

#include "core/ids.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace casectl {

namespace {

// The end of a day deadline's day.
DateTime end_of(const Date& d) { return DateTime{d, 23, 59}; }

int days_for(const std::map<std::string, int>& table, const std::string& key, int fallback) {
  auto it = table.find(key);
  return it == table.end() ? fallback : it->second;
}

// One referral of the case: the first (referral) or a reopening's. Everything between its start
// and the next episode's start belongs to it. A reopening's report received before the
// reopening day (the evening before) starts its episode at that time.
struct Episode {
  Date start;                        // referral.date (else opened); a reopening's date or its report's, the earlier
  std::optional<DateTime> received;  // when the report was received
  std::optional<DateTime> next;      // when the next episode starts, none for the latest
  int reopening = 0;                 // 0 for the referral, else the reopening's n
  bool recorded = true;              // received as recorded (a reopening without it: its day, 00:00)
  std::string urgency;               // the referral's, or the reopening's own when given
};

std::vector<Episode> episodes(const Record& r) {
  std::vector<Episode> out;
  Date first = r.referral.date ? *r.referral.date : r.opened ? *r.opened : Date{};
  out.push_back(
      Episode{first, r.referral.received, std::nullopt, 0, r.referral.received.has_value(), r.referral.urgency});
  for (const auto& o : r.reopenings) {
    if (!o.date) continue;
    DateTime begins{*o.date, 0, 0};
    if (o.received && *o.received < begins) begins = *o.received;  // reported the evening before
    out.back().next = begins;
    out.push_back(Episode{begins.date, o.received ? o.received : begins, std::nullopt, o.n, o.received.has_value(),
                          o.urgency.empty() ? r.referral.urgency : o.urgency});
  }
  return out;
}

// A day within episode e: from its start's day to the day before the next one's.
bool within(const Date& d, const Episode& e) { return d >= e.start && (!e.next || d < e.next->date); }

// The episode a day falls in (the first one for a day before the referral).
const Episode& episode_of(const Date& d, const std::vector<Episode>& eps) {
  for (const Episode& e : eps)
    if (within(d, e)) return e;
  return eps.front();
}

// True when a check at `at` answers episode e's report: not before it was received (its day,
// when the time is not recorded) and before the next episode starts, to the minute.
bool answers(const DateTime& at, const Episode& e) {
  bool after = e.received ? !(at < *e.received) : at.date >= e.start;
  return after && (!e.next || at < *e.next);
}

bool closed(const Record& r) { return r.status == "closed"; }

struct Builder {
  const Record& r;
  const Policy& policy;
  std::vector<Deadline> out;

  void add(DeadlineKind k, DateTime due, std::string ref, std::optional<DateTime> met_at, bool urgent = false) {
    out.push_back(Deadline{k, due, std::move(ref), met_at.has_value(), met_at, urgent});
  }

  // Seen within safety_check_hours of each report (a check whose method is not-seen does not
  // count); an unsafe outcome with no assessment on or after its day makes that assessment the
  // most urgent deadline.
  void safety_checks(const std::vector<Episode>& eps) {
    for (std::size_t i = 0; i < eps.size(); ++i) {
      const Episode& e = eps[i];
      if (!e.received) continue;
      DateTime due = add_hours(*e.received, policy.safety_check_hours);
      std::optional<DateTime> seen;
      for (const auto& c : r.safety_checks)
        if (c.at && c.method != "not-seen" && answers(*c.at, e)) {
          seen = *c.at;
          break;
        }
      bool latest = i + 1 == eps.size();
      if (seen || (latest && !closed(r)))
        add(DeadlineKind::safety_check, due, eps.size() > 1 ? fmt::format("referral {}", i + 1) : "", seen);
    }
  }

  // The first assessment of each referral, by its urgency; urgent at once after an unsafe check.
  void assessments(const std::vector<Episode>& eps) {
    for (std::size_t i = 0; i < eps.size(); ++i) {
      const Episode& e = eps[i];
      DateTime due = end_of(e.start.add_days(days_for(policy.assessment_due, e.urgency, 14)));
      std::optional<DateTime> met;
      for (const auto& a : r.assessments)
        if (a.date && within(*a.date, e)) {
          met = end_of(*a.date);
          break;
        }
      bool latest = i + 1 == eps.size();
      if (!met && (!latest || closed(r))) continue;
      bool urgent = false;
      if (!met)
        for (const auto& c : r.safety_checks)
          if (c.at && c.outcome == "unsafe" && answers(*c.at, e)) {
            urgent = true;
            if (*c.at < due) due = *c.at;
          }
      add(DeadlineKind::assessment, due, "", met, urgent);
      if (met && latest && !closed(r)) unsafe_since_assessment(e);
    }
  }

  // An unsafe check with no assessment on or after its day, in an episode already assessed: a
  // new assessment is the most urgent item, due at once.
  void unsafe_since_assessment(const Episode& e) {
    for (const auto& c : r.safety_checks) {
      if (!c.at || c.outcome != "unsafe" || !answers(*c.at, e)) continue;
      bool assessed = false;
      for (const auto& a : r.assessments) assessed = assessed || (a.date && *a.date >= c.at->date);
      if (!assessed) add(DeadlineKind::assessment, *c.at, fmt::format("safety check {}", c.n), std::nullopt, true);
    }
  }

  // A plan answering each assessment: met by the plan that names it; outstanding for the
  // latest assessment of an open case while none does.
  void plans() {
    for (std::size_t i = 0; i < r.assessments.size(); ++i) {
      const Assessment& a = r.assessments[i];
      if (!a.date) continue;
      std::optional<DateTime> met;
      for (const auto& p : r.plans)
        if (p.assessment == a.n && p.date) {
          met = end_of(*p.date);
          break;
        }
      bool latest = i + 1 == r.assessments.size();
      if (met || (latest && !closed(r) && r.status == "assessed"))
        add(DeadlineKind::plan, end_of(a.date->add_days(policy.plan_due)), fmt::format("assessment {}", a.n), met);
    }
  }

  // Each plan's reviews: the plan's next_review met by its first review, each review's
  // next_review by the next; the last one outstanding while the case is active.
  void reviews() {
    for (std::size_t i = 0; i < r.plans.size(); ++i) {
      const Plan& p = r.plans[i];
      bool in_force = i + 1 == r.plans.size() && r.status == "active";
      OptDate next = p.next_review;
      for (const auto& rv : r.reviews) {
        if (rv.plan != p.n || !rv.date) continue;
        if (next) add(DeadlineKind::review, end_of(*next), fmt::format("plan {}", p.n), end_of(*rv.date));
        next = rv.decision == "close" ? OptDate() : rv.next_review;
      }
      if (next && in_force && !waits_for_new_plan()) add(DeadlineKind::review, end_of(*next), fmt::format("plan {}", p.n), std::nullopt);
    }
  }

  // The latest review, of the plan in force, decided revise-plan or reassess: no new plan since.
  bool waits_for_new_plan() const {
    if (r.reviews.empty() || !r.reviews.back().date || r.plans.empty()) return false;
    const Review& last = r.reviews.back();
    return last.plan == r.plans.back().n && (last.decision == "revise-plan" || last.decision == "reassess");
  }

  void revisions(const std::vector<Episode>& eps) {
    for (const auto& rv : r.reviews) {
      if (!rv.date || (rv.decision != "revise-plan" && rv.decision != "reassess")) continue;
      bool reassess = rv.decision == "reassess";
      std::optional<DateTime> met;
      if (reassess) {
        for (const auto& a : r.assessments)
          if (a.date && *a.date >= *rv.date) {
            met = end_of(*a.date);
            break;
          }
      } else {
        for (const auto& p : r.plans)
          if (p.date && *p.date >= *rv.date && p.n > rv.plan) {
            met = end_of(*p.date);
            break;
          }
      }
      if (!met && (closed(r) || *rv.date < eps.back().start)) continue;  // closed, or asked before a reopening
      int days = reassess ? days_for(policy.assessment_due, episode_of(*rv.date, eps).urgency, 14) : policy.plan_due;
      add(reassess ? DeadlineKind::reassessment : DeadlineKind::revision, end_of(rv.date->add_days(days)),
          fmt::format("review {}", rv.n), met);
    }
  }

  // An open custody's limit; an ended one is kept as met on its end.
  void custody() {
    for (const auto& c : r.custody) {
      if (!c.start) continue;
      std::optional<DateTime> met = c.ended ? std::optional<DateTime>(end_of(*c.ended)) : std::nullopt;
      add(DeadlineKind::custody, end_of(*custody_limit(c, policy)), fmt::format("custody {}", c.n), met);
    }
  }

  // The services of the plan in force past their end: a review on or after the end that reports
  // on the service meets it.
  void services() {
    if (r.plans.empty() || r.status != "active") return;  // after a reopening: the old plan is not in force
    const Plan& p = r.plans.back();
    for (const auto& s : p.services) {
      if (!s.end) continue;
      std::optional<DateTime> met;
      for (const auto& rv : r.reviews)
        if (rv.plan == p.n && rv.date && *rv.date >= *s.end)
          for (const auto& d : rv.services)
            if (d.service == s.id && !met) met = end_of(*rv.date);
      add(DeadlineKind::service_end, end_of(*s.end), plain_id(s.id) ? fmt::format("service {}", s.id) : "service ?", met);
    }
  }

  // A consent's expiry, unless withdrawn; met when renewed (a later consent to the same party
  // expiring later, or without expiry).
  void consents() {
    for (const auto& c : r.consents) {
      if (!c.expires || c.withdrawn) continue;
      std::optional<DateTime> met;
      for (const auto& later : r.consents)
        if (later.n > c.n && later.party == c.party && !later.withdrawn && later.date &&
            (!later.expires || *later.expires > *c.expires)) {
          met = end_of(*later.date);
          break;
        }
      if (!met && closed(r)) continue;
      add(DeadlineKind::consent_expiry, end_of(*c.expires), fmt::format("consent {}", c.n), met);
    }
  }
};

bool before(const Deadline& a, const Deadline& b) { return more_urgent(a.urgent, a.due, b.urgent, b.due); }

}  // namespace

const char* code(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::safety_check: return "safety-check";
    case DeadlineKind::assessment: return "assessment";
    case DeadlineKind::plan: return "plan";
    case DeadlineKind::review: return "review";
    case DeadlineKind::revision: return "revision";
    case DeadlineKind::reassessment: return "reassessment";
    case DeadlineKind::custody: return "custody";
    case DeadlineKind::service_end: return "service-end";
    case DeadlineKind::consent_expiry: return "consent-expiry";
  }
  return "";
}

std::optional<DeadlineKind> deadline_kind(std::string_view text) {
  for (DeadlineKind k : kDeadlineKinds)
    if (text == code(k)) return k;
  return std::nullopt;
}

DateTime add_hours(const DateTime& t, long hours) {
  long m = t.minutes() + hours * 60;
  long days = m / 1440;
  if (m % 1440 < 0) --days;
  long rest = m - days * 1440;
  return DateTime{Date::from_days(days), static_cast<int>(rest / 60), static_cast<int>(rest % 60)};
}

OptDate custody_limit(const Custody& k, const Policy& policy, std::size_t extensions, const OptDate& as_of) {
  if (!k.start) return std::nullopt;
  Date limit = k.start->add_days(policy.custody_days);
  for (std::size_t j = 0; j < k.extensions.size() && j < extensions; ++j) {
    const CustodyExtension& x = k.extensions[j];
    if (as_of && (!x.date || *as_of < *x.date)) continue;
    if (x.until) limit = *x.until;
  }
  return limit;
}

std::string current_urgency(const Record& r) {
  for (auto o = r.reopenings.rbegin(); o != r.reopenings.rend(); ++o)
    if (o->date) return o->urgency.empty() ? r.referral.urgency : o->urgency;
  return r.referral.urgency;
}

std::optional<DateTime> safety_check_due(const Record& r, const Policy& policy) {
  const Episode latest = episodes(r).back();
  if (!latest.received) return std::nullopt;
  return add_hours(*latest.received, policy.safety_check_hours);
}

std::optional<CheckTiming> check_timing(const Record& r, const SafetyCheck& c, const Policy& policy) {
  if (!c.at) return std::nullopt;
  for (const Episode& e : episodes(r)) {
    if (!answers(*c.at, e)) continue;
    CheckTiming t;
    t.reopening = e.reopening;
    if (e.recorded && e.received) {
      t.received = e.received;
      t.minutes = std::max(0L, c.at->minutes() - e.received->minutes());
      t.late = add_hours(*e.received, policy.safety_check_hours) < *c.at;
    }
    return t;
  }
  return std::nullopt;
}

std::vector<Deadline> case_deadlines(const Record& r, const Policy& policy) {
  Builder b{r, policy, {}};
  std::vector<Episode> eps = episodes(r);
  b.safety_checks(eps);
  b.assessments(eps);
  b.plans();
  b.reviews();
  b.revisions(eps);
  b.custody();
  b.services();
  b.consents();
  std::stable_sort(b.out.begin(), b.out.end(), before);
  return b.out;
}

std::vector<Deadline> outstanding(const std::vector<Deadline>& all) {
  std::vector<Deadline> out;
  for (const auto& d : all)
    if (!d.met) out.push_back(d);
  std::stable_sort(out.begin(), out.end(), before);
  return out;
}

std::pair<int, long> urgency_key(bool urgent, const DateTime& due) { return {urgent ? 0 : 1, due.minutes()}; }

bool more_urgent(bool a_urgent, const DateTime& a_due, bool b_urgent, const DateTime& b_due) {
  return urgency_key(a_urgent, a_due) < urgency_key(b_urgent, b_due);
}

bool overdue(const Deadline& d, const DateTime& now) { return !d.met && past_due(d.due, now); }

bool past_due(const DateTime& due, const DateTime& now) { return due < now; }

// Every policy value the Builder reads, and only those.
std::string deadline_policy_key(const Policy& policy) {
  std::string out = "assessment_due:";
  for (const auto& [urgency, days] : policy.assessment_due) out += fmt::format(" {}={}", urgency, days);
  return out + fmt::format("; plan_due: {}; safety_check_hours: {}; custody_days: {}", policy.plan_due,
                           policy.safety_check_hours, policy.custody_days);
}

}  // namespace casectl
