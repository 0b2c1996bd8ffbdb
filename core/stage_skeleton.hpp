// The skeleton every stage function shares (core/stages*.cpp): the status table first, then the
// change, then every rule the change could break; on any refusal the record is put back as it
// was. Also the filling of what a command fills itself (date, acting worker, number).
#pragma once
#include <fmt/format.h>

#include "core/i18n.hpp"

#include "core/rules.hpp"
#include "core/stages.hpp"

namespace casectl::stage_detail {

// The rules' view of a change made by the acting worker now.
inline RuleContext rule_context(const StageContext& ctx, Command command) {
  return RuleContext{ctx.config, ctx.today, command, ctx.config.worker(ctx.by), ctx.now};
}

// Refuses a form naming another worker as `by`: what a worker records is theirs (an approval or
// a review cannot be typed in someone else's name). An empty `by` becomes the acting worker.
inline void require_acting(std::string& by, const StageContext& ctx, const std::string& case_id) {
  if (by.empty()) by = ctx.by;
  if (by != ctx.by)
    refuse_if({Problem{case_id, "worker.not-acting", "by",
                       txf("the form names another worker as `by`, but {} is acting", ctx.by),
                       tx("leave `by` empty: casectl records the acting worker"), {}}});
}

// Fills what the command fills itself when the form left it out: the date (today) and the
// acting worker.
template <class T> void fill(T& item, const StageContext& ctx, const std::string& case_id) {
  if (!item.date) item.date = ctx.today;
  require_acting(item.by, ctx, case_id);
}

// Numbers a new element of list (the next n) unless the form gave one, and fills it.
template <class T>
T numbered(const std::vector<T>& list, T item, const StageContext& ctx, const std::string& case_id) {
  if (item.n == 0) item.n = static_cast<int>(list.size()) + 1;
  fill(item, ctx, case_id);
  return item;
}

// The status table, the status the command moves to, apply(), then the rules; on a refusal
// (from apply or from the rules) r is as it was.
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

}  // namespace casectl::stage_detail
