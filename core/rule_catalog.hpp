// Every rule of SPEC section 4 by its stable name, with one sentence saying what it asks. The
// rules themselves live in core/rules_*.cpp; this is the one place their names and descriptions
// are listed: the editor's forms, `validate`'s documentation and tests read it, and a unit test
// checks that every rule name the code reports is here.
#pragma once
#include <string_view>
#include <vector>

namespace casectl {

struct RuleInfo {
  const char* name;         // "assessment.safety-required": the stage (or area), a dot, the rule
  const char* description;  // "safety is required": what satisfies the rule
};

// All rules, grouped by area in the order of the record.
const std::vector<RuleInfo>& rule_catalog();

// The rule of that name, or nullptr.
const RuleInfo* find_rule(std::string_view name);

// The rules of one area ("assessment", "plan", "review", "close", ...), in catalog order.
std::vector<const RuleInfo*> rules_of(std::string_view area);

}  // namespace casectl
