// summarize(): the derived facts of a case; their JSON form and their packed form for the index.
#include "core/i18n.hpp"
#include "core/summary.hpp"

#include <fmt/format.h>

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


namespace {

// Appends fields as: unsigned LEB128 numbers, text as length + bytes, dates as
// (year * 16 + month) * 32 + day, plus 1 (0 for absent), a date and time as its date then (when
// present) the minute of the day, flags as 0 or 1, lists of text as count + items, lists of
// items (services, closures, deadlines...) as count + the items' length in bytes + items, so
// that a reader not wanting them passes over them at once.
struct Packer {
  std::string& out;
  void num(unsigned long long v) {
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
  }
  void operator()(const char*, const std::string& v) {
    num(v.size());
    out += v;
  }
  void operator()(const char*, const OptDate& v) {
    if (!v || v->y < 0) return num(0);  // a record's dates have four-digit years
    num(((static_cast<unsigned long long>(v->y) * 16 + v->m) * 32 + v->d) + 1);
  }
  void operator()(const char* k, const OptDateTime& v) {
    (*this)(k, v ? OptDate(v->date) : OptDate());
    if (v && v->date.y >= 0) num(static_cast<unsigned>(v->hour * 60 + v->minute));
  }
  void operator()(const char*, const int& v) { num(static_cast<unsigned>(v)); }
  void operator()(const char*, const bool& v) { num(v ? 1 : 0); }
  void operator()(const char* k, const Strings& v) {
    num(v.size());
    for (const auto& s : v) (*this)(k, s);
  }
  void operator()(const char* k, const DateTime& v) { (*this)(k, OptDateTime(v)); }
  // A deadline's kind as its code, so that the layout does not depend on the enum's order.
  void operator()(const char* k, const DeadlineKind& v) { (*this)(k, std::string(code(v))); }
  template <class T> void operator()(const char*, const std::vector<T>& v) {
    num(v.size());
    if (v.empty()) return;
    std::string items;
    Packer inner{items};
    for (const T& e : v) item_fields(const_cast<T&>(e), inner);
    num(items.size());
    out += items;
  }
};

// Reads what Packer wrote; Error(internal) on truncated or impossible input.
struct Unpacker {
  std::string_view in;
  std::size_t pos = 0;
  const SummaryFields* read = nullptr;  // nullptr: every field
  std::size_t place = 0;                // top-level fields met so far
  int depth = 0;                        // > 0 inside a list's items
  bool skipping = false;                // the top-level field being visited is passed over
  bool done = false;                    // past the last field read: nothing more is decoded

  [[noreturn]] static void bad() { fail(ErrorKind::internal, tx("index summary is damaged")); }
  unsigned long long num() {
    unsigned long long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= in.size()) bad();
      auto b = static_cast<unsigned char>(in[pos++]);
      v |= static_cast<unsigned long long>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    bad();
  }
  std::size_t count() {
    auto n = num();
    if (n > in.size() - pos) bad();  // every item takes at least one byte
    return static_cast<std::size_t>(n);
  }
  // Called first by every visit: true when this field is not wanted (decoded only as far as
  // needed to pass over it, or not at all once done).
  bool skip() {
    if (depth > 0) return skipping;
    if (read) {
      done = done || place > read->last();
      skipping = done || !read->has(place);
    }
    ++place;
    return skipping;
  }
  // Passes over a text.
  void pass_text() {
    auto n = count();
    pos += n;
  }
  void operator()(const char*, std::string& v) {
    if (skip()) {
      if (!done) pass_text();
      return v.clear();
    }
    auto n = count();
    v.assign(in.data() + pos, n);
    pos += n;
  }
  void operator()(const char*, OptDate& v) {
    if (skip()) {
      if (!done) num();
      return v.reset();
    }
    auto n = num();
    if (n == 0) {
      v.reset();
      return;
    }
    --n;
    Date d{static_cast<int>(n >> 9), static_cast<int>((n >> 5) & 15), static_cast<int>(n & 31)};
    if (n >> 9 > 99999 || d.m < 1 || d.m > 12 || d.d < 1) bad();
    v = d;
  }
  void operator()(const char* k, OptDateTime& v) {
    if (skip()) {
      if (!done && num() != 0) num();
      return v.reset();
    }
    OptDate date;
    ++depth;  // the date is part of this field
    (*this)(k, date);
    --depth;
    if (!date) return v.reset();
    auto m = num();
    if (m >= 1440) bad();
    v = DateTime{*date, static_cast<int>(m / 60), static_cast<int>(m % 60)};
  }
  void operator()(const char*, int& v) {
    if (skip()) {
      if (!done) num();
      v = 0;
      return;
    }
    auto n = num();
    if (n > 0x7fffffffULL) bad();
    v = static_cast<int>(n);
  }
  void operator()(const char*, bool& v) {
    if (skip()) {
      if (!done) num();
      v = false;
      return;
    }
    auto n = num();
    if (n > 1) bad();
    v = n == 1;
  }
  void operator()(const char* k, Strings& v) {
    if (skip()) {
      if (!done)
        for (std::size_t n = count(); n > 0; --n) pass_text();
      return v.clear();
    }
    v.resize(count());
    ++depth;
    for (auto& s : v) (*this)(k, s);
    --depth;
  }
  void operator()(const char* k, DateTime& v) {
    OptDateTime t;
    (*this)(k, t);
    if (skipping) return;
    if (!t) bad();
    v = *t;
  }
  void operator()(const char*, DeadlineKind& v) {
    if (skip()) {
      if (!done) pass_text();
      return;
    }
    auto n = count();
    std::optional<DeadlineKind> known = deadline_kind(in.substr(pos, n));  // no copy of the code
    pos += n;
    if (!known) bad();
    v = *known;
  }
  template <class T> void operator()(const char*, std::vector<T>& v) {
    bool passed = skip();
    if (passed && done) return v.clear();
    std::size_t n = count();
    std::size_t bytes = n == 0 ? 0 : count();  // the items' length (each takes a byte at least)
    if (bytes < n) bad();
    std::size_t end = pos + bytes;
    if (passed) {
      pos = end;
      return v.clear();
    }
    ++depth;
    v.resize(n);
    for (T& e : v) item_fields(e, *this);
    --depth;
    if (pos != end) bad();
  }
};

// The keys of summary_fields, in order.
struct KeyLister {
  std::vector<const char*> keys;
  template <class T> void operator()(const char* k, T&) { keys.push_back(k); }
};

}  // namespace

const std::vector<const char*>& summary_keys() {
  static const std::vector<const char*> keys = [] {
    KeyLister l;
    CaseSummary s;
    summary_fields(s, l);
    return l.keys;
  }();
  return keys;
}


std::string summary_pack(const CaseSummary& s) {
  std::string out;
  out.reserve(256);
  Packer p{out};
  summary_fields(s, p);
  return out;
}

CaseSummary summary_unpack(std::string_view bytes) {
  CaseSummary s;
  summary_unpack_into(bytes, s);
  return s;
}

SummaryFields SummaryFields::all() { return SummaryFields(~std::uint64_t{0}); }

SummaryFields SummaryFields::of(std::initializer_list<const char*> keys) {
  const std::vector<const char*>& known = summary_keys();
  if (known.size() > 64) fail(ErrorKind::internal, "a summary has more than 64 fields");
  std::uint64_t bits = 0;
  auto place = [&](std::string_view key) {
    for (std::size_t i = 0; i < known.size(); ++i)
      if (key == known[i]) return i;
    fail(ErrorKind::internal, fmt::format("no summary field {}", key));
  };
  for (const char* k : {"id", "error"}) bits |= std::uint64_t{1} << place(k);
  for (const char* k : keys) bits |= std::uint64_t{1} << place(k);
  return SummaryFields(bits);
}

void summary_unpack_into(std::string_view bytes, CaseSummary& s, const SummaryFields& read) {
  Unpacker u{bytes};
  if (!(read == SummaryFields::all())) u.read = &read;
  summary_fields(s, u);
  if (!u.done && u.pos != bytes.size()) Unpacker::bad();
}

}  // namespace casectl
