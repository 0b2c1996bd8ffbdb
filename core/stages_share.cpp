#include "core/stages_share.hpp"

#include <fmt/format.h>

#include "core/rules.hpp"

namespace casectl {

ChangeSummary stage_share(Record& r, Disclosure d, const StageContext& ctx) {
  // The skeleton of core/stages.cpp's run_stage: the status table first, then the change, then
  // every rule the change could break; on problems r is put back.
  refuse_if(check_transition(&r, Command::share));
  if (!d.date) d.date = ctx.today;
  if (d.by.empty()) d.by = ctx.by;
  if (d.by != ctx.by)
    refuse_if({Problem{r.id, "worker.not-acting", "by",
                       fmt::format("the form names another worker as `by`, but {} is acting", ctx.by),
                       "leave `by` empty: casectl records the acting worker", {}}});
  if (d.n == 0) d.n = static_cast<int>(r.disclosures.size()) + 1;
  Record before = r;
  r.disclosures.push_back(d);
  auto problems = check_change(&before, r, Command::share,
                               RuleContext{ctx.config, ctx.today, Command::share, ctx.config.worker(ctx.by), ctx.now});
  if (!problems.empty()) {
    r = before;
    refuse_if(problems);
  }
  std::string what;
  for (const auto& w : d.what) what += (what.empty() ? "" : ", ") + w;
  std::string ground = d.consent ? fmt::format("consent {}", *d.consent) : std::string("legal basis");
  return ChangeSummary{"share", fmt::format("disclosure {} ({}) on {}", d.n, what, ground), {}}.on(d.date);
}

}  // namespace casectl
