// Assessment rules (SPEC section 4): safety and risk decided, how it was assessed, immediate
// actions when unsafe, needs named with unique ids.
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"

namespace casectl {

using namespace rules_detail;

std::vector<Problem> check_assessment(const Record& r, std::size_t index, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  if (index >= r.assessments.size()) return list;
  const Assessment& a = r.assessments[index];
  const std::string base = at("assessments", index);
  if (a.n != static_cast<int>(index) + 1)
    out.add("record.n-sequence", base + ".n",
            txf("assessment number {} where {} was expected", a.n, index + 1),
            txf("set n: {} (assessments count 1, 2, ... in order)", index + 1));
  check_worker(out, ctx, a.by, base + ".by", txf("assessment {} by", a.n).c_str());
  if (a.safety.empty())
    out.add("assessment.safety-required", base + ".safety",
            txf("assessment {} does not decide the child's safety", a.n),
            txf("set safety: {}", enums::safety.allowed()));
  if (a.risk.empty())
    out.add("assessment.risk-required", base + ".risk",
            txf("assessment {} gives no risk level", a.n),
            txf("set risk: {}", enums::risk.allowed()));
  if (a.methods.empty())
    out.add("assessment.method-required", base + ".methods",
            txf("assessment {} names no method", a.n),
            txf("list how it was assessed: {}", enums::method.allowed()));
  if (a.safety == "unsafe" && a.immediate_actions.empty())
    out.add("assessment.immediate-actions-required", base + ".immediate_actions",
            txf("assessment {} finds the child unsafe but records no immediate action",
                a.n),
            tx("list the immediate actions taken (e.g. protective custody, safety plan)"));
  if (a.needs.empty() && !(a.safety == "safe" && a.risk == "low"))
    out.add("assessment.needs-required", base + ".needs",
            txf("assessment {} names no need although safety is {} and risk is {}", a.n,
                a.safety.empty() ? tx("not decided") : a.safety,
                a.risk.empty() ? tx("not given") : a.risk),
            tx("name the needs the plan must answer (needs may be empty only when safe and low)"));
  for (std::size_t i = 0; i < a.risks.size(); ++i) {
    const std::string path = fmt::format("{}.risks[{}]", base, i);
    if (a.risks[i].domain.empty())
      out.add("assessment.risk-domain-required", path + ".domain",
              txf("risk item {} of assessment {} has no domain", i + 1, a.n),
              txf("set domain: {}", enums::concern.allowed()));
    if (a.risks[i].level.empty())
      out.add("assessment.risk-level-required", path + ".level",
              txf("risk item {} of assessment {} has no level", i + 1, a.n),
              txf("set level: {}", enums::risk.allowed()));
  }
  for (std::size_t i = 0; i < a.needs.size(); ++i) {
    const Need& need = a.needs[i];
    const std::string path = fmt::format("{}.needs[{}]", base, i);
    if (need.id.empty()) {
      out.add("assessment.need-id-required", path + ".id",
              txf("need {} of assessment {} has no id", i + 1, a.n),
              tx("give each need an id (N1, N2, ...) so goals can name it"));
    } else if (index_of(a.needs, need.id, [](const Need& x) { return x.id; }) < i) {
      out.add("assessment.need-id-duplicate", path + ".id",
              txf("need id {} is used twice in assessment {}", show(need.id), a.n),
              tx("give each need its own id"));
    }
    // A need without words cannot be answered by a goal or shown to the family.
    if (need.text.empty())
      out.add("assessment.need-text-required", path + ".text",
              txf("need {} of assessment {} has no text", i + 1, a.n),
              tx("say what is needed"));
  }
  return list;
}

}  // namespace casectl
