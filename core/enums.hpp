// Every closed list of values of the record (SPEC section 3), each one table of names with its
// English and Japanese labels (GLOSSARY.md). The record stores the value; documents show a label.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace casectl {

struct EnumValue {
  const char* value;  // stored in the record, e.g. "physical-abuse"
  const char* en;     // label for locale en
  const char* ja;     // label for locale ja
};

struct Enum {
  const char* name;  // what the values are, e.g. "urgency"
  std::vector<EnumValue> values;

  bool contains(std::string_view v) const;
  // "immediate | urgent | routine"
  std::string allowed() const;
  // The label of v in locale ("en" or "ja"); v itself when unknown.
  std::string label(std::string_view v, std::string_view locale) const;
};

namespace enums {
extern const Enum status, sex, source, urgency, concern, method, safety, risk, need_domain,
    service_type, progress, delivered, decision, closure_reason, note_kind, role, locale,
    approval_kind, amendment_reason, category, check_method, check_outcome, custody_basis,
    extension_approver, custody_outcome, conference_kind, assignment_reason, link_relation,
    disclosure_what, id_scheme;
}  // namespace enums

}  // namespace casectl
