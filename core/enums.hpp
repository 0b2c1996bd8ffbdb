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
  // The value whose code is v exactly (no label), nullptr when none.
  const EnumValue* of_code(std::string_view v) const;

  // The value a person typed as `typed` (a flag or a form, SPEC section 5): the one whose code
  // it is, else the one whose English or Japanese label it is; compared with spaces trimmed and
  // full-width letters and digits as ASCII (NFKC), so "高", " 高 " and "ｈｉｇｈ" are high.
  // nullptr when none. Records hold codes only: their decoder uses contains().
  const EnumValue* find(std::string_view typed) const;
  // "low (low / 低), medium (medium / 中), ...": every value with both its labels.
  std::string allowed_labelled() const;
  // The refusal of typed input that find() does not know, `what` naming the flag or field:
  // "risk \"x\" is not one of: low (low / 低), ...".
  std::string not_one_of(std::string_view what, std::string_view typed) const;
};

namespace enums {
extern const Enum status, sex, source, urgency, concern, method, safety, risk, need_domain,
    service_type, progress, delivered, decision, closure_reason, note_kind, role, locale,
    approval_kind, amendment_reason, category, check_method, check_outcome, custody_basis,
    extension_approver, custody_outcome, conference_kind, assignment_reason, link_relation,
    disclosure_what, id_scheme;
}  // namespace enums

}  // namespace casectl
