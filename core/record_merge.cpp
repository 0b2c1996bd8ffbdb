// The three-way record merge: one walk over three versions of a record (base, ours, theirs)
// through the fields() tables, in the way core/record_diff.cpp walks two, building the merged
// record and naming what it could not decide.
#include "core/record_merge.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "core/record_visit.hpp"

namespace casectl {

bool covers(const std::string& field, const std::string& path) {
  if (field.empty() || field == path) return true;
  return path.size() > field.size() && path.compare(0, field.size(), field) == 0 &&
         (path[field.size()] == '.' || path[field.size()] == '[');
}

const MergeChoice* choice_for(const MergeChoices& choices, const std::string& path) {
  const MergeChoice* best = nullptr;
  for (const auto& c : choices)
    if (covers(c.path, path) && (!best || c.path.size() >= best->path.size())) best = &c;
  return best;
}

std::string MergeConflict::str() const {
  std::string who = case_id.empty() ? std::string(kConfigFile) : case_id;
  if (!rule.empty()) return who + ": " + path + ": the merged record breaks rule " + rule;
  return who + ": " + path + ": ours " + ours + ", theirs " + theirs;
}

namespace {

using Out = std::vector<MergeConflict>;

// ---- Equality of sections, lists and values (as core/record.cpp) ----

template <class T> bool eq(const T& a, const T& b) { return visit::same(a, b); }

// ---- What a conflict may show (SPEC section 8) ----

// Plain text fields that hold codes or worker/case ids rather than free text.
bool code_key(std::string_view k) {
  static const std::set<std::string_view> keys = {
      "id",    "by",       "worker",    "responsible", "goal", "service", "needs",
      "goals", "sections", "documents", "case",        "from", "to",      "attendees"};
  return keys.count(k) > 0;
}

// Sections about persons: only enumeration codes under them are shown.
bool personal_section(std::string_view k) { return k == "client" || k == "household"; }

std::string shown(int v) { return std::to_string(v); }
std::string shown(const OptInt& v) { return v ? std::to_string(*v) : "(none)"; }
std::string shown(const std::string& v) { return v.empty() ? "(none)" : v; }
std::string shown(const Strings& v) {
  if (v.empty()) return "(none)";
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return "[" + s + "]";
}
std::string shown(const OptDate& v) { return v ? v->iso() : "(none)"; }
std::string shown(const OptDateTime& v) { return v ? v->str() : "(none)"; }

// Where the walk is: the path of the section, whether it is about a person, whether its lists
// are the record's own (top-level lists never lose an item), and the choices that settle
// conflicts.
struct Where {
  std::string path;
  bool personal = false;
  bool top = false;
  const MergeChoices* choices = nullptr;

  std::string at(const std::string& k) const { return path.empty() ? k : path + "." + k; }
  Where section(const std::string& k) const { return {at(k), personal || personal_section(k), false, choices}; }
  Where element(const std::string& list, const std::string& key) const {
    return {at(list) + "[" + key + "]", personal || personal_section(list), false, choices};
  }
  // The side chosen for a conflict at path p, if any.
  std::optional<Side> chosen(const std::string& p) const {
    const MergeChoice* c = choices ? choice_for(*choices, p) : nullptr;
    return c ? std::optional<Side>(c->side) : std::nullopt;
  }
};

// A conflict of a plain value, showing it only when it is a code, a number or a date outside
// the sections about persons.
template <class F>
void value_conflict(const Where& w, const std::string& k, const F& o, const F& t, bool code, Out& out) {
  constexpr bool is_text = std::is_same_v<F, std::string> || std::is_same_v<F, Strings>;
  bool withheld = !code && (is_text ? w.personal || !code_key(k) : w.personal);
  std::string so = shown(o), st = shown(t);
  if (withheld) {
    const char* hidden = is_text ? "(text differs)" : "(value differs)";
    if (so != "(none)") so = hidden;
    if (st != "(none)") st = hidden;
  }
  out.push_back({"", w.at(k), so, st, ""});
}

// ---- Traits of the fields() tables ----

template <class T> struct optional_section : std::false_type {};
template <class T> struct optional_section<std::optional<T>> : visit::is_section<T> {};
template <class T> struct section_list : std::false_type {};
template <class T> struct section_list<std::vector<T>> : visit::is_section<T> {};

using visit::key_of;

// When an item happened, for date order: its `date` or `at` in minutes (LONG_MIN: none).
struct WhenOf {
  long when = LONG_MIN;
  template <class F> void operator()(const char* k, F& f) {
    std::string_view key(k);
    if constexpr (std::is_same_v<F, OptDate>) {
      if (key == "date" && f) when = f->days() * 1440L;
    } else if constexpr (std::is_same_v<F, OptDateTime>) {
      if (key == "at" && f) when = f->minutes();
    }
  }
  template <class F> void operator()(const char* k, F& f, const Enum&) { (*this)(k, f); }
};
template <class T> long when_of(const T& item) {
  WhenOf v;
  visit::fields_of(item, v);
  return v.when;
}

// ---- The walk ----

template <class F>
void value(const Where& w, const std::string& k, const F& b, const F& o, const F& t, F& r, bool code, Out& out);

// Walks the merged section's table, merging each field from its twins in base, ours, theirs.
struct Merger {
  const Where& w;
  const std::vector<const void*>&b, &o, &t;
  Out& out;
  std::size_t i = 0;
  template <class F> void operator()(const char* k, F& r) { next(k, r, false); }
  template <class F> void operator()(const char* k, F& r, const Enum&) { next(k, r, true); }
  template <class F> void next(const char* k, F& r, bool code) {
    value(w, k, *static_cast<const F*>(b[i]), *static_cast<const F*>(o[i]), *static_cast<const F*>(t[i]),
          r, code, out);
    ++i;
  }
};

// Three versions of a section merged field by field into r.
template <class T> void section(const Where& w, const T& b, const T& o, const T& t, T& r, Out& out) {
  visit::Addresses ab, ao, at;
  visit::fields_of(b, ab);
  visit::fields_of(o, ao);
  visit::fields_of(t, at);
  r = o;
  Merger m{w, ab.ptrs, ao.ptrs, at.ptrs, out};
  fields(r, m);
}

// One item (or the record): a side that did not change it takes the other's.
template <class T> void item(const Where& w, const T& b, const T& o, const T& t, T& r, Out& out) {
  if (eq(o, t) || eq(t, b)) r = o;
  else if (eq(o, b)) r = t;
  else section(w, b, o, t, r, out);
}

// An item that one side deleted: kept at the top level (a record's lists never lose an item);
// inside an item, deleted unless the side that kept it changed it (then a conflict).
template <class T>
void one_side(const Where& w, const Where& at, const T* b, const T& kept, bool ours_kept, std::vector<T>& r, Out& out) {
  if (!b || w.top) return r.push_back(kept);
  if (eq(kept, *b)) return;
  if (std::optional<Side> side = at.chosen(at.path)) {
    if ((*side == Side::ours) == ours_kept) r.push_back(kept);
    return;
  }
  r.push_back(kept);
  out.push_back({"", at.path, ours_kept ? "(changed)" : "(deleted)", ours_kept ? "(deleted)" : "(changed)", ""});
}

// The field every item of the three lists is keyed by (each list's keys all different), or "".
template <class T>
std::string key_field(const std::vector<T>& b, const std::vector<T>& o, const std::vector<T>& t) {
  std::string field;
  for (const auto* v : {&b, &o, &t})
    if (!v->empty() && key_of(v->front())) field = key_of(v->front())->first;
  if (field.empty()) return "";
  for (const auto* v : {&b, &o, &t}) {
    std::set<std::string> seen;
    for (const auto& x : *v) {
      auto k = key_of(x);
      if (!k || k->first != field || !seen.insert(k->second).second) return "";
    }
  }
  return field;
}

// Lists whose items have keys: items matched by key; the same key added on both sides merges
// field by field from an empty item (each differing field a conflict). Numbered lists by n.
template <class T>
void keyed(const Where& w, const std::string& k, const std::string& field, const std::vector<T>& b,
           const std::vector<T>& o, const std::vector<T>& t, std::vector<T>& r, Out& out) {
  auto find = [](const std::vector<T>& v, const std::string& key) -> const T* {
    for (const auto& x : v)
      if (key_of(x)->second == key) return &x;
    return nullptr;
  };
  std::vector<std::string> order;
  for (const auto& x : o) order.push_back(key_of(x)->second);
  for (const auto& x : t)
    if (!find(o, key_of(x)->second)) order.push_back(key_of(x)->second);
  r.clear();
  for (const auto& key : order) {
    const T *pb = find(b, key), *po = find(o, key), *pt = find(t, key);
    Where at = w.element(k, field + "=" + key);
    if (po && pt && !pb && !eq(*po, *pt)) {
      // The same key added on both sides, differently: a conflict, named field by field (a
      // choice of the item takes that side's whole; choices of its fields settle those).
      if (std::optional<Side> side = at.chosen(at.path)) {
        r.push_back(*side == Side::ours ? *po : *pt);
        continue;
      }
      Out inside, unchosen;
      T merged, scratch;
      section(at, T{}, *po, *pt, merged, inside);
      Where plain = at;
      plain.choices = nullptr;
      section(plain, T{}, *po, *pt, scratch, unchosen);
      // Settled when its fields conflicted and choices settled every one.
      if (!inside.empty() || unchosen.empty()) out.push_back({"", at.path, "(added)", "(added)", ""});
      out.insert(out.end(), inside.begin(), inside.end());
      r.push_back(std::move(merged));
    } else if (po && pt) {
      T merged;
      item(at, pb ? *pb : T{}, *po, *pt, merged, out);
      r.push_back(std::move(merged));
    } else {
      one_side(w, at, pb, po ? *po : *pt, po != nullptr, r, out);
    }
  }
  if (field == "n")
    std::stable_sort(r.begin(), r.end(), [](const T& x, const T& y) {
      return std::stoi(key_of(x)->second) < std::stoi(key_of(y)->second);
    });
}

// Lists without keys: the base's items matched by position (by equality on a side that has
// fewer items than the base); items added on each side appended in date order, one added on
// both sides alike kept once.
template <class T>
void unkeyed(const Where& w, const std::string& k, const std::vector<T>& b, const std::vector<T>& o,
             const std::vector<T>& t, std::vector<T>& r, Out& out) {
  std::vector<bool> used_o(o.size()), used_t(t.size());
  auto twin = [&](const std::vector<T>& side, std::vector<bool>& used, std::size_t i) -> const T* {
    if (side.size() >= b.size()) {
      used[i] = true;
      return &side[i];
    }
    for (std::size_t j = 0; j < side.size(); ++j)
      if (!used[j] && eq(side[j], b[i])) {
        used[j] = true;
        return &side[j];
      }
    return nullptr;
  };
  r.clear();
  for (std::size_t i = 0; i < b.size(); ++i) {
    const T *po = twin(o, used_o, i), *pt = twin(t, used_t, i);
    Where at = w.element(k, "#" + std::to_string(r.size() + 1));
    if (po && pt) {
      T merged;
      item(at, b[i], *po, *pt, merged, out);
      r.push_back(std::move(merged));
    } else if (po || pt) {
      one_side(w, at, &b[i], po ? *po : *pt, po != nullptr, r, out);
    }
  }
  std::vector<const T*> fresh;
  for (std::size_t j = 0; j < o.size(); ++j)
    if (!used_o[j]) fresh.push_back(&o[j]);
  std::size_t ours_fresh = fresh.size();
  for (std::size_t j = 0; j < t.size(); ++j) {
    if (used_t[j]) continue;
    bool twice = false;
    for (std::size_t i = 0; i < ours_fresh; ++i) twice = twice || eq(*fresh[i], t[j]);
    if (!twice) fresh.push_back(&t[j]);
  }
  std::stable_sort(fresh.begin(), fresh.end(), [](const T* x, const T* y) { return when_of(*x) < when_of(*y); });
  for (const T* x : fresh) r.push_back(*x);
}

template <class F>
void value(const Where& w, const std::string& k, const F& b, const F& o, const F& t, F& r, bool code, Out& out) {
  if (eq(o, t) || eq(t, b)) {
    r = o;
  } else if (eq(o, b)) {
    r = t;
  } else if constexpr (visit::is_section_v<F>) {
    section(w.section(k), b, o, t, r, out);
  } else if constexpr (optional_section<F>::value) {
    r = o;
    if (o && t) section(w.section(k), b ? *b : typename F::value_type{}, *o, *t, *r, out);
    else if (std::optional<Side> side = w.chosen(w.at(k))) r = *side == Side::ours ? o : t;
    else out.push_back({"", w.at(k), o ? "(changed)" : "(deleted)", t ? "(changed)" : "(deleted)", ""});
  } else if constexpr (section_list<F>::value) {
    std::string field = key_field(b, o, t);
    if (field.empty()) unkeyed(w, k, b, o, t, r, out);
    else keyed(w, k, field, b, o, t, r, out);
  } else if (std::optional<Side> side = w.chosen(w.at(k))) {
    r = *side == Side::ours ? o : t;
  } else {
    r = o;
    value_conflict(w, k, o, t, code, out);
  }
}

// ---- Numbering the items that each side added to a grow-only list ----

using Renumbering = std::map<int, int>;  // a side's new n -> its n in the merged list

// Numbers the items added on each side (n not in the base) on from the base's highest, in date
// order (ours first on the same date); an item added on both sides alike gets one number.
template <class T>
std::pair<Renumbering, Renumbering> renumber(const std::vector<T>& b, std::vector<T>& o, std::vector<T>& t) {
  std::set<int> old;
  int n = 0;
  for (const auto& x : b) {
    old.insert(x.n);
    n = std::max(n, x.n);
  }
  struct Fresh {
    bool theirs;
    std::size_t i;
  };
  std::vector<Fresh> fresh;
  std::vector<std::pair<std::size_t, std::size_t>> twice;  // theirs i is ours j
  for (std::size_t i = 0; i < o.size(); ++i)
    if (!old.count(o[i].n)) fresh.push_back({false, i});
  std::size_t ours_fresh = fresh.size();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (old.count(t[i].n)) continue;
    std::optional<std::size_t> same;
    for (std::size_t f = 0; f < ours_fresh && !same; ++f)
      if (eq(o[fresh[f].i], t[i])) same = fresh[f].i;
    if (same) twice.emplace_back(i, *same);
    else fresh.push_back({true, i});
  }
  auto when = [&](const Fresh& f) { return when_of(f.theirs ? t[f.i] : o[f.i]); };
  std::stable_sort(fresh.begin(), fresh.end(), [&](const Fresh& x, const Fresh& y) { return when(x) < when(y); });
  Renumbering mo, mt;
  for (const auto& f : fresh) (f.theirs ? mt[t[f.i].n] : mo[o[f.i].n]) = ++n;
  for (auto [i, j] : twice) mt[t[i].n] = mo[o[j].n];
  for (auto* side : {&o, &t}) {
    const Renumbering& m = side == &o ? mo : mt;
    for (auto& x : *side)
      if (m.count(x.n)) x.n = m.at(x.n);
  }
  return {mo, mt};
}

// A reference to a renumbered item follows it.
void follow(OptInt& ref, const Renumbering& m) {
  if (ref && m.count(*ref)) ref = m.at(*ref);
}

// Renumbers the grow-only numbered lists of ours and theirs and the references to them.
void renumber_grow_only(const Record& b, Record& o, Record& t) {
  renumber(b.safety_checks, o.safety_checks, t.safety_checks);
  renumber(b.conferences, o.conferences, t.conferences);
  renumber(b.disclosures, o.disclosures, t.disclosures);
  renumber(b.reopenings, o.reopenings, t.reopenings);
  auto [co, ct] = renumber(b.consents, o.consents, t.consents);
  auto [ao, at] = renumber(b.approvals, o.approvals, t.approvals);
  for (auto [side, consents, approvals] : {std::tuple{&o, &co, &ao}, std::tuple{&t, &ct, &at}}) {
    for (auto& d : side->disclosures) follow(d.consent, *consents);
    for (auto& p : side->plans) follow(p.approval, *approvals);
    for (auto& c : side->closures) follow(c.approval, *approvals);
  }
}

}  // namespace

Merged<Record> merge_records(const Record& base, const Record& ours, const Record& theirs,
                             const MergeChoices& choices) {
  Record o = ours, t = theirs;
  renumber_grow_only(base, o, t);
  Merged<Record> m;
  Where root;
  root.top = true;
  root.choices = &choices;
  item(root, base, o, t, m.merged, m.conflicts);
  for (auto& c : m.conflicts) c.case_id = m.merged.id;
  return m;
}

std::vector<Problem> merge_problems(const Record& merged, const Record& ours, const Record& theirs,
                                    const RuleContext& ctx) {
  std::set<std::pair<std::string, std::string>> known;
  for (const Record* r : {&ours, &theirs})
    for (const auto& p : check_record(*r, ctx)) {
      known.emplace(p.rule, p.field);
      known.emplace(p.rule, "\n" + p.message);
    }
  std::vector<Problem> out;
  for (const auto& p : check_record(merged, ctx))
    if (!known.count({p.rule, p.field}) && !known.count({p.rule, "\n" + p.message})) out.push_back(p);
  return out;
}

std::vector<MergeConflict> rule_conflicts(const Record& merged, const Record& ours,
                                          const Record& theirs, const RuleContext& ctx) {
  std::vector<MergeConflict> out;
  for (const auto& p : merge_problems(merged, ours, theirs, ctx)) out.push_back({merged.id, p.field, "", "", p.rule});
  return out;
}

}  // namespace casectl
