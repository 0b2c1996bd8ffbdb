// The deadline model (SPEC section 4, "Deadlines"): every deadline of a case in one place, each
// from the record and casectl.yaml's policy alone. Deadlines never block a command; `show`
// prints a case's, `list` its next one, and `due` and the reports (issue 12) read only this.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/record.hpp"

namespace casectl {

// What a deadline is for. The codes are a stable interface (json, csv).
enum class DeadlineKind {
  safety_check,   // the child seen within policy.safety_check_hours of referral.received (安全確認)
  assessment,     // first assessment within policy.assessment_due[urgency] days of the referral
                  // (after a reopening: of its report, by reopenings[].urgency when given)
  plan,           // a plan within policy.plan_due days of the assessment it answers
  review,         // the next review by the plan's or the latest review's next_review
  revision,       // a new plan after a review decided revise-plan (or reassess: assessment first)
  reassessment,   // a new assessment after a review decided reassess (the urgency of its episode)
  custody,        // an open protective custody's limit: start + policy.custody_days, or its last extension's until
  service_end,    // a service of the plan in force past its end, not reviewed since
  consent_expiry  // a consent that expires (not withdrawn)
};

// Every kind, in the order above.
inline constexpr DeadlineKind kDeadlineKinds[] = {
    DeadlineKind::safety_check, DeadlineKind::assessment, DeadlineKind::plan,
    DeadlineKind::review,       DeadlineKind::revision,   DeadlineKind::reassessment,
    DeadlineKind::custody,      DeadlineKind::service_end, DeadlineKind::consent_expiry};

// Its code ("safety-check", "custody", ...).
const char* code(DeadlineKind k);
// The kind whose code() is `text`; nullopt for any other text.
std::optional<DeadlineKind> deadline_kind(std::string_view text);

struct Deadline {
  DeadlineKind kind;
  // When it falls due. Day deadlines are due at the end of their day (23:59); the safety check
  // to the minute (received + hours); `date` is due's day either way.
  DateTime due;
  std::string ref;      // what it is about, as the record numbers it: "custody 1", "service S2", "plan 1", "consent 2"; "" for the case
  bool met = false;     // kept for the record: met (on `met_at`), so not outstanding
  std::optional<DateTime> met_at;
  bool urgent = false;  // the most urgent kind: an unsafe safety check with no assessment since
};

// Every deadline of the case, outstanding or met, sorted by due time (urgent first). Closed
// cases have no outstanding deadline except what a closure leaves open (none today). A case
// reopened after a closure starts the safety check again from its new referral.received.
std::vector<Deadline> case_deadlines(const Record& r, const Policy& policy);

// The outstanding ones (not met), sorted: urgent first, then by due.
std::vector<Deadline> outstanding(const std::vector<Deadline>& all);

// That order, for deadlines known by their urgency and due time alone (a case's, or `due`'s
// across cases): true when deadline a comes before b.
bool more_urgent(bool a_urgent, const DateTime& a_due, bool b_urgent, const DateTime& b_due);
// That order as a number pair to sort by (smaller first): (0 when urgent else 1, due minutes).
std::pair<int, long> urgency_key(bool urgent, const DateTime& due);

// Overdue at `now`: outstanding and due before now.
bool overdue(const Deadline& d, const DateTime& now);

// The urgency in force: the latest reopening's own (reopenings[].urgency) when given, else the
// referral's. list's URGENCY column and the latest episode's deadlines use it.
std::string current_urgency(const Record& r);

// The safety-check deadline of the latest report: referral.received, or the last reopening's
// received (its day at 00:00 when it has none), plus policy.safety_check_hours; none when the
// referral's time is not recorded. What `new` and `reopen` print.
std::optional<DateTime> safety_check_due(const Record& r, const Policy& policy);

// How a safety check stands against the report it answers (SPEC section 4): the referral, or the
// reopening whose new report it follows, as the deadline model assigns it (a reopening's report
// received before the reopening day owns the checks from its time on).
struct CheckTiming {
  int reopening = 0;                  // 0: the referral's report; else the reopening's n
  std::optional<DateTime> received;   // when that report was received; none when not recorded
  long minutes = 0;                   // from received to the check (0 when not recorded)
  bool late = false;                  // after received + policy.safety_check_hours
};

// The timing of safety check c; none when c has no time or follows no report of the record.
std::optional<CheckTiming> check_timing(const Record& r, const SafetyCheck& c, const Policy& policy);

// The limit of custody k: start + policy.custody_days, moved by each extension that gives an
// `until`; only the first `extensions` extensions count, and with `as_of` only those decided by
// then (what a document dated that day knew). Nullopt without a start. The one place the custody
// limit is computed (deadlines, rules, show, documents).
OptDate custody_limit(const Custody& k, const Policy& policy, std::size_t extensions = static_cast<std::size_t>(-1),
                      const OptDate& as_of = std::nullopt);

// A DateTime plus a number of hours (calendar arithmetic on local wall time).
DateTime add_hours(const DateTime& t, long hours);

// overdue() for an outstanding deadline known by its due time alone (the case index's summary).
bool past_due(const DateTime& due, const DateTime& now);

// The policy values case_deadlines() reads, as stable text: deadlines computed under another
// text may differ (the case index reads every record again when it changes).
std::string deadline_policy_key(const Policy& policy);

}  // namespace casectl
