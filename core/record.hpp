// The case record, schema 1 (SPEC section 3), as plain structs. Each struct's fields() lists its
// YAML keys in the one fixed order used by the loader, the emitter, JSON output and equality.
// Text that is absent is the empty string; a list that is absent is empty; an optional date or
// section that is absent is nullopt.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/record_practice.hpp"  // safety checks, custody, conferences, disclosures, ...
#include "core/record_values.hpp"

namespace casectl {

// The value types (Strings, OptDate, OptDateTime, OptInt) and what a fields() visitor is called
// with: core/record_values.hpp. The sections added for practice: core/record_practice.hpp.

struct Client {
  std::string name;
  OptDate birth_date;
  std::string sex;  // enums::sex
  std::string address;
  std::string school;
};
template <class V> void fields(Client& s, V& v) {
  v("name", s.name);
  v("birth_date", s.birth_date);
  v("sex", s.sex, enums::sex);
  v("address", s.address);
  v("school", s.school);
}

struct HouseholdMember {
  std::string name, relation, notes;
};
template <class V> void fields(HouseholdMember& s, V& v) {
  v("name", s.name);
  v("relation", s.relation);
  v("notes", s.notes);
}

struct Referral {
  OptDate date;
  OptDateTime received;  // when the report was received (the 48-hour clock starts here)
  std::string source;  // enums::source
  std::string reporter;
  std::string urgency;  // enums::urgency
  std::string category;  // enums::category (相談種別), optional
  Strings concerns;     // enums::concern
  std::string reason;
};
template <class V> void fields(Referral& s, V& v) {
  v("date", s.date);
  v("received", s.received);
  v("source", s.source, enums::source);
  v("reporter", s.reporter);
  v("urgency", s.urgency, enums::urgency);
  v("category", s.category, enums::category);
  v("concerns", s.concerns, enums::concern);
  v("reason", s.reason);
}

struct Consulted {
  std::string role, name;
  OptDate date;
};
template <class V> void fields(Consulted& s, V& v) {
  v("role", s.role);
  v("name", s.name);
  v("date", s.date);
}

struct RiskItem {
  std::string domain;  // enums::concern
  std::string level;   // enums::risk
  std::string evidence;
};
template <class V> void fields(RiskItem& s, V& v) {
  v("domain", s.domain, enums::concern);
  v("level", s.level, enums::risk);
  v("evidence", s.evidence);
}

struct Need {
  std::string id;
  std::string domain;  // enums::need_domain
  std::string text;
};
template <class V> void fields(Need& s, V& v) {
  v("id", s.id);
  v("domain", s.domain, enums::need_domain);
  v("text", s.text);
}

struct Assessment {
  int n = 0;
  OptDate date;
  std::string by;
  Strings methods;  // enums::method
  std::vector<Consulted> consulted;
  std::string safety;  // enums::safety
  std::string risk;    // enums::risk
  std::vector<RiskItem> risks;
  std::vector<Need> needs;
  Strings strengths;
  Strings immediate_actions;
  std::string summary;
};
template <class V> void fields(Assessment& s, V& v) {
  v("n", s.n);
  v("date", s.date);
  v("by", s.by);
  v("methods", s.methods, enums::method);
  v("consulted", s.consulted);
  v("safety", s.safety, enums::safety);
  v("risk", s.risk, enums::risk);
  v("risks", s.risks);
  v("needs", s.needs);
  v("strengths", s.strengths);
  v("immediate_actions", s.immediate_actions);
  v("summary", s.summary);
}

struct Goal {
  std::string id;
  Strings needs;
  std::string text, measure;
  OptDate due;
};
template <class V> void fields(Goal& s, V& v) {
  v("id", s.id);
  v("needs", s.needs);
  v("text", s.text);
  v("measure", s.measure);
  v("due", s.due);
}

struct Service {
  std::string id;
  Strings goals;
  std::string type;  // enums::service_type
  std::string provider, responsible, frequency;
  OptDate start, end;
};
template <class V> void fields(Service& s, V& v) {
  v("id", s.id);
  v("goals", s.goals);
  v("type", s.type, enums::service_type);
  v("provider", s.provider);
  v("responsible", s.responsible);
  v("frequency", s.frequency);
  v("start", s.start);
  v("end", s.end);
}

struct Participation {
  std::string client_views;
  std::string client_views_absent_reason;
  std::string family_views;
  Strings agreed_by;
};
template <class V> void fields(Participation& s, V& v) {
  v("client_views", s.client_views);
  v("client_views_absent_reason", s.client_views_absent_reason);
  v("family_views", s.family_views);
  v("agreed_by", s.agreed_by);
}

struct Plan {
  int n = 0;
  OptDate date;
  std::string by;
  int assessment = 0;  // n of the assessment it answers
  std::vector<Goal> goals;
  std::vector<Service> services;
  Participation participation;
  OptDate next_review;
  OptInt approval;  // the supervisor's approval it used (approvals n), when policy.approvals.plan asked
};
template <class V> void fields(Plan& s, V& v) {
  v("n", s.n);
  v("date", s.date);
  v("by", s.by);
  v("assessment", s.assessment);
  v("goals", s.goals);
  v("services", s.services);
  v("participation", s.participation);
  v("next_review", s.next_review);
  v("approval", s.approval);
}

struct GoalProgress {
  std::string goal;
  std::string status;  // enums::progress
  std::string note;
};
template <class V> void fields(GoalProgress& s, V& v) {
  v("goal", s.goal);
  v("status", s.status, enums::progress);
  v("note", s.note);
}

struct ServiceDelivery {
  std::string service;
  std::string delivered;  // enums::delivered
  std::string note;
};
template <class V> void fields(ServiceDelivery& s, V& v) {
  v("service", s.service);
  v("delivered", s.delivered, enums::delivered);
  v("note", s.note);
}

struct Review {
  int n = 0;
  OptDate date;
  std::string by;
  int plan = 0;  // n of the plan it reviews
  std::vector<GoalProgress> progress;
  std::vector<ServiceDelivery> services;
  std::string safety;    // enums::safety
  std::string risk;      // enums::risk
  std::string decision;  // enums::decision
  OptDate next_review;
  std::string summary;
};
template <class V> void fields(Review& s, V& v) {
  v("n", s.n);
  v("date", s.date);
  v("by", s.by);
  v("plan", s.plan);
  v("progress", s.progress);
  v("services", s.services);
  v("safety", s.safety, enums::safety);
  v("risk", s.risk, enums::risk);
  v("decision", s.decision, enums::decision);
  v("next_review", s.next_review);
  v("summary", s.summary);
}

struct Note {
  OptDate date;
  std::string by;
  std::string kind;  // enums::note_kind
  std::string text;
};
template <class V> void fields(Note& s, V& v) {
  v("date", s.date);
  v("by", s.by);
  v("kind", s.kind, enums::note_kind);
  v("text", s.text);
}

struct Consent {
  int n = 0;
  std::string party, scope, given_by;
  OptDate date, expires, withdrawn;
};
template <class V> void fields(Consent& s, V& v) {
  v("n", s.n);
  v("party", s.party);
  v("scope", s.scope);
  v("given_by", s.given_by);
  v("date", s.date);
  v("expires", s.expires);
  v("withdrawn", s.withdrawn);
}

struct Outcome {
  std::string goal;
  std::string status;  // enums::progress
};
template <class V> void fields(Outcome& s, V& v) {
  v("goal", s.goal);
  v("status", s.status, enums::progress);
}

// A supervisor's approval (casectl approve): their own act, authored by them.
struct Approval {
  int n = 0;
  std::string kind;  // enums::approval_kind: closure | plan
  OptDate date;
  std::string by;    // the supervisor
  std::string note;
};
template <class V> void fields(Approval& s, V& v) {
  v("n", s.n);
  v("kind", s.kind, enums::approval_kind);
  v("date", s.date);
  v("by", s.by);
  v("note", s.note);
}

// A correction made with casectl edit: when, by whom, why, which sections.
struct Amendment {
  OptDate date;
  std::string by;
  std::string reason;  // enums::amendment_reason
  Strings sections;    // the record's top-level sections changed
  Strings documents;   // the documents rendered again because their facts changed (plan-1.md)
  std::string note;
};
template <class V> void fields(Amendment& s, V& v) {
  v("date", s.date);
  v("by", s.by);
  v("reason", s.reason, enums::amendment_reason);
  v("sections", s.sections);
  v("documents", s.documents);
  v("note", s.note);
}

// One closure; every closure is kept (a reopened case that closes again adds one).
struct Closure {
  int n = 0;
  OptDate date;
  std::string by;
  OptInt plan;         // the plan in force when it closed (absent: none)
  std::string reason;  // enums::closure_reason
  OptInt approval;     // the approval it used (approvals n), absent when none was needed
  std::vector<Outcome> outcomes;
  std::string evaluation;
  std::string follow_up;
};
template <class V> void fields(Closure& s, V& v) {
  v("n", s.n);
  v("date", s.date);
  v("by", s.by);
  v("plan", s.plan);
  v("reason", s.reason, enums::closure_reason);
  v("approval", s.approval);
  v("outcomes", s.outcomes);
  v("evaluation", s.evaluation);
  v("follow_up", s.follow_up);
}

struct Reopening {
  int n = 0;
  OptDate date;
  OptDateTime received;  // when the new report was received: the safety-check clock starts again
  std::string by;
  OptInt closure;  // the closure reopened (closures n)
  std::string reason;
  std::string urgency;  // enums::urgency of the new report (its first assessment); "" keeps the referral's
};
template <class V> void fields(Reopening& s, V& v) {
  v("n", s.n);
  v("date", s.date);
  v("received", s.received);
  v("urgency", s.urgency, enums::urgency);
  v("by", s.by);
  v("closure", s.closure);
  v("reason", s.reason);
}

struct Record {
  int schema = 1;
  std::string id;
  std::string renumbered_from;  // the ID it had before sync renumbered it (two cases took one ID)
  std::string status;  // enums::status
  OptDate opened;
  std::string worker;
  Client client;
  std::vector<HouseholdMember> household;
  Referral referral;
  std::vector<SafetyCheck> safety_checks;
  std::vector<Assessment> assessments;
  std::vector<Custody> custody;
  std::vector<Conference> conferences;
  std::vector<Plan> plans;
  std::vector<Review> reviews;
  std::vector<Note> notes;
  std::vector<Consent> consents;
  std::vector<Disclosure> disclosures;
  std::vector<Approval> approvals;
  std::vector<Assignment> assignments;
  std::vector<Link> links;
  std::vector<Amendment> amendments;
  std::vector<Closure> closures;
  std::vector<Reopening> reopenings;
};
template <class V> void fields(Record& s, V& v) {
  v("schema", s.schema);
  v("id", s.id);
  v("renumbered_from", s.renumbered_from);
  v("status", s.status, enums::status);
  v("opened", s.opened);
  v("worker", s.worker);
  v("client", s.client);
  v("household", s.household);
  v("referral", s.referral);
  v("safety_checks", s.safety_checks);
  v("assessments", s.assessments);
  v("custody", s.custody);
  v("conferences", s.conferences);
  v("plans", s.plans);
  v("reviews", s.reviews);
  v("notes", s.notes);
  v("consents", s.consents);
  v("disclosures", s.disclosures);
  v("approvals", s.approvals);
  v("assignments", s.assignments);
  v("links", s.links);
  v("amendments", s.amendments);
  v("closures", s.closures);
  v("reopenings", s.reopenings);
}

bool operator==(const Record& a, const Record& b);
inline bool operator!=(const Record& a, const Record& b) { return !(a == b); }

// The element of a numbered list (assessments, plans, reviews, ...) whose n is n, or nullptr.
template <class T> const T* find_n(const std::vector<T>& v, int n) {
  for (const auto& x : v)
    if (x.n == n) return &x;
  return nullptr;
}

}  // namespace casectl
