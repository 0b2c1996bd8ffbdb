// The derived facts of one case that `list`, `due` and the reports need, computed from a record
// by summarize() alone, so that the index (core/index.hpp) can keep them instead of the record.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/deadlines.hpp"
#include "core/record.hpp"

namespace casectl {

// The items of a summary's lists visit their fields like a summary (summary_fields below), by
// item_fields(item, v); visitors that only read pass a const_cast item.

// A service of the plan in force and when it runs.
struct ServiceEnd {
  std::string service;   // service id, e.g. "S1"
  std::string type;      // enums::service_type
  std::string provider;
  OptDate start;
  OptDate end;

  bool operator==(const ServiceEnd& o) const {
    return service == o.service && type == o.type && provider == o.provider && start == o.start && end == o.end;
  }
};
template <class V> void item_fields(ServiceEnd& e, V& v) {
  v("service", e.service);
  v("type", e.type);
  v("provider", e.provider);
  v("start", e.start);
  v("end", e.end);
}

// An outstanding deadline as the index keeps it (core/deadlines.hpp Deadline without what only
// met deadlines have): what `due` lists without reading the record.
struct OpenDeadline {
  DeadlineKind kind = DeadlineKind::safety_check;
  DateTime due;
  std::string ref;  // "custody 1", "plan 1", ...; "" when about the case
  bool urgent = false;

  bool operator==(const OpenDeadline& o) const {
    return kind == o.kind && due == o.due && ref == o.ref && urgent == o.urgent;
  }
};
template <class V> void item_fields(OpenDeadline& d, V& v) {
  v("kind", d.kind);
  v("due", d.due);
  v("ref", d.ref);
  v("urgent", d.urgent);
}

// A closure of the case and the episode it ended, for the outcomes report.
struct ClosureFact {
  int n = 0;
  OptDate date;
  std::string reason;  // enums::closure_reason
  OptDate began;       // the episode's start: the case's (referral, else opening), or the reopening's before it
  int goals = 0;       // goals of the plan it closed
  int achieved = 0;    // its outcomes recorded as achieved
  OptDate reopened;    // when a later reopening reopened it
};
template <class V> void item_fields(ClosureFact& c, V& v) {
  v("n", c.n);
  v("date", c.date);
  v("reason", c.reason);
  v("began", c.began);
  v("goals", c.goals);
  v("achieved", c.achieved);
  v("reopened", c.reopened);
}

struct CaseSummary {
  std::string id;     // case ID: summarize() copies the record's; the index sets the folder's
  std::string path;   // case.yaml relative to the case directory root
  std::string error;  // load error of a malformed file; then only id and path are set

  std::string status;  // enums::status
  std::string worker;
  std::string client_name;
  OptDate birth_date;
  std::string sex;
  OptDate opened;
  OptDate referral_date;
  std::string referral_source;
  std::string urgency;
  Strings concerns;

  // Current risk and safety (rules.hpp current_risk(), current_safety()); "" before any
  // assessment.
  std::string risk;    // enums::risk
  std::string safety;  // enums::safety
  std::string outstanding;  // what the case waits for next: rules.hpp outstanding_name(outstanding())

  int assessments = 0, plans = 0, reviews = 0, notes = 0, reopenings = 0;
  OptDate last_assessment;      // date of the latest assessment (rules.hpp latest_assessment())
  OptDate last_plan;            // date of the plan in force (rules.hpp plan_in_force())
  OptDate plan_next_review;     // its next_review
  int goals = 0;                // goals of the plan in force
  std::vector<ServiceEnd> services;  // services of the plan in force (none after a reopening until a new plan)
  OptDate last_review;          // date of the latest review (rules.hpp latest_review())
  OptDate review_next_review;   // its next_review
  std::string review_decision;  // its decision (enums::decision)
  OptDate last_contact;         // the latest contact: a note's date, or a safety check that saw the child
  OptDate last_reopened;        // date of the last reopening
  OptDate closed;               // closure date (kept after a reopening: status says if in force)
  std::string closure_reason;   // enums::closure_reason
  std::vector<ClosureFact> closures;  // every closure, in order
  OptDate last_event;           // the latest event date of the record (core/as_of.hpp last_event)

  // The next outstanding deadline: the first of core/deadlines.hpp outstanding() (urgent first,
  // then by due), under the policy summarize() was given. JSON keys: next_deadline (its kind's
  // code, left out when none), next_deadline_due ("YYYY-MM-DD HH:MM"), next_deadline_ref (what
  // it is about, e.g. "custody 1"; left out when about the case), next_deadline_urgent and
  // deadlines_outstanding (always present).
  std::string next_deadline;      // code(DeadlineKind): "safety-check", "assessment", ...; "" if none
  OptDateTime next_deadline_due;
  std::string next_deadline_ref;
  bool next_deadline_urgent = false;
  int deadlines_outstanding = 0;  // how many deadlines are outstanding (met ones not counted)
  // Every outstanding deadline, in outstanding()'s order (the first is the next one above). JSON
  // key deadlines (left out when none): objects of kind (code), due ("YYYY-MM-DD HH:MM"), ref
  // (left out when about the case) and urgent.
  std::vector<OpenDeadline> deadlines;

  // True when the next deadline is overdue at now (core/deadlines.hpp past_due()).
  bool next_deadline_overdue(const DateTime& now) const;
  // True when any outstanding deadline is overdue at now (the next one may be an urgent one not
  // yet due while another has passed).
  bool any_deadline_overdue(const DateTime& now) const;
  // The day the case started: its referral, else its opening (rules_detail case_start).
  const OptDate& started() const { return referral_date ? referral_date : opened; }
  // True when the file loaded (no error).
  bool ok() const { return error.empty(); }
  // Every field equal (compared through summary_json()).
  bool operator==(const CaseSummary& o) const;
  bool operator!=(const CaseSummary& o) const { return !(*this == o); }
};

// Visits every field of a summary (S is CaseSummary or const CaseSummary) as v(key, field), in
// the one fixed order used by its JSON form and the index.
template <class S, class V> void summary_fields(S& s, V& v) {
  v("id", s.id);
  v("path", s.path);
  v("error", s.error);
  v("status", s.status);
  v("worker", s.worker);
  v("client_name", s.client_name);
  v("birth_date", s.birth_date);
  v("sex", s.sex);
  v("opened", s.opened);
  v("referral_date", s.referral_date);
  v("referral_source", s.referral_source);
  v("urgency", s.urgency);
  v("concerns", s.concerns);
  v("risk", s.risk);
  v("safety", s.safety);
  v("outstanding", s.outstanding);
  v("assessments", s.assessments);
  v("plans", s.plans);
  v("reviews", s.reviews);
  v("notes", s.notes);
  v("reopenings", s.reopenings);
  v("last_assessment", s.last_assessment);
  v("last_plan", s.last_plan);
  v("plan_next_review", s.plan_next_review);
  v("goals", s.goals);
  v("services", s.services);
  v("last_review", s.last_review);
  v("review_next_review", s.review_next_review);
  v("review_decision", s.review_decision);
  v("last_contact", s.last_contact);
  v("last_reopened", s.last_reopened);
  v("closed", s.closed);
  v("closure_reason", s.closure_reason);
  v("closures", s.closures);
  v("last_event", s.last_event);
  v("next_deadline", s.next_deadline);
  v("next_deadline_due", s.next_deadline_due);
  v("next_deadline_ref", s.next_deadline_ref);
  v("next_deadline_urgent", s.next_deadline_urgent);
  v("deadlines_outstanding", s.deadlines_outstanding);
  v("deadlines", s.deadlines);
}

// The summary of a record; path is left empty (the caller knows where the file is). "Latest"
// assessment, plan in force, latest review and the current risk are those of core/rules.hpp
// (one definition for rules, index and reports); the last contact is the latest note by date;
// the deadlines those of core/deadlines.hpp case_deadlines(r, policy).
CaseSummary summarize(const Record& r, const Policy& policy);

// A summary for a file that could not be loaded.
CaseSummary unreadable_summary(std::string id, std::string path, std::string error);

// The stable JSON object of a summary: every field by its name above, dates as ISO text (date
// and time as "YYYY-MM-DD HH:MM"), absent dates and empty text left out (id and path always
// present), counts and flags always present.
nlohmann::ordered_json summary_json(const CaseSummary& s);

// The keys of summary_fields(), in its order.
const std::vector<const char*>& summary_keys();

// Which of a summary's fields a reader uses (summary_fields' keys, top level), so that unpacking
// can pass over the rest: a summary unpacked with a set has its other fields empty (never
// another case's values). id and error are always read.
class SummaryFields {
 public:
  // Every field.
  static SummaryFields all();
  // These keys; Error(internal) for a key that is not one of summary_fields'.
  static SummaryFields of(std::initializer_list<const char*> keys);
  SummaryFields& operator|=(const SummaryFields& o) {
    bits_ |= o.bits_;
    return *this;
  }
  // True when the field at this place of summary_fields' order is read.
  bool has(std::size_t place) const { return place < 64 && (bits_ >> place & 1); }
  // The place of the last field read (nothing after it is needed).
  std::size_t last() const { return bits_ ? 63 - static_cast<std::size_t>(__builtin_clzll(bits_)) : 0; }
  bool operator==(const SummaryFields& o) const { return bits_ == o.bits_; }

 private:
  explicit SummaryFields(std::uint64_t bits) : bits_(bits) {}
  std::uint64_t bits_;
};

// A compact binary form of a summary, for the index only (fast to decode; its layout may change
// with the index schema version, so it is never a stable interface).
std::string summary_pack(const CaseSummary& s);
// The summary back from summary_pack(); Error(internal) if the bytes are not one.
CaseSummary summary_unpack(std::string_view bytes);
// The same into s, reusing its strings' and lists' memory (every field is set): only the fields
// of `read`, the others left empty.
void summary_unpack_into(std::string_view bytes, CaseSummary& s,
                         const SummaryFields& read = SummaryFields::all());

}  // namespace casectl
