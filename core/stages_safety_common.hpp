// What the stage functions of issue 11's safety and custody commands (core/stages_safety.cpp,
// core/stages_custody.cpp) share with the stage skeleton of core/stages.cpp: refuse what the
// status table does not allow, move the status, apply the change, check every rule, and put the
// record back on any refusal.
#pragma once
#include "core/rules.hpp"
#include "core/stages.hpp"

namespace casectl::stages_safety_detail {

// The rules' view of a change made by the acting worker now.
inline RuleContext rule_context(const StageContext& ctx, Command command) {
  return RuleContext{ctx.config, ctx.today, command, ctx.config.worker(ctx.by), ctx.now};
}

// As run_stage in core/stages.cpp: on a refusal (from apply or from the rules) r is as it was.
template <class Apply> void run_stage(Record& r, Command command, const StageContext& ctx, Apply apply) {
  refuse_if(check_transition(&r, command));
  Record before = r;
  r.status = name(status_after(status_of(before), command));
  try {
    apply();
  } catch (...) {
    r = before;
    throw;
  }
  auto problems = check_change(&before, r, command, rule_context(ctx, command));
  if (!problems.empty()) {
    r = before;
    refuse_if(problems);
  }
}

}  // namespace casectl::stages_safety_detail
