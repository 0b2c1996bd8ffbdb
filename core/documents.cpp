#include "core/documents.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "core/documents_builtin.hpp"
#include "core/error.hpp"
#include "core/limits.hpp"

namespace casectl {
namespace {

using json = nlohmann::json;
namespace mst = kainjow::mustache;

// ---- free text -------------------------------------------------------------------------------

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

// Text for a list item or a line: blank lines dropped, further lines indented so that Markdown
// keeps them in the same paragraph.
std::string inline_text(const std::string& text) {
  std::string s;
  for (const auto& line : text_lines(text)) {
    if (line.empty()) continue;
    if (!s.empty()) s += "\n    ";
    s += line;
  }
  return s;
}

// Text of several lines as a Markdown quote block ("> line", ">" for a blank line).
std::string block_text(const std::string& text) {
  std::string s;
  for (const auto& line : text_lines(text)) {
    if (!s.empty()) s += '\n';
    s += line.empty() ? ">" : "> " + line;
  }
  return s;
}

// ---- lookups ---------------------------------------------------------------------------------

// The worker's name from the config, else the id itself.
std::string worker_name(const Config& c, const std::string& id) {
  for (const auto& w : c.workers)
    if (w.id == id) return w.name.empty() ? id : inline_text(w.name);
  return id;
}

// The element of v whose n is n, or nullptr.
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

// ---- view building ---------------------------------------------------------------------------

// What every value in a view is written with: locale, date style, config.
struct Writer {
  const Config& config;
  std::string locale;
  DateStyle style;

  // An enumeration value's label, "unknown" when empty.
  std::string label(const Enum& e, const std::string& v) const {
    return v.empty() ? unknown_text(locale) : e.label(v, locale);
  }
  // The labels of a list of enumeration values, joined.
  std::string labels(const Enum& e, const Strings& vs) const {
    Strings out;
    for (const auto& v : vs) out.push_back(label(e, v));
    return join_list(out, locale);
  }
  // A date, "" when absent.
  std::string date(const OptDate& d) const { return d ? format_date(*d, locale, style) : ""; }
  // Sets key to the date (or "") and has_<key>.
  void set_date(json& j, const std::string& key, const OptDate& d) const {
    j[key] = date(d);
    j["has_" + key] = d.has_value();
  }
  // Sets key to free text for a line (or "") and has_<key>.
  void set_inline(json& j, const std::string& key, const std::string& text) const {
    j[key] = inline_text(text);
    j["has_" + key] = !j[key].get<std::string>().empty();
  }
  // Sets key to free text as a quote block (or "") and has_<key>.
  void set_block(json& j, const std::string& key, const std::string& text) const {
    j[key] = block_text(text);
    j["has_" + key] = !j[key].get<std::string>().empty();
  }
  // A worker's name.
  std::string worker(const std::string& id) const { return worker_name(config, id); }
};

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
  j["case_worker"] = w.worker(r.worker);
  return j;
}

// The view of plan n.
json plan_view(const Record& r, int n, const Writer& w) {
  const Plan* p = find_n(r.plans, n);
  if (!p) fail(ErrorKind::not_found, fmt::format("{} has no plan {}", r.id, n));
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
  for (const auto& s : part.agreed_by) agreed.push_back(inline_text(s));
  j["agreed_by"] = join_list(agreed, w.locale);
  j["has_agreed_by"] = !agreed.empty();
  w.set_date(j, "next_review", p->next_review);
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

// The view of review n.
json review_view(const Record& r, int n, const Writer& w) {
  const Review* rv = find_n(r.reviews, n);
  if (!rv) fail(ErrorKind::not_found, fmt::format("{} has no review {}", r.id, n));
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
  return j;
}

// The view of closure n: bound to closure n and the plan it closed, never to later events.
json closure_view(const Record& r, int n, const Writer& w) {
  const Closure* found = find_n(r.closures, n);
  if (!found) fail(ErrorKind::not_found, fmt::format("{} has no closure {}", r.id, n));
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
  bool has_days = r.opened && c.date;
  j["has_days_open"] = has_days;
  j["days_open"] = has_days ? format_days(c.date->days() - r.opened->days(), w.locale) : "";

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

// The amendments that rendered this document again (casectl edit), oldest first: the document
// says it was amended, when and why.
void set_amendments(json& j, const Record& r, const std::string& file, const Writer& w) {
  json list = json::array();
  for (const auto& a : r.amendments)
    if (std::find(a.documents.begin(), a.documents.end(), file) != a.documents.end())
      list.push_back({{"date", w.date(a.date)}, {"reason", w.label(enums::amendment_reason, a.reason)},
                      {"by", w.worker(a.by)}});
  j["has_amendments"] = !list.empty();
  j["amendments"] = list;
}

// ---- rendering -------------------------------------------------------------------------------

// The view as kainjow data (numbers as text, null as false).
mst::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case json::value_t::string: return mst::data{j.get<std::string>()};
    case json::value_t::boolean: return mst::data{j.get<bool>()};
    case json::value_t::null: return mst::data{false};
    default: return mst::data{j.dump()};
  }
}

// The place in text of a kainjow error message ending "at OFFSET"; the message without it.
Place error_place(const std::string& text, const std::string& file, std::string& message) {
  Place place{file};
  auto at = message.rfind(" at ");
  if (at == std::string::npos) return place;
  std::string num = message.substr(at + 4);
  if (num.empty() || num.find_first_not_of("0123456789") != std::string::npos) return place;
  size_t offset = std::min<size_t>(std::stoul(num), text.size());
  message.erase(at);
  place.line = 1;
  place.col = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++place.line;
      place.col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++place.col;  // count characters, not UTF-8 continuation bytes
    }
  }
  return place;
}

// Whitespace-only lines emptied, runs of blank lines made one, no blank lines at either end,
// exactly one final newline.
std::string tidy(const std::string& s) {
  std::string out;
  std::istringstream in(s);
  std::string line;
  bool blank_pending = false;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      blank_pending = !out.empty();
      continue;
    }
    if (blank_pending) out += '\n';
    blank_pending = false;
    out += line;
    out += '\n';
  }
  return out.empty() ? "\n" : out;
}

// The text with CR LF read as LF.
std::string lf_only(const std::string& text) {
  std::string s;
  s.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) s += text[i];
  return s;
}

// The text of an override template file; Error(malformed) if too big, Error(internal) if unreadable.
std::string read_template_file(const std::filesystem::path& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) fail(ErrorKind::internal, fmt::format("cannot read template: {}", ec.message()), Place{path.string()});
  if (size > kMaxInputBytes)
    fail(ErrorKind::malformed, fmt::format("template is larger than {} MiB", kMaxInputBytes >> 20),
         Place{path.string()});
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) fail(ErrorKind::internal, "cannot read template", Place{path.string()});
  return ss.str();
}

}  // namespace

const char* doc_kind_name(DocKind kind) {
  switch (kind) {
    case DocKind::plan: return "plan";
    case DocKind::review: return "review";
    case DocKind::closure: return "closure";
  }
  return "plan";
}

std::optional<DocKind> parse_doc_kind(std::string_view name) {
  for (DocKind k : {DocKind::plan, DocKind::review, DocKind::closure})
    if (name == doc_kind_name(k)) return k;
  return std::nullopt;
}

std::string doc_file_name(DocKind kind, int n) {
  return fmt::format("{}-{}.md", doc_kind_name(kind), n);
}

std::string template_file_name(DocKind kind) {
  return fmt::format("{}.md.mustache", doc_kind_name(kind));
}

int latest_doc_number(const Record& r, DocKind kind) {
  switch (kind) {
    case DocKind::plan: return r.plans.empty() ? 0 : r.plans.back().n;
    case DocKind::review: return r.reviews.empty() ? 0 : r.reviews.back().n;
    case DocKind::closure: return r.closures.empty() ? 0 : r.closures.back().n;
  }
  return 0;
}

std::string builtin_template(DocKind kind, std::string_view locale) {
  for (std::string_view loc : {locale, std::string_view("en")}) {
    std::string path = fmt::format("{}/{}", loc, template_file_name(kind));
    for (const auto& t : builtin_templates())
      if (path == t.path) return t.text;
  }
  fail(ErrorKind::internal, fmt::format("no built-in template {}", template_file_name(kind)));
}

json document_view(const Record& r, DocKind kind, int n, const Config& config) {
  Writer w{config, config.locale, config.date_style};
  json j = json::object();
  switch (kind) {
    case DocKind::plan: j = plan_view(r, n, w); break;
    case DocKind::review: j = review_view(r, n, w); break;
    case DocKind::closure: j = closure_view(r, n, w); break;
  }
  set_amendments(j, r, doc_file_name(kind, n), w);
  return j;
}

std::string render_template(const std::string& text, const json& view, const std::string& file) {
  const std::string source = lf_only(text);
  mst::mustache tmpl{source};
  if (!tmpl.is_valid()) {
    std::string message = tmpl.error_message();
    Place place = error_place(source, file, message);
    fail(ErrorKind::malformed, fmt::format("malformed template: {}", message), place);
  }
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(to_data(view));
  if (!tmpl.is_valid())
    fail(ErrorKind::malformed, fmt::format("template cannot be rendered: {}", tmpl.error_message()),
         Place{file});
  return tidy(out);
}

std::string render_document(const Record& r, DocKind kind, int n, const Config& config,
                            const std::string& root) {
  json view = document_view(r, kind, n, config);
  if (!root.empty() && enums::locale.contains(config.locale)) {
    std::filesystem::path path =
        std::filesystem::path(root) / "templates" / config.locale / template_file_name(kind);
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec))
      return render_template(read_template_file(path), view, path.string());
  }
  std::string file = fmt::format("builtin:{}/{}", config.locale, template_file_name(kind));
  return render_template(builtin_template(kind, config.locale), view, file);
}

}  // namespace casectl
