#include "core/stages_custody.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"

#include "core/rules_safety.hpp"
#include "core/stage_skeleton.hpp"

namespace casectl {

using namespace stage_detail;

namespace {

// The custody in progress, for extend and end; refuses (custody.none-open) when there is none.
Custody& require_open(Record& r, const char* action) {
  if (!open_custody(r))
    refuse_if({Problem{r.id, "custody.none-open", "custody",
                       r.custody.empty()
                           ? txf("there is no custody to {}: the case has none", action)
                           : txf("there is no custody to {}: custody {} ended", action, r.custody.back().n),
                       tx("start a custody first (casectl custody ID start)"), {}}});
  return r.custody.back();
}

}  // namespace

ChangeSummary stage_custody_start(Record& r, Custody k, const StageContext& ctx) {
  run_stage(r, Command::custody, ctx, [&] {
    if (k.n == 0) k.n = static_cast<int>(r.custody.size()) + 1;
    if (!k.start) k.start = ctx.today;
    r.custody.push_back(k);
  });
  return ChangeSummary{"custody", fmt::format("custody {} started ({})", k.n, k.basis.empty() ? "-" : k.basis), {}}
      .on(k.start)
      .saying(txf("custody {}: custody {} started ({})", r.id, k.n, k.basis.empty() ? "-" : k.basis));
}

ChangeSummary stage_custody_extend(Record& r, CustodyExtension e, const StageContext& ctx) {
  int n = 0;
  run_stage(r, Command::custody, ctx, [&] {
    Custody& k = require_open(r, "extend");
    if (!e.date) e.date = ctx.today;
    k.extensions.push_back(e);
    n = k.n;
  });
  return ChangeSummary{"custody",
                       fmt::format("custody {} extended until {} ({})", n, e.until ? e.until->iso() : "-",
                                   e.approved_by.empty() ? "-" : e.approved_by),
                       {}}
      .on(e.date)
      .saying(txf("custody {}: custody {} extended until {} ({})", r.id, n, e.until ? e.until->iso() : "-",
                  e.approved_by.empty() ? "-" : e.approved_by));
}

ChangeSummary stage_custody_end(Record& r, OptDate ended, const std::string& outcome, const StageContext& ctx) {
  int n = 0;
  run_stage(r, Command::custody, ctx, [&] {
    Custody& k = require_open(r, "end");
    k.ended = ended ? ended : OptDate(ctx.today);
    k.outcome = outcome;
    ended = k.ended;
    n = k.n;
  });
  return ChangeSummary{"custody", fmt::format("custody {} ended ({})", n, outcome.empty() ? "-" : outcome), {}}
      .on(ended)
      .saying(txf("custody {}: custody {} ended ({})", r.id, n, outcome.empty() ? "-" : outcome));
}

}  // namespace casectl
