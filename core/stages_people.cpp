#include "core/stages_people.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"

#include "core/rules.hpp"
#include "core/stage_skeleton.hpp"

namespace casectl {
namespace {

using namespace stage_detail;

Problem problem(const Record& r, const char* rule, std::string field, std::string message, std::string fix) {
  return Problem{r.id, rule, std::move(field), std::move(message), std::move(fix), {}};
}

const char* plural(std::size_t n) { return n == 1 ? "" : "s"; }

}  // namespace

ChangeSummary stage_conference(Record& r, Conference c, const StageContext& ctx) {
  run_stage(r, Command::conference, ctx, [&] {
    if (c.n == 0) c.n = static_cast<int>(r.conferences.size()) + 1;
    if (!c.date) c.date = ctx.today;
    r.conferences.push_back(c);
  });
  return ChangeSummary{"conference",
                       fmt::format("conference {} ({}), {} attendee{}", c.n, c.kind, c.attendees.size(),
                                   plural(c.attendees.size())),
                       {}}
      .on(c.date)
      .saying(c.attendees.size() == 1
                  ? txf("conference {}: conference {} ({}), 1 attendee", r.id, c.n, c.kind)
                  : txf("conference {}: conference {} ({}), {} attendees", r.id, c.n, c.kind, c.attendees.size()));
}

ChangeSummary stage_assign(Record& r, Assignment a, const StageContext& ctx) {
  run_stage(r, Command::assign, ctx, [&] {
    const std::string field = fmt::format("assignments[{}].to", r.assignments.size());
    // Refused here alone, not with every rule the change breaks (worker.unknown as well); the
    // one already in charge is refused by check_assignments below.
    const Worker* to = ctx.config.worker(a.to);
    if (!to)
      refuse_if({problem(r, "assignment.worker-unknown", field,
                         tx("the worker to hand the case to is not registered in casectl.yaml"),
                         tx("name a registered worker (casectl worker list), or register them (casectl worker add)"))});
    if (to->retired)
      refuse_if({problem(r, "assignment.worker-retired", field,
                         txf("worker '{}' is retired and cannot take a case", to->id),
                         tx("hand the case to a worker who is not retired (casectl worker list)"))});
    if (!a.date) a.date = ctx.today;
    if (a.by.empty()) a.by = ctx.by;
    if (a.from.empty()) a.from = r.worker;
    r.worker = a.to;
    r.assignments.push_back(a);
  });
  return ChangeSummary{"assign", fmt::format("handed from {} to {} ({})", a.from, a.to, a.reason), {}}
      .on(a.date)
      .saying(txf("assign {}: handed from {} to {} ({})", r.id, a.from, a.to, a.reason));
}

ChangeSummary stage_link(Record& a, Record& b, const std::string& relation, const StageContext& ctx) {
  // Linking a case to itself or twice to the same case: check_links refuses it in run_stage.
  Record new_a = a, new_b = b;
  run_stage(new_a, Command::link, ctx, [&] { new_a.links.push_back(Link{b.id, relation}); });
  run_stage(new_b, Command::link, ctx, [&] { new_b.links.push_back(Link{a.id, relation}); });
  a = std::move(new_a);
  b = std::move(new_b);
  return ChangeSummary{"link", fmt::format("{} {}", relation, b.id), {}}.on(ctx.today).saying(
      txf("link {}: {} {}", a.id, relation, b.id));
}

}  // namespace casectl
