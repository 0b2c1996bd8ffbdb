// summarize(): the derived facts of a case, and their JSON form (the packed form for the index:
// summary_pack.cpp).
#include "core/i18n.hpp"
#include "core/summary.hpp"

#include "core/as_of.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "core/rules.hpp"

namespace casectl {

namespace {

// True when a (an optional date) is not before b; absent dates come first.
bool not_before(const OptDate& a, const OptDate& b) {
  if (!b) return true;
  return a && *a >= *b;
}

// Index of the latest entry by date (a later entry wins a tie), or -1 for an empty list.
template <class T> int latest_by_date(const std::vector<T>& list) {
  int best = -1;
  for (int i = 0; i < static_cast<int>(list.size()); ++i)
    if (best < 0 || not_before(list[i].date, list[best].date)) best = i;
  return best;
}

// Sets the next-deadline fields of s from the deadline model.
void summarize_deadlines(const Record& r, const Policy& policy, CaseSummary& s) {
  std::vector<Deadline> open = outstanding(case_deadlines(r, policy));
  s.deadlines_outstanding = static_cast<int>(open.size());
  s.deadlines.reserve(open.size());
  for (const Deadline& d : open) s.deadlines.push_back(OpenDeadline{d.kind, d.due, d.ref, d.urgent});
  if (open.empty()) return;
  const Deadline& next = open.front();
  s.next_deadline = code(next.kind);
  s.next_deadline_due = next.due;
  s.next_deadline_ref = next.ref;
  s.next_deadline_urgent = next.urgent;
}

// The episodes the closures ended: closure i follows the case's start (i = 0) or reopening i - 1
// (from its report when that came before the reopening day), and reopening i reopened it.
std::vector<ClosureFact> closure_facts(const Record& r) {
  std::vector<ClosureFact> out;
  for (std::size_t i = 0; i < r.closures.size(); ++i) {
    const Closure& c = r.closures[i];
    ClosureFact f;
    f.n = c.n;
    f.date = c.date;
    f.reason = c.reason;
    if (i == 0) {
      f.began = r.referral.date ? r.referral.date : r.opened;
    } else if (i - 1 < r.reopenings.size()) {
      const Reopening& re = r.reopenings[i - 1];
      f.began = re.date;
      if (re.received && (!f.began || re.received->date < *f.began)) f.began = re.received->date;
    }
    if (c.plan)
      if (const Plan* p = find_n(r.plans, *c.plan)) f.goals = static_cast<int>(p->goals.size());
    for (const Outcome& o : c.outcomes) f.achieved += o.status == "achieved" ? 1 : 0;
    if (i < r.reopenings.size()) f.reopened = r.reopenings[i].date;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

CaseSummary summarize(const Record& r, const Policy& policy) {
  CaseSummary s;
  s.id = r.id;
  s.status = r.status;
  s.worker = r.worker;
  s.client_name = r.client.name;
  s.birth_date = r.client.birth_date;
  s.sex = r.client.sex;
  s.opened = r.opened;
  s.referral_date = r.referral.date;
  s.referral_source = r.referral.source;
  s.urgency = current_urgency(r);
  s.concerns = r.referral.concerns;
  s.risk = current_risk(r);
  s.safety = current_safety(r);
  s.outstanding = outstanding_name(outstanding(r));

  s.assessments = static_cast<int>(r.assessments.size());
  s.plans = static_cast<int>(r.plans.size());
  s.reviews = static_cast<int>(r.reviews.size());
  s.notes = static_cast<int>(r.notes.size());
  s.reopenings = static_cast<int>(r.reopenings.size());

  if (const Assessment* a = latest_assessment(r)) s.last_assessment = a->date;
  if (const Plan* p = plan_in_force(r)) {
    s.last_plan = p->date;
    s.plan_next_review = p->next_review;
    s.goals = static_cast<int>(p->goals.size());
    // A plan made before the last reopening ended with its episode (as core/deadlines reads it).
    bool old = !r.reopenings.empty() && p->date && r.reopenings.back().date && *p->date < *r.reopenings.back().date;
    if (!old)
      for (const Service& sv : p->services) s.services.push_back({sv.id, sv.type, sv.provider, sv.start, sv.end});
  }
  if (const Review* rv = latest_review(r)) {
    s.last_review = rv->date;
    s.review_next_review = rv->next_review;
    s.review_decision = rv->decision;
  }
  if (int i = latest_by_date(r.notes); i >= 0) s.last_contact = r.notes[i].date;
  for (const SafetyCheck& c : r.safety_checks)
    if (c.at && c.outcome != "not-seen" && (!s.last_contact || c.at->date > *s.last_contact)) s.last_contact = c.at->date;
  if (!r.reopenings.empty()) s.last_reopened = r.reopenings.back().date;
  if (!r.closures.empty()) {
    s.closed = r.closures.back().date;
    s.closure_reason = r.closures.back().reason;
  }
  s.closures = closure_facts(r);
  s.last_event = last_event(r);
  summarize_deadlines(r, policy, s);
  return s;
}

bool CaseSummary::next_deadline_overdue(const DateTime& now) const {
  return next_deadline_due && past_due(*next_deadline_due, now);
}

bool CaseSummary::any_deadline_overdue(const DateTime& now) const {
  for (const OpenDeadline& d : deadlines)
    if (past_due(d.due, now)) return true;
  return false;
}

CaseSummary unreadable_summary(std::string id, std::string path, std::string error) {
  CaseSummary s;
  s.id = std::move(id);
  s.path = std::move(path);
  s.error = error.empty() ? std::string("unreadable") : std::move(error);
  return s;
}

namespace {

// Writes each field of a summary into a JSON object (empty text and absent dates left out).
struct ToJson {
  nlohmann::ordered_json& j;
  void operator()(const char* k, const std::string& v) {
    bool always = std::string_view(k) == "id" || std::string_view(k) == "path";
    if (always || !v.empty()) j[k] = v;
  }
  void operator()(const char* k, const OptDate& v) {
    if (v) j[k] = v->iso();
  }
  void operator()(const char* k, const OptDateTime& v) {
    if (v) j[k] = v->str();
  }
  void operator()(const char* k, const int& v) { j[k] = v; }
  void operator()(const char* k, const bool& v) { j[k] = v; }
  void operator()(const char* k, const Strings& v) {
    if (!v.empty()) j[k] = v;
  }
  void operator()(const char*, const DateTime& v) = delete;  // only inside items (Item below)
  void operator()(const char*, const DeadlineKind&) = delete;
  // A list of items (services, deadlines, closures) as an array of objects, left out when empty.
  template <class T> void operator()(const char* k, const std::vector<T>& v) {
    if (v.empty()) return;
    auto& a = j[k] = nlohmann::ordered_json::array();
    for (const T& e : v) {
      nlohmann::ordered_json o = nlohmann::ordered_json::object();
      Item item{o};
      item_fields(const_cast<T&>(e), item);
      a.push_back(std::move(o));
    }
  }
  // An item's fields: like the summary's, with its kind as a code and a due time always written.
  struct Item {
    nlohmann::ordered_json& o;
    template <class T> void operator()(const char* k, const T& v) { ToJson{o}(k, v); }
    void operator()(const char* k, const DateTime& v) { o[k] = v.str(); }
    void operator()(const char* k, const DeadlineKind& v) { o[k] = code(v); }
  };
};


}  // namespace

nlohmann::ordered_json summary_json(const CaseSummary& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  ToJson v{j};
  summary_fields(s, v);
  return j;
}

bool CaseSummary::operator==(const CaseSummary& o) const {
  return summary_json(*this) == summary_json(o);
}

}  // namespace casectl
