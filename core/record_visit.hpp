// Helpers for visitors over record.hpp's fields() tables: the loader and emitter, JSON,
// equality, and the editor's forms all walk a section through them.
#pragma once
#include <string>
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

}  // namespace casectl::visit
