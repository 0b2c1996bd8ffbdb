// The record differ: one walk over two versions of a record through the fields() tables, in the
// way core/record.cpp compares them for equality, collecting what changed instead of a bool.
#include "core/i18n.hpp"
#include "core/record_diff.hpp"

#include <set>
#include <string_view>
#include <type_traits>

#include "core/locale_text.hpp"
#include "core/record_schema.hpp"
#include "core/record_visit.hpp"
#include "core/rules.hpp"

namespace casectl {

const char* change_kind_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::added: return "added";
    case ChangeKind::removed: return "removed";
    case ChangeKind::changed: return "changed";
  }
  return "changed";
}

namespace {

using Out = std::vector<RecordChange>;

// Plain text fields (no enumeration) that hold codes or ids rather than free text: their values
// are shown. Every other plain text field is free text, named but never shown.
bool code_key(std::string_view k) {
  static const std::set<std::string_view> keys = {"id",    "by",    "worker", "responsible",
                                                  "goal",  "service", "needs", "goals",
                                                  "sections", "documents"};
  return keys.count(k) > 0;
}

// Sections about persons: every value under them is withheld unless it is an enumeration code
// (a birth date identifies the child as much as a name does).
bool personal_section(std::string_view k) { return k == "client" || k == "household"; }


// The enumeration field that says what kind of item an added or removed item of a list is.
const char* detail_field(std::string_view list) {
  if (list == "assessments") return "risk";
  if (list == "reviews") return "decision";
  if (list == "closures" || list == "amendments") return "reason";
  if (list == "notes" || list == "approvals") return "kind";
  return nullptr;
}

// The name of one item of a list: "plans" -> "plan".
std::string singular(const std::string& list) {
  if (list == "progress") return list;
  if (list == "household") return "household member";
  if (!list.empty() && list.back() == 's') return list.substr(0, list.size() - 1);
  return list;
}

std::string join(const std::string& a, const std::string& sep, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + sep + b;
}

// Where the walk is: the section's stable path, the people's name of the innermost item and the
// dotted path below it, whether it is about a person, the path without items (field_meanings())
// and whether people read the names in Japanese (the fields' labels, core/record_schema.hpp).
struct Where {
  std::string path;    // "" at the root, "plans[n=1]", "client"
  std::string item;    // "plan 1 goal G2" (ja "支援計画 1 目標 G2"); "" outside any list
  std::string dots;    // "participation" inside an item; "client" at the root (ja "本人")
  bool personal = false;
  std::string schema;  // "plans.goals", "client"
  bool ja = false;

  std::string field_path(const std::string& k) const { return join(path, ".", k); }
  std::string schema_path(const std::string& k) const { return join(schema, ".", k); }
  // Field k as people call it here: its key, or its Japanese label.
  std::string name(const std::string& k) const { return ja ? field_label(schema_path(k), "ja") : k; }
  const char* dot() const { return ja ? "・" : "."; }
  std::string label(const std::string& k) const { return join(item, " ", join(dots, dot(), name(k))); }
  Where section(const std::string& k) const {
    return {field_path(k), item, join(dots, dot(), name(k)), personal || personal_section(k), schema_path(k), ja};
  }
  // The item of list shown as `shown` (its key or position), keyed in the path by `key`.
  Where element(const std::string& list, const std::string& key, const std::string& shown) const {
    std::string noun = ja ? field_label(schema_path(list), "ja") : singular(list);
    return {field_path(list) + "[" + key + "]", join(join(item, " ", dots), " ", noun + " " + shown), "",
            personal || personal_section(list), schema_path(list), ja};
  }
};

// ---- Values as text (nullopt: absent) ----

std::optional<std::string> text(int v) { return std::to_string(v); }
std::optional<std::string> text(const OptInt& v) {
  return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
}
std::optional<std::string> text(const std::string& v) {
  return v.empty() ? std::nullopt : std::optional<std::string>(v);
}
std::optional<std::string> text(const Strings& v) {
  if (v.empty()) return std::nullopt;
  std::string s;
  for (const auto& x : v) s = join(s, ", ", x);
  return s;
}
std::optional<std::string> text(const OptDate& v) {
  return v ? std::optional<std::string>(v->iso()) : std::nullopt;
}
std::optional<std::string> text(const OptDateTime& v) {
  return v ? std::optional<std::string>(v->str()) : std::nullopt;
}

// ---- Type traits of the fields() tables ----

template <class T> struct optional_section : std::false_type {};
template <class T> struct optional_section<std::optional<T>> : visit::is_section<T> {};
template <class T> struct section_list : std::false_type {};
template <class T> struct section_list<std::vector<T>> : visit::is_section<T> {};

template <class F> void field(const Where& w, const std::string& k, const F& a, const F& b, bool code, Out& out);

// Walks a's fields, handing each with its twin in b to field().
struct Walker {
  const Where& w;
  const std::vector<const void*>& twins;
  Out& out;
  std::size_t i = 0;
  template <class F> void operator()(const char* k, F& a) { next(k, a, false); }
  template <class F> void operator()(const char* k, F& a, const Enum&) { next(k, a, true); }
  template <class F> void next(const char* k, const F& a, bool code) {
    field(w, k, a, *static_cast<const F*>(twins[i++]), code, out);
  }
};

// Every change between two versions of one section.
template <class T> void section(const Where& w, const T& a, const T& b, Out& out) {
  visit::Addresses twins;
  visit::fields_of(b, twins);
  Walker walker{w, twins.ptrs, out};
  visit::fields_of(a, walker);
}

// A change of a plain value (number, date, text, list of texts).
template <class F> void scalar(const Where& w, const std::string& k, const F& a, const F& b, bool code, Out& out) {
  if (a == b) return;
  constexpr bool is_text = std::is_same_v<F, std::string> || std::is_same_v<F, Strings>;
  RecordChange c;
  c.path = w.field_path(k);
  c.label = w.label(k);
  c.value = true;
  auto o = text(a), n = text(b);
  c.change = !o ? ChangeKind::added : !n ? ChangeKind::removed : ChangeKind::changed;
  c.withheld = !code && (is_text ? w.personal || !code_key(k) : w.personal);
  if (!c.withheld) {
    c.old_value = o;
    c.new_value = n;
  }
  out.push_back(std::move(c));
}

using visit::key_of;

// The keys of a list's items when every item has one, by the same field, all different.
template <class T>
bool item_keys(const std::vector<T>& items, const std::string& field, std::vector<std::string>& keys) {
  std::set<std::string> seen;
  for (const auto& x : items) {
    auto k = key_of(x);
    if (!k || k->first != field || !seen.insert(k->second).second) return false;
    keys.push_back(k->second);
  }
  return true;
}

// What kind of item it is, from its detail_field(): "decision continue", "home-visit".
struct DetailOf {
  const char* want;
  std::string detail;
  template <class F> void operator()(const char*, F&) {}
  template <class F> void operator()(const char* k, F& f, const Enum&) {
    if constexpr (std::is_same_v<F, std::string>)
      if (std::string_view(k) == want && !f.empty())
        detail = std::string_view(k) == "kind" ? f : std::string(k) + " " + f;
  }
};
template <class T> std::string detail_of(const std::string& list, const T& item) {
  const char* want = detail_field(list);
  if (!want) return "";
  DetailOf v{want, ""};
  visit::fields_of(item, v);
  return v.detail;
}

// Two versions of a list of sections: items matched by key (or position), each added, removed
// or walked for its changed fields.
template <class T>
void items(const Where& w, const std::string& k, const std::vector<T>& a, const std::vector<T>& b, Out& out) {
  std::string field;
  if (!b.empty() && key_of(b.front())) field = key_of(b.front())->first;
  else if (!a.empty() && key_of(a.front())) field = key_of(a.front())->first;
  std::vector<std::string> ka, kb;
  bool keyed = !field.empty() && item_keys(a, field, ka) && item_keys(b, field, kb);
  auto where = [&](std::size_t i, const std::vector<std::string>& keys) {
    std::string shown = keyed ? keys[i] : std::to_string(i + 1);
    return w.element(k, keyed ? field + "=" + shown : "#" + shown, shown);
  };
  auto whole = [&](const Where& at, ChangeKind kind, const T& item) {
    RecordChange c;
    c.path = at.path;
    c.label = at.item;
    c.change = kind;
    c.detail = detail_of(k, item);
    out.push_back(std::move(c));
  };
  auto find = [&](const std::vector<std::string>& keys, std::size_t size, std::size_t i,
                  const std::vector<std::string>& in) -> std::optional<std::size_t> {
    if (!keyed) return i < size ? std::optional<std::size_t>(i) : std::nullopt;
    for (std::size_t j = 0; j < keys.size(); ++j)
      if (keys[j] == in[i]) return j;
    return std::nullopt;
  };
  for (std::size_t i = 0; i < b.size(); ++i) {
    Where at = where(i, kb);
    auto j = find(ka, a.size(), i, kb);
    if (j) section(at, a[*j], b[i], out);
    else whole(at, ChangeKind::added, b[i]);
  }
  for (std::size_t j = 0; j < a.size(); ++j)
    if (!find(kb, b.size(), j, ka)) whole(where(j, ka), ChangeKind::removed, a[j]);
}

template <class F> void field(const Where& w, const std::string& k, const F& a, const F& b, bool code, Out& out) {
  if constexpr (visit::is_section_v<F>) {
    section(w.section(k), a, b, out);
  } else if constexpr (optional_section<F>::value) {
    if (a && b) return section(w.section(k), *a, *b, out);
    if (!a && !b) return;
    RecordChange c;
    c.path = w.field_path(k);
    c.label = w.label(k);
    c.change = a ? ChangeKind::removed : ChangeKind::added;
    out.push_back(std::move(c));
  } else if constexpr (section_list<F>::value) {
    items(w, k, a, b, out);
  } else {
    scalar(w, k, a, b, code, out);
  }
}

}  // namespace

std::vector<RecordChange> diff_records(const Record& a, const Record& b, std::string_view locale) {
  Out out;
  Where root;
  root.ja = is_ja(locale);
  Where derived = root;  // the current risk and safety, named as an assessment's
  derived.schema = "assessments";
  scalar(derived, "risk", current_risk(a), current_risk(b), true, out);
  scalar(derived, "safety", current_safety(a), current_safety(b), true, out);
  section(root, a, b, out);
  return out;
}

std::string change_line(const RecordChange& c) {
  // The kind and "(none)" in the language chosen (the json keeps the codes).
  const char* kind = c.change == ChangeKind::added     ? tx("added")
                     : c.change == ChangeKind::removed ? tx("removed")
                                                       : tx("changed");
  const std::string none = tx("(none)");
  std::string line = c.label + " " + kind;
  if (c.value && !c.withheld)
    line = c.label + ": " + c.old_value.value_or(none) + " -> " + c.new_value.value_or(none);
  if (!c.detail.empty()) line += " (" + c.detail + ")";
  return line;
}

nlohmann::ordered_json changes_json(const std::vector<RecordChange>& changes) {
  auto value = [](const std::optional<std::string>& v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
  };
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& c : changes) {
    nlohmann::ordered_json j;
    j["path"] = c.path;
    j["change"] = change_kind_name(c.change);
    if (c.value && !c.withheld) {
      j["old"] = value(c.old_value);
      j["new"] = value(c.new_value);
    }
    all.push_back(std::move(j));
  }
  return all;
}

}  // namespace casectl
