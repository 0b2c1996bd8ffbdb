// Rules for the people around a case (issue 11): case conferences (援助方針会議), handovers
// (担当変更, `assignments` and the worker in charge) and related cases (`links`). The links of
// one record are checked here; whether the other case exists and links back needs every record
// and is checked by `validate` (check_link_partners below, called from core/validate.cpp).
#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/rules.hpp"
#include "core/rules_detail.hpp"
#include "core/rules_people.hpp"

namespace casectl {

using namespace rules_detail;

namespace {

// An event date: present, not after today, not before the case's start (the dates.* rules).
void event_date(Out& out, const RuleContext& ctx, const OptDate& d, const std::string& field, const std::string& what) {
  DateCheck dc{out, ctx.today};
  dc.event(d, field, what);
  dc.after_start(d, field, what);
}

void check_conferences(Out& out, const Record& r, const RuleContext& ctx) {
  check_sequence(out, r.conferences, "conferences", N_("conference"));
  for (std::size_t i = 0; i < r.conferences.size(); ++i) {
    const Conference& c = r.conferences[i];
    const std::string base = at("conferences", i);
    const std::string what = txf("conference {}", i + 1);
    event_date(out, ctx, c.date, base + ".date", what);
    if (c.kind.empty())
      out.add("conference.kind-required", base + ".kind", txf("{} has no kind", what),
              txf("set kind: {}", enums::conference_kind.allowed()));
    if (c.attendees.empty())
      out.add("conference.attendee-required", base + ".attendees", txf("{} names no attendee", what),
              tx("name at least one worker who attended (--attendee)"));
    for (std::size_t j = 0; j < c.attendees.size(); ++j) {
      if (!ctx.config.worker(c.attendees[j]))
        out.add("conference.attendee-unknown", fmt::format("{}.attendees[{}]", base, j),
                txf("{} names attendee {}, who is not a worker registered in casectl.yaml", what,
                    show(c.attendees[j])),
                tx("name registered workers only (casectl worker list), or register them (casectl worker add)"));
      for (std::size_t k = 0; k < j; ++k)
        if (c.attendees[k] == c.attendees[j])
          out.add("conference.attendee-duplicate", fmt::format("{}.attendees[{}]", base, j),
                  txf("{} names attendee {} twice", what, show(c.attendees[j])), tx("name each attendee once"));
    }
    if (c.decision.empty())
      out.add("conference.decision-required", base + ".decision", txf("{} records no decision", what),
              tx("say what the conference decided (--decision)"));
  }
}

void check_assignments(Out& out, const Record& r, const RuleContext& ctx) {
  for (std::size_t i = 0; i < r.assignments.size(); ++i) {
    const Assignment& a = r.assignments[i];
    const std::string base = at("assignments", i);
    const std::string what = txf("handover {}", i + 1);
    event_date(out, ctx, a.date, base + ".date", what);
    if (i > 0 && a.date && r.assignments[i - 1].date && *a.date < *r.assignments[i - 1].date)
      out.add("dates.order", base + ".date",
              txf("{} ({}) is before handover {} ({})", what, a.date->iso(), i,
                  r.assignments[i - 1].date->iso()),
              tx("list the handovers in the order they happened, or correct the date"));
    check_worker(out, ctx, a.by, base + ".by", txf("handover {} by", i + 1).c_str());
    check_worker(out, ctx, a.from, base + ".from", txf("handover {} from", i + 1).c_str());
    if (a.to.empty())
      out.add("worker.required", base + ".to", txf("{} names no worker it hands the case to", what),
              tx("name a worker registered in casectl.yaml"));
    else if (!ctx.config.worker(a.to))
      out.add("assignment.worker-unknown", base + ".to",
              txf("{} hands the case to {}, who is not a worker registered in casectl.yaml", what,
                  show(a.to)),
              tx("name a registered worker (casectl worker list), or register them (casectl worker add)"));
    if (!a.to.empty() && a.to == a.from)
      out.add("assignment.already-in-charge", base + ".to",
              txf("{} hands the case from {} to the same worker", what, show(a.to)),
              tx("name the worker who took the case over"));
    if (a.reason.empty())
      out.add("assignment.reason-required", base + ".reason", txf("{} gives no reason", what),
              txf("set reason: {}", enums::assignment_reason.allowed()));
    if (i > 0 && !a.from.empty() && a.from != r.assignments[i - 1].to)
      out.add("assignment.chain-broken", base + ".from",
              txf("{} is from {}, but handover {} gave the case to {}", what, show(a.from), i,
                  show(r.assignments[i - 1].to)),
              txf("set from: {} (each handover starts where the one before ended)",
                  show(r.assignments[i - 1].to)));
  }
  if (!r.assignments.empty() && !r.worker.empty() && r.assignments.back().to != r.worker)
    out.add("assignment.worker-mismatch", "worker",
            txf("the worker in charge is {}, but the last handover gave the case to {}", show(r.worker),
                show(r.assignments.back().to)),
            txf("set worker: {} (or hand the case over with casectl assign)", show(r.assignments.back().to)));
}

void check_links(Out& out, const Record& r) {
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    const Link& l = r.links[i];
    const std::string base = at("links", i);
    if (!parse_case_id(l.case_id)) {
      out.add("link.case-invalid", base + ".case", txf("link {} does not name a case ID", i + 1),
              tx("name the related case by its ID (PREFIX-YYYY-NNNN)"));
      continue;
    }
    if (l.case_id == r.id)
      out.add("link.self", base + ".case", txf("link {} names the case itself", i + 1),
              tx("name the other case's ID, or remove the link"));
    for (std::size_t k = 0; k < i; ++k)
      if (r.links[k].case_id == l.case_id)
        out.add("link.duplicate", base + ".case",
                txf("link {} names {} again (link {} already does)", i + 1, l.case_id, k + 1),
                tx("keep one link to each related case"));
    if (l.relation.empty())
      out.add("link.relation-required", base + ".relation", txf("link {} has no relation", i + 1),
              txf("set relation: {}", enums::link_relation.allowed()));
  }
}

}  // namespace

std::vector<Problem> check_people(const Record& r, const RuleContext& ctx) {
  std::vector<Problem> list;
  Out out{r, list};
  check_conferences(out, r, ctx);
  check_assignments(out, r, ctx);
  check_links(out, r);
  return list;
}

std::vector<Problem> check_link_partners(
    const Record& r, const std::function<std::optional<const Record*>(const std::string&)>& other) {
  std::vector<Problem> list;
  Out out{r, list};
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    const Link& l = r.links[i];
    if (!parse_case_id(l.case_id) || l.case_id == r.id) continue;  // check_links says so
    const std::string field = at("links", i) + ".case";
    std::optional<const Record*> found = other(l.case_id);
    if (!found) continue;  // the other record does not load: its own check says so
    const Record* o = *found;
    if (!o) {
      out.add("link.case-unknown", field, txf("link {} names {}, a case that does not exist", i + 1, l.case_id),
              tx("name an existing case, or remove the link"));
      continue;
    }
    const Link* back = nullptr;
    for (const auto& ol : o->links)
      if (ol.case_id == r.id) back = &ol;
    if (!back)
      out.add("link.not-mutual", field, txf("link {} names {}, which does not link back", i + 1, l.case_id),
              txf("add the link to {} too (casectl link keeps both records), or remove this one", l.case_id));
    else if (back->relation != l.relation)
      out.add("link.not-mutual", at("links", i) + ".relation",
              txf("link {} calls {} {}, which calls this case {}", i + 1, l.case_id, show(l.relation),
                  show(back->relation)),
              tx("give both links the same relation"));
  }
  return list;
}

}  // namespace casectl
