// Equality of records, field by field through the fields() tables of record.hpp.
#include "core/record.hpp"

#include <optional>
#include <vector>

#include "core/record_visit.hpp"

namespace casectl {

namespace {

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
  if constexpr (visit::is_section_v<T>) {
    visit::Addresses collect;
    visit::fields_of(b, collect);
    Compare compare{collect.ptrs};
    visit::fields_of(a, compare);
    return compare.equal;
  } else {
    return a == b;
  }
}

}  // namespace

bool operator==(const Record& a, const Record& b) { return same(a, b); }

}  // namespace casectl
