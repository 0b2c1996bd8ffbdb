// The commented stage forms offered in $EDITOR: every field of the stage's section by the
// record's names, the allowed values of each enumeration, prefilled from what the record implies.
#include <fmt/format.h>
#include <map>
#include <type_traits>

#include "cli/form_template.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/record_visit.hpp"
#include "core/rule_catalog.hpp"
#include "core/rules.hpp"
#include "core/yaml_io.hpp"
#include "core/yaml_scalar.hpp"

namespace casectl::cli {
namespace {

// One line of a form: its text (with indentation) and an optional trailing comment.
struct Line {
  std::string text, comment;
};
using Lines = std::vector<Line>;
// Comments by field path without list indexes ("goals.due"); "" to add none.
using Hints = std::map<std::string, std::string>;

// Lines shifted right: the first by `first`, the rest by `rest`.
void append_shifted(Lines& out, const Lines& in, const std::string& first, const std::string& rest) {
  for (std::size_t i = 0; i < in.size(); ++i)
    out.push_back(Line{(i == 0 ? first : rest) + in[i].text, in[i].comment});
}

// True when a list item can be written in a flow list [a, b] as is.
bool flow_safe(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

// The example item shown (commented out) under an empty list of sections.
template <class T> T example_item() { return T{}; }
template <> Need example_item<Need>() { return Need{"N1", "", ""}; }
template <> Goal example_item<Goal>() { return Goal{"G1", {}, "", "", std::nullopt}; }
template <> Service example_item<Service>() {
  Service s;
  s.id = "S1";
  return s;
}

template <class T> Lines section_lines(const T& s, const std::string& path, const Hints& hints);

// A visitor over a fields() table writing each field as form lines at indentation 0.
class FormWriter {
 public:
  FormWriter(Lines& out, const std::string& path, const Hints& hints) : out_(out), path_(path), hints_(hints) {}

  template <class F> void operator()(const char* key, F& f) { field(key, f, nullptr); }
  template <class F> void operator()(const char* key, F& f, const Enum& e) { field(key, f, &e); }

 private:
  std::string path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  // The comment of a field: its hint, else the allowed values of its enumeration.
  std::string comment(const char* key, const Enum* e, const std::string& fallback = "") const {
    auto it = hints_.find(path(key));
    if (it != hints_.end()) return it->second;
    if (e) return e->allowed();
    return fallback;
  }

  bool skipped(const char* key) const { return path_.empty() && std::string(key) == "n"; }

  void field(const char* key, int& v, const Enum*) {
    if (skipped(key)) return;
    out_.push_back(Line{v ? fmt::format("{}: {}", key, v) : fmt::format("{}:", key), comment(key, nullptr)});
  }

  void field(const char* key, std::string& v, const Enum* e) {
    std::string note = comment(key, e);
    if (v.empty()) return out_.push_back(Line{fmt::format("{}:", key), note});
    std::string text = yaml_scalar(v, 0);
    if (text.find('\n') == std::string::npos) return out_.push_back(Line{fmt::format("{}: {}", key, text), note});
    // A literal block: the key line, then its lines as they are (indented by 2 already).
    std::size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string piece = text.substr(start, end - start);
      if (!(end == text.size() && piece.empty()))
        out_.push_back(Line{first ? fmt::format("{}: {}", key, piece) : piece, ""});
      first = false;
      start = end + 1;
    }
  }

  void field(const char* key, OptInt& v, const Enum*) {
    out_.push_back(Line{v ? fmt::format("{}: {}", key, *v) : fmt::format("{}:", key), comment(key, nullptr)});
  }

  void field(const char* key, OptDateTime& v, const Enum*) {
    out_.push_back(Line{v ? fmt::format("{}: {}", key, v->str()) : fmt::format("{}:", key),
                        comment(key, nullptr, "YYYY-MM-DD HH:MM")});
  }

  void field(const char* key, OptDate& v, const Enum*) {
    out_.push_back(Line{v ? fmt::format("{}: {}", key, v->iso()) : fmt::format("{}:", key), comment(key, nullptr, "YYYY-MM-DD")});
  }

  void field(const char* key, Strings& v, const Enum* e) {
    std::string note = comment(key, e);
    if (e && !hints_.count(path(key))) note = "list of: " + e->allowed();
    bool flow = true;
    for (const auto& s : v) flow = flow && flow_safe(s);
    if (flow) {
      std::string items;
      for (const auto& s : v) items += (items.empty() ? "" : ", ") + s;
      return out_.push_back(Line{fmt::format("{}: [{}]", key, items), note});
    }
    out_.push_back(Line{fmt::format("{}:", key), note});
    for (const auto& s : v) {
      Lines one;
      FormWriter w(one, path(key), hints_);
      std::string copy = s;
      w.scalar_item(copy);
      append_shifted(out_, one, "  - ", "    ");
    }
  }

  // A text list item: its scalar, possibly a literal block.
  void scalar_item(std::string& s) {
    Lines one;
    FormWriter w(one, path_, hints_);
    w.field("x", s, nullptr);
    for (auto& l : one) {
      if (l.text.rfind("x: ", 0) == 0) l.text = l.text.substr(3);
      l.comment.clear();
      out_.push_back(l);
    }
  }

  template <class T, class = std::enable_if_t<visit::is_section_v<T>>>
  void field(const char* key, T& v, const Enum*) {
    out_.push_back(Line{fmt::format("{}:", key), comment(key, nullptr)});
    append_shifted(out_, section_lines(v, path(key), hints_), "  ", "  ");
  }

  template <class T> void field(const char* key, std::optional<T>& v, const Enum* e) {
    T value = v ? *v : T{};
    field(key, value, e);
  }

  template <class T> void field(const char* key, std::vector<T>& v, const Enum*) {
    if (v.empty()) {
      out_.push_back(Line{fmt::format("{}:", key), comment(key, nullptr, "a list; to add one, copy the example below without its #")});
      Lines item;
      append_shifted(item, section_lines(example_item<T>(), path(key), hints_), "  - ", "    ");
      for (const auto& l : item) out_.push_back(Line{"# " + l.text, l.comment});
      return;
    }
    out_.push_back(Line{fmt::format("{}:", key), comment(key, nullptr)});
    for (const auto& item : v) append_shifted(out_, section_lines(item, path(key), hints_), "  - ", "    ");
  }

  Lines& out_;
  std::string path_;
  const Hints& hints_;
};

template <class T> Lines section_lines(const T& s, const std::string& path, const Hints& hints) {
  Lines out;
  FormWriter w(out, path, hints);
  visit::fields_of(s, w);
  return out;
}

// The lines as text, comments aligned at column 32.
std::string render(const std::string& header, const Lines& lines) {
  std::string text = header;
  for (const auto& l : lines) {
    text += l.text;
    if (!l.comment.empty()) {
      std::size_t pad = l.text.size() < 30 ? 30 - l.text.size() : 0;
      text += std::string(pad, ' ') + "  # " + l.comment;
    }
    text += "\n";
  }
  return text;
}

// Hints every form shares.
Hints common_hints() {
  return Hints{{"date", "YYYY-MM-DD; empty: today"},
               {"by", "worker id; empty: you"},
               {"next_review", "YYYY-MM-DD"}};
}

// The opening comment lines: what the form is, how to abort, and the rules of the stage's area
// as core/rule_catalog describes them.
std::string header(const std::string& what, std::string_view area) {
  std::string rules = "# Rules:\n";
  for (const RuleInfo* rule : rules_of(area)) rules += fmt::format("#  - {}\n", rule->description);
  return fmt::format(
      "# {}\n"
      "# Fill in the fields and save. Lines starting with # are comments; the allowed values of a\n"
      "# field are listed after it. An empty or unchanged form aborts: nothing is written.\n"
      "{}",
      what, rules);
}

std::string assess_form(const Record& r) {
  Assessment a;
  const Assessment* prev = latest_assessment(r);
  if (prev) a.needs = prev->needs;  // a re-assessment starts from the needs known so far
  Hints h = common_hints();
  h["methods"] = "at least one of: " + enums::method.allowed();
  h["immediate_actions"] = "required when safety is unsafe";
  h["needs"] = prev ? fmt::format("the needs of assessment {}, carried over: edit, add or remove", prev->n)
                    : "what the client and family need; ids N1, N2, ...";
  h["risks.domain"] = enums::concern.allowed();
  std::string what = fmt::format("Assessment {} of {}{}.", r.assessments.size() + 1, r.id,
                                 prev ? " (re-assessment)" : "");
  return render(header(what, "assessment"), section_lines(a, "", h));
}

std::string plan_form(const Record& r) {
  Plan p;
  const Assessment* la = latest_assessment(r);
  const Plan* pf = plan_in_force(r);
  if (la) p.assessment = la->n;
  bool revision = pf && la && pf->assessment == la->n;
  if (revision) {  // a revision starts from the plan in force
    p.goals = pf->goals;
    p.services = pf->services;
    p.participation = pf->participation;
  } else if (la) {  // one goal per need, one service per goal
    for (std::size_t i = 0; i < la->needs.size(); ++i) {
      std::string g = fmt::format("G{}", i + 1);
      p.goals.push_back(Goal{g, {la->needs[i].id}, "", "", std::nullopt});
      Service s;
      s.id = fmt::format("S{}", i + 1);
      s.goals = {g};
      p.services.push_back(s);
    }
  }
  Hints h = common_hints();
  h["assessment"] = "the assessment this plan answers (the latest)";
  h["goals.needs"] = "need ids this goal answers";
  h["goals.due"] = "YYYY-MM-DD";
  h["services.goals"] = "goal ids this service serves";
  h["services.responsible"] = "worker id";
  h["services.start"] = "YYYY-MM-DD";
  h["services.end"] = "YYYY-MM-DD, not before start";
  h["participation.client_views"] = "the client's own views (for a child, the child's voice)";
  h["participation.client_views_absent_reason"] = "only if client_views cannot be given: why";
  h["participation.agreed_by"] = "who agreed to the plan";
  Record with = r;
  with.plans.push_back(p);
  with.plans.back().date = today();
  std::string risk = risk_for_plan(with, with.plans.size() - 1);
  h["next_review"] = risk.empty() ? "YYYY-MM-DD (required)"
                                  : fmt::format("YYYY-MM-DD, at most policy.review_every[{}] days after the plan date", risk);
  std::string what = fmt::format("Support plan {} of {}, answering assessment {}{}.", r.plans.size() + 1, r.id,
                                 p.assessment, revision ? fmt::format(" (revision of plan {})", pf->n) : "");
  return render(header(what, "plan"), section_lines(p, "", h));
}

std::string review_form(const Record& r) {
  Review v;
  const Plan* pf = plan_in_force(r);
  if (pf) {
    v.plan = pf->n;
    for (const auto& g : pf->goals) v.progress.push_back(GoalProgress{g.id, "", ""});
    for (const auto& s : pf->services) v.services.push_back(ServiceDelivery{s.id, "", ""});
  }
  Hints h = common_hints();
  h["plan"] = "the plan reviewed (the plan in force)";
  h["progress.status"] = enums::progress.allowed();
  h["services.delivered"] = enums::delivered.allowed();
  h["next_review"] = "YYYY-MM-DD, required unless the decision is close; at most policy.review_every[risk] days";
  std::string what = fmt::format("Review {} of {}, of plan {}.", r.reviews.size() + 1, r.id, v.plan);
  return render(header(what, "review"), section_lines(v, "", h));
}

std::string close_form(const Record& r) {
  Closure c;
  const Plan* pf = plan_in_force(r);
  const Review* lr = latest_review(r);
  if (pf)
    for (const auto& g : pf->goals) {
      Outcome o{g.id, ""};
      if (lr && lr->plan == pf->n)
        for (const auto& p : lr->progress)
          if (p.goal == g.id) o.status = p.status;
      c.outcomes.push_back(o);
    }
  Hints h = common_hints();
  h["plan"] = "the plan in force (filled in)";
  h["approval"] = "the supervisor's approval used (filled in when one is needed and given)";
  h["outcomes.status"] = enums::progress.allowed();
  h["evaluation"] = "required: what worked, for later cases";
  std::string what = fmt::format("Closure of {}.", r.id);
  return render(header(what, "close"), section_lines(c, "", h));
}

}  // namespace

std::string stage_form_template(const std::string& stage, const Record& r) {
  if (stage == "assess") return assess_form(r);
  if (stage == "plan") return plan_form(r);
  if (stage == "review") return review_form(r);
  if (stage == "close") return close_form(r);
  fail(ErrorKind::internal, txf("no editor form for \"{}\"", stage));
}

}  // namespace casectl::cli
