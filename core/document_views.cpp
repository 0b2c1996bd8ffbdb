// The values a document template sees: a record's plan, review or closure as Mustache view JSON,
// every value written in the configured locale and date style.
#include "core/document_views.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/document_views_detail.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/locale_text.hpp"

namespace casectl {
namespace views_detail {

using json = nlohmann::json;

// ---- free text -------------------------------------------------------------------------------

namespace {

// The lines of text: CR LF and CR read as LF, trailing blanks of each line and blank lines at
// both ends dropped.
std::vector<std::string> text_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && (cur.back() == ' ' || cur.back() == '\t')) cur.pop_back();
    lines.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n' || c == '\r') flush();
    else cur += c;
  }
  flush();
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  return {lines.begin() + static_cast<long>(first), lines.end()};
}

}  // namespace

std::string inline_text(const std::string& text) {
  std::string s;
  for (const auto& line : text_lines(text)) {
    if (line.empty()) continue;
    if (!s.empty()) s += "\n    ";
    s += line;
  }
  return s;
}

std::string block_text(const std::string& text) {
  std::string s;
  for (const auto& line : text_lines(text)) {
    if (!s.empty()) s += '\n';
    s += line.empty() ? ">" : "> " + line;
  }
  return s;
}

std::string worker_name(const Config& c, const std::string& id) {
  for (const auto& w : c.workers)
    if (w.id == id) return w.name.empty() ? id : inline_text(w.name);
  return id;
}

Writer writer_for(const Config& config) { return Writer{config, config.locale, config.date_style}; }

}  // namespace views_detail

using namespace views_detail;

namespace {

// The goal id in plan p, or nullptr.
const Goal* find_goal(const Plan* p, const std::string& id) {
  if (!p) return nullptr;
  for (const auto& g : p->goals)
    if (g.id == id) return &g;
  return nullptr;
}

// The service id in plan p, or nullptr.
const Service* find_service(const Plan* p, const std::string& id) {
  if (!p) return nullptr;
  for (const auto& s : p->services)
    if (s.id == id) return &s;
  return nullptr;
}

// The keys every document has: agency, case, the person and their age on the document's date.
json common_view(const Record& r, const Writer& w, const OptDate& on) {
  json j = json::object();
  j["agency"] = inline_text(w.config.agency);
  j["case_id"] = r.id;
  j["locale"] = w.locale;
  std::string name = inline_text(r.client.name);
  j["client_name"] = name.empty() ? unknown_text(w.locale) : name;
  w.set_date(j, "birth_date", r.client.birth_date);
  bool has_age = r.client.birth_date && on;
  j["has_age"] = has_age;
  j["age"] = has_age ? format_age(age_on(*r.client.birth_date, *on), w.locale) : "";
  bool child = has_age && is_child_on(*r.client.birth_date, *on);
  j["is_child"] = child;
  j["person_label"] = person_label(child, w.locale);
  std::string in_charge = in_charge_on(r, on);
  j["case_worker"] = in_charge.empty() ? "" : w.worker(in_charge);
  j["has_case_worker"] = !in_charge.empty();
  return j;
}

// Sets the "then" keys of a review view: the risk and safety recorded last before review rv,
// by the previous review when it answered the same assessment, else by the plan's assessment.
void set_risk_then(json& j, const Record& r, const Review& rv, const Plan* p, const Writer& w) {
  const Review* prev = nullptr;
  for (const auto& x : r.reviews) {
    if (&x == &rv) break;
    prev = &x;
  }
  const Plan* prev_plan = prev ? find_n(r.plans, prev->plan) : nullptr;
  const Assessment* a = p ? find_n(r.assessments, p->assessment) : nullptr;
  bool by_review = prev && (!a || (prev_plan && prev_plan->assessment == p->assessment));
  j["has_then"] = by_review || a != nullptr;
  j["then_is_review"] = by_review;
  j["then_n"] = by_review ? std::to_string(prev->n) : a ? std::to_string(a->n) : "";
  j["then_date"] = by_review ? w.date(prev->date) : a ? w.date(a->date) : "";
  j["has_then_date"] = !j["then_date"].get<std::string>().empty();
  j["risk_then"] = by_review ? w.label(enums::risk, prev->risk) : a ? w.label(enums::risk, a->risk) : "";
  j["safety_then"] =
      by_review ? w.label(enums::safety, prev->safety) : a ? w.label(enums::safety, a->safety) : "";
}

}  // namespace

// The view of plan n.
json plan_view(const Record& r, int n, const Config& config) {
  const Writer w = writer_for(config);
  const Plan* p = find_n(r.plans, n);
  if (!p) fail(ErrorKind::not_found, txf("{} has no plan {}", r.id, n));
  json j = common_view(r, w, p->date);
  j["plan_n"] = std::to_string(p->n);
  w.set_date(j, "date", p->date);
  j["by"] = w.worker(p->by);

  const Assessment* a = find_n(r.assessments, p->assessment);
  j["has_assessment"] = a != nullptr;
  j["assessment_n"] = std::to_string(p->assessment);
  w.set_date(j, "assessment_date", a ? a->date : std::nullopt);
  j["risk"] = a ? w.label(enums::risk, a->risk) : "";
  j["safety"] = a ? w.label(enums::safety, a->safety) : "";
  json needs = json::array();
  json strengths = json::array();
  if (a) {
    for (const auto& need : a->needs)
      needs.push_back({{"id", need.id},
                       {"domain", w.label(enums::need_domain, need.domain)},
                       {"text", inline_text(need.text)}});
    for (const auto& s : a->strengths) strengths.push_back({{"text", inline_text(s)}});
  }
  j["has_needs"] = !needs.empty();
  j["needs"] = needs;
  j["has_strengths"] = !strengths.empty();
  j["strengths"] = strengths;

  json goals = json::array();
  for (const auto& g : p->goals) {
    json x = {{"id", g.id}, {"need_ids", join_list(g.needs, w.locale)}, {"has_need_ids", !g.needs.empty()}};
    w.set_inline(x, "text", g.text);
    w.set_inline(x, "measure", g.measure);
    w.set_date(x, "due", g.due);
    goals.push_back(x);
  }
  j["has_goals"] = !goals.empty();
  j["goals"] = goals;

  json services = json::array();
  for (const auto& s : p->services) {
    json x = {{"id", s.id},
              {"type", w.label(enums::service_type, s.type)},
              {"goal_ids", join_list(s.goals, w.locale)},
              {"has_goal_ids", !s.goals.empty()}};
    w.set_inline(x, "provider", s.provider);
    w.set_inline(x, "responsible", s.responsible.empty() ? "" : w.worker(s.responsible));
    w.set_inline(x, "frequency", s.frequency);
    x["period"] = format_period(s.start, s.end, w.locale, w.style);
    x["has_period"] = s.start || s.end;
    services.push_back(x);
  }
  j["has_services"] = !services.empty();
  j["services"] = services;

  const Participation& part = p->participation;
  j["client_views_heading"] = client_views_heading(j["is_child"].get<bool>(), w.locale);
  w.set_block(j, "client_views", part.client_views);
  w.set_inline(j, "client_views_absent_reason", part.client_views_absent_reason);
  w.set_block(j, "family_views", part.family_views);
  Strings agreed;
  json signatures = json::array();  // a signature line each in the family version
  for (const auto& s : part.agreed_by) {
    agreed.push_back(inline_text(s));
    signatures.push_back({{"who", agreed.back()}});
  }
  j["agreed_by"] = join_list(agreed, w.locale);
  j["has_agreed_by"] = !agreed.empty();
  j["agreed"] = signatures;
  w.set_date(j, "next_review", p->next_review);
  set_practice_view(j, r, p->date, date_before_plan(r, *p), w);
  return j;
}

// The view of review n.
json review_view(const Record& r, int n, const Config& config) {
  const Writer w = writer_for(config);
  const Review* rv = find_n(r.reviews, n);
  if (!rv) fail(ErrorKind::not_found, txf("{} has no review {}", r.id, n));
  json j = common_view(r, w, rv->date);
  const Plan* p = find_n(r.plans, rv->plan);
  j["review_n"] = std::to_string(rv->n);
  w.set_date(j, "date", rv->date);
  j["by"] = w.worker(rv->by);
  j["plan_n"] = std::to_string(rv->plan);
  j["has_plan"] = p != nullptr;
  w.set_date(j, "plan_date", p ? p->date : std::nullopt);

  json progress = json::array();
  for (const auto& g : rv->progress) {
    const Goal* goal = find_goal(p, g.goal);
    json x = {{"goal", g.goal}, {"status", w.label(enums::progress, g.status)}};
    w.set_inline(x, "goal_text", goal ? goal->text : "");
    w.set_inline(x, "note", g.note);
    progress.push_back(x);
  }
  j["has_progress"] = !progress.empty();
  j["progress"] = progress;

  json services = json::array();
  for (const auto& s : rv->services) {
    const Service* svc = find_service(p, s.service);
    json x = {{"service", s.service}, {"delivered", w.label(enums::delivered, s.delivered)}};
    x["type"] = svc ? w.label(enums::service_type, svc->type) : "";
    x["has_type"] = svc != nullptr;
    w.set_inline(x, "provider", svc ? svc->provider : "");
    w.set_inline(x, "note", s.note);
    services.push_back(x);
  }
  j["has_services"] = !services.empty();
  j["services"] = services;

  set_risk_then(j, r, *rv, p, w);
  j["risk"] = w.label(enums::risk, rv->risk);
  j["safety"] = w.label(enums::safety, rv->safety);
  j["decision"] = w.label(enums::decision, rv->decision);
  w.set_date(j, "next_review", rv->next_review);
  w.set_block(j, "summary", rv->summary);
  set_practice_view(j, r, rv->date, date_before_review(r, *rv), w);
  return j;
}

// The view of closure n: bound to closure n and the plan it closed, never to later events.
json closure_view(const Record& r, int n, const Config& config) {
  const Writer w = writer_for(config);
  const Closure* found = find_n(r.closures, n);
  if (!found) fail(ErrorKind::not_found, txf("{} has no closure {}", r.id, n));
  const Closure& c = *found;
  const Plan* plan = c.plan ? find_n(r.plans, *c.plan) : nullptr;
  const Approval* approval = c.approval ? find_n(r.approvals, *c.approval) : nullptr;
  json j = common_view(r, w, c.date);
  j["closure_n"] = std::to_string(c.n);
  w.set_date(j, "date", c.date);
  j["by"] = w.worker(c.by);
  j["reason"] = w.label(enums::closure_reason, c.reason);
  w.set_inline(j, "approved_by", approval ? w.worker(approval->by) : "");
  w.set_date(j, "approval_date", approval ? approval->date : std::nullopt);
  j["has_plan"] = plan != nullptr;
  j["plan_n"] = plan ? std::to_string(plan->n) : "";
  w.set_date(j, "opened", r.opened);
  // A case closed on the day it opened was open no day worth counting ("0 days" reads as an
  // error): the opened and closed dates say it.
  long days = r.opened && c.date ? c.date->days() - r.opened->days() : 0;
  j["has_days_open"] = days > 0;
  j["days_open"] = days > 0 ? format_days(days, w.locale) : "";

  json outcomes = json::array();
  for (const auto& o : c.outcomes) {
    json x = {{"goal", o.goal}, {"status", w.label(enums::progress, o.status)}};
    const Goal* goal = find_goal(plan, o.goal);
    w.set_inline(x, "goal_text", goal ? goal->text : "");
    outcomes.push_back(x);
  }
  j["has_outcomes"] = !outcomes.empty();
  j["outcomes"] = outcomes;
  w.set_block(j, "evaluation", c.evaluation);
  w.set_block(j, "follow_up", c.follow_up);
  return j;
}

void set_amendments(json& j, const Record& r, const std::string& file, const Config& config) {
  const Writer w = writer_for(config);
  json list = json::array();
  for (const auto& a : r.amendments)
    if (std::find(a.documents.begin(), a.documents.end(), file) != a.documents.end())
      list.push_back({{"date", w.date(a.date)}, {"reason", w.label(enums::amendment_reason, a.reason)},
                      {"by", w.worker(a.by)}});
  j["has_amendments"] = !list.empty();
  j["amendments"] = list;
}

}  // namespace casectl
