// The sections of a case record added for practice (issue 11): safety checks, protective
// custody, case conferences, disclosures, handovers and related cases. Part of the record of
// core/record.hpp, which includes this header; the same conventions hold (fields() lists the
// YAML keys in their one fixed order).
#pragma once
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "core/record_values.hpp"

namespace casectl {

// The child seen and safety confirmed (安全確認), casectl confirm.
struct SafetyCheck {
  int n = 0;
  OptDateTime at;       // when the child was seen (or the attempt made)
  std::string by;
  std::string method;   // enums::check_method
  std::string outcome;  // enums::check_outcome
  std::string note;
};
template <class V> void fields(SafetyCheck& s, V& v) {
  v("n", s.n);
  v("at", s.at);
  v("by", s.by);
  v("method", s.method, enums::check_method);
  v("outcome", s.outcome, enums::check_outcome);
  v("note", s.note);
}

// An extension of a protective custody beyond its limit, and who approved it.
struct CustodyExtension {
  OptDate date;
  OptDate until;
  std::string approved_by;  // enums::extension_approver
  std::string note;
};
template <class V> void fields(CustodyExtension& s, V& v) {
  v("date", s.date);
  v("until", s.until);
  v("approved_by", s.approved_by, enums::extension_approver);
  v("note", s.note);
}

// Temporary protective custody (一時保護), casectl custody start|extend|end.
struct Custody {
  int n = 0;
  OptDate start;
  std::string basis;  // enums::custody_basis
  std::string place;
  std::vector<CustodyExtension> extensions;
  OptDate ended;        // absent while in custody
  std::string outcome;  // enums::custody_outcome, with ended
};
template <class V> void fields(Custody& s, V& v) {
  v("n", s.n);
  v("start", s.start);
  v("basis", s.basis, enums::custody_basis);
  v("place", s.place);
  v("extensions", s.extensions);
  v("ended", s.ended);
  v("outcome", s.outcome, enums::custody_outcome);
}

// A case conference (援助方針会議) and its decision, casectl conference.
struct Conference {
  int n = 0;
  OptDate date;
  std::string kind;  // enums::conference_kind
  Strings attendees;  // worker ids
  std::string decision;
};
template <class V> void fields(Conference& s, V& v) {
  v("n", s.n);
  v("date", s.date);
  v("kind", s.kind, enums::conference_kind);
  v("attendees", s.attendees);
  v("decision", s.decision);
}

// Information shared with another party (e.g. 要保護児童対策地域協議会), on a consent or a legal
// basis, casectl share.
struct Disclosure {
  int n = 0;
  OptDate date;
  std::string by;
  std::string with;   // the party
  Strings what;       // enums::disclosure_what
  OptInt consent;     // the consent it rests on (consents n), or absent
  std::string legal_basis;  // or the law that allows it
};
template <class V> void fields(Disclosure& s, V& v) {
  v("n", s.n);
  v("date", s.date);
  v("by", s.by);
  v("with", s.with);
  v("what", s.what, enums::disclosure_what);
  v("consent", s.consent);
  v("legal_basis", s.legal_basis);
}

// A handover (担当変更), casectl assign: who was in charge, from when.
struct Assignment {
  OptDate date;
  std::string by;
  std::string from, to;  // worker ids
  std::string reason;    // enums::assignment_reason
};
template <class V> void fields(Assignment& s, V& v) {
  v("date", s.date);
  v("by", s.by);
  v("from", s.from);
  v("to", s.to);
  v("reason", s.reason, enums::assignment_reason);
}

// A related case, kept on both records, casectl link.
struct Link {
  std::string case_id;   // "case" in the file
  std::string relation;  // enums::link_relation
};
template <class V> void fields(Link& s, V& v) {
  v("case", s.case_id);
  v("relation", s.relation, enums::link_relation);
}

}  // namespace casectl
