// The practice sections of the plan and review documents (issue 11): who was in charge and the
// handovers, the safety checks, protective custody as it stood, the latest conference decision,
// related cases by ID and relation. Everything is bounded by the document's date, so that a
// document rendered again says what was known of those events on its date; no other case's
// record is read (a related case is its ID and relation, never another child's data).
#include <fmt/format.h>

#include "core/deadlines.hpp"
#include "core/document_views_detail.hpp"
#include "core/practice_text.hpp"

namespace casectl {
namespace views_detail {

std::string in_charge_on(const Record& r, const OptDate& on) {
  if (!on || r.assignments.empty()) return r.worker;
  std::string who = r.assignments.front().from;
  for (const auto& a : r.assignments)
    if (a.date && *a.date <= *on) who = a.to;
  return who;
}

namespace {

// The later of d and x (either may be absent).
void keep_latest(OptDate& d, const OptDate& x) {
  if (x && (!d || *d < *x)) d = x;
}

}  // namespace

OptDate date_before_plan(const Record& r, const Plan& p) {
  OptDate out;
  if (!p.date) return out;
  auto counts = [&](const OptDate& d) { return d && *d <= *p.date; };
  for (const auto& q : r.plans)
    if (q.n < p.n && counts(q.date)) keep_latest(out, q.date);
  for (const auto& v : r.reviews)
    if (v.plan < p.n && counts(v.date)) keep_latest(out, v.date);
  for (const auto& c : r.closures)
    if ((!c.plan || *c.plan < p.n) && counts(c.date)) keep_latest(out, c.date);
  return out;
}

OptDate date_before_review(const Record& r, const Review& rv) {
  OptDate out;
  if (!rv.date) return out;
  auto counts = [&](const OptDate& d) { return d && *d <= *rv.date; };
  for (const auto& q : r.plans)
    if (q.n <= rv.plan && counts(q.date)) keep_latest(out, q.date);
  for (const auto& v : r.reviews)
    if (v.n < rv.n && counts(v.date)) keep_latest(out, v.date);
  for (const auto& c : r.closures)
    if (c.date && *c.date < *rv.date) keep_latest(out, c.date);
  return out;
}

}  // namespace views_detail

using namespace views_detail;

namespace {

// A time of day as the documents write it: the date in the agency's style, then HH:MM.
std::string date_time(const DateTime& t, const Writer& w) {
  return fmt::format("{} {:02d}:{:02d}", w.date(t.date), t.hour, t.minute);
}

json handovers(const Record& r, const OptDate& on, const OptDate& since, const Writer& w) {
  json list = json::array();
  if (!on) return list;
  for (const auto& a : r.assignments)
    if (a.date && *a.date <= *on && (!since || *since < *a.date))
      list.push_back({{"date", w.date(a.date)},
                      {"from", a.from.empty() ? unknown_text(w.locale) : w.worker(a.from)},
                      {"to", a.to.empty() ? unknown_text(w.locale) : w.worker(a.to)},
                      {"reason", w.label(enums::assignment_reason, a.reason)}});
  return list;
}

json safety_checks(const Record& r, const OptDate& on, const Writer& w) {
  json list = json::array();
  if (!on) return list;
  const Policy& policy = w.config.policy;
  for (const auto& c : r.safety_checks) {
    if (!c.at || *on < c.at->date) continue;
    auto t = check_timing(r, c, policy);
    list.push_back({{"n", std::to_string(c.n)},
                    {"at", date_time(*c.at, w)},
                    {"method", w.label(enums::check_method, c.method)},
                    {"outcome", w.label(enums::check_outcome, c.outcome)},
                    {"by", c.by.empty() ? unknown_text(w.locale) : w.worker(c.by)},
                    {"has_timing", t.has_value()},
                    {"timing", t ? check_timing_text(*t, policy.safety_check_hours, w.locale) : ""}});
  }
  return list;
}

// Each custody started by `on`, as it stood that day: the extensions decided by then, its end
// if it had ended, else the limit in force. The place is left out: a document is handed to the
// family, and where a child in custody stays may be kept from them.
json custody(const Record& r, const OptDate& on, const Writer& w) {
  json list = json::array();
  if (!on) return list;
  for (const auto& k : r.custody) {
    if (!k.start || *on < *k.start) continue;
    const Date limit = *custody_limit(k, w.config.policy, static_cast<std::size_t>(-1), on);
    json extensions = json::array();
    for (const auto& x : k.extensions) {
      if (!x.date || *on < *x.date) continue;
      extensions.push_back({{"date", w.date(x.date)},
                            {"until", x.until ? w.date(x.until) : unknown_text(w.locale)},
                            {"approved_by", w.label(enums::extension_approver, x.approved_by)}});
    }
    bool ended = k.ended && *k.ended <= *on;
    list.push_back({{"n", std::to_string(k.n)},
                    {"start", w.date(k.start)},
                    {"basis", w.label(enums::custody_basis, k.basis)},
                    {"has_extensions", !extensions.empty()},
                    {"extensions", extensions},
                    {"has_ended", ended},
                    {"ended", ended ? w.date(k.ended) : ""},
                    {"outcome", ended ? w.label(enums::custody_outcome, k.outcome) : ""},
                    {"limit", w.date(limit)}});
  }
  return list;
}

// The latest conference on or before `on` (by date, then number), and how many came before it.
void set_conference(json& j, const Record& r, const OptDate& on, const Writer& w) {
  const Conference* latest = nullptr;
  for (const auto& c : r.conferences)
    if (on && c.date && *c.date <= *on &&
        (!latest || *latest->date < *c.date || (*latest->date == *c.date && latest->n < c.n)))
      latest = &c;
  j["has_conference"] = latest != nullptr;
  j["conference_n"] = latest ? std::to_string(latest->n) : "";
  j["conference_date"] = latest ? w.date(latest->date) : "";
  j["conference_kind"] = latest ? w.label(enums::conference_kind, latest->kind) : "";
  w.set_block(j, "conference_decision", latest ? latest->decision : "");
}

}  // namespace

void set_practice_view(json& j, const Record& r, const OptDate& on, const OptDate& since, const Writer& w) {
  json h = handovers(r, on, since, w);
  j["has_handovers"] = !h.empty();
  j["handovers"] = h;
  json checks = safety_checks(r, on, w);
  j["has_safety_checks"] = !checks.empty();
  j["safety_checks"] = checks;
  json k = custody(r, on, w);
  j["has_custody"] = !k.empty();
  j["custody"] = k;
  set_conference(j, r, on, w);
  json links = json::array();
  for (const auto& l : r.links)
    links.push_back({{"link_case", inline_text(l.case_id)}, {"relation", w.label(enums::link_relation, l.relation)}});
  j["has_links"] = !links.empty();
  j["links"] = links;
}

}  // namespace casectl
