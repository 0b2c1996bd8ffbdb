// Helpers for visitors over record.hpp's fields() tables: the loader and emitter, JSON,
// equality, and the editor's forms all walk a section through them.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/record.hpp"

namespace casectl::visit {

// A visitor that does nothing; used to ask whether a type has a fields() table.
struct Probe {
  template <class F> void operator()(const char*, F&) {}
  template <class F> void operator()(const char*, F&, const Enum&) {}
};

// is_section<T>: T is a struct of record.hpp with a fields() table.
template <class T, class = void> struct is_section : std::false_type {};
template <class T>
struct is_section<T, std::void_t<decltype(fields(std::declval<T&>(), std::declval<Probe&>()))>>
    : std::true_type {};
template <class T> constexpr bool is_section_v = is_section<T>::value;

// Collects the keys of a fields() table.
struct Keys {
  std::vector<const char*> keys;
  template <class F> void operator()(const char* k, F&) { keys.push_back(k); }
  template <class F> void operator()(const char* k, F&, const Enum&) { keys.push_back(k); }
};

// The keys of T's fields() table, in order.
template <class T> std::vector<const char*> keys_of() {
  Keys v;
  T t{};
  fields(t, v);
  return v.keys;
}

// Collects the addresses of a section's fields in table order (a walk over two versions of a
// section visits one and finds each field's twin in the other by its index).
struct Addresses {
  std::vector<const void*> ptrs;
  template <class F> void operator()(const char*, F& f) { ptrs.push_back(&f); }
  template <class F> void operator()(const char*, F& f, const Enum&) { ptrs.push_back(&f); }
};

// Visits the fields of a const section (the fields() tables take T&; visitors here never write).
template <class T, class V> void fields_of(const T& s, V& v) { fields(const_cast<T&>(s), v); }

// ---- Deep equality (record ==, merge) ----

template <class T> bool same(const T& a, const T& b);

// Two optionals: both absent, or both present and the same.
template <class T> bool same(const std::optional<T>& a, const std::optional<T>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || same(*a, *b);
}

// Two lists: the same length and the same items in order.
template <class T> bool same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

// Walks a section's table comparing each field with its twin collected from the other.
struct Compare {
  const std::vector<const void*>& twins;
  std::size_t i = 0;
  bool equal = true;
  template <class F> void operator()(const char*, F& f) {
    equal = equal && same(f, *static_cast<const F*>(twins[i]));
    ++i;
  }
  template <class F> void operator()(const char* k, F& f, const Enum&) { (*this)(k, f); }
};

// Two values: sections field by field, everything else by ==.
template <class T> bool same(const T& a, const T& b) {
  if constexpr (is_section_v<T>) {
    Addresses collect;
    fields_of(b, collect);
    Compare compare{collect.ptrs};
    fields_of(a, compare);
    return compare.equal;
  } else {
    return a == b;
  }
}

// ---- The key of a list's item (diff, merge) ----

// The fields whose value identifies an item of a list: its first non-empty n, id, goal,
// service or domain.
inline bool item_key_field(std::string_view k) {
  return k == "n" || k == "id" || k == "goal" || k == "service" || k == "domain";
}

struct KeyOf {
  std::optional<std::pair<std::string, std::string>> key;
  template <class F> void operator()(const char* k, F& f) {
    if (key || !item_key_field(k)) return;
    if constexpr (std::is_same_v<F, int>) {
      if (f > 0) key.emplace(k, std::to_string(f));
    } else if constexpr (std::is_same_v<F, std::string>) {
      if (!f.empty()) key.emplace(k, f);
    }
  }
  template <class F> void operator()(const char* k, F& f, const Enum&) { (*this)(k, f); }
};

// The key of an item as {field, value} ("n", "1"; "id", "G2"), or nullopt when it has none.
template <class T> std::optional<std::pair<std::string, std::string>> key_of(const T& item) {
  KeyOf v;
  fields_of(item, v);
  return v.key;
}

}  // namespace casectl::visit
