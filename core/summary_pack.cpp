// The packed form of a summary for the index (summary_pack(), summary_unpack_into()) and the
// fields a reader unpacks (SummaryFields); summarize() and the JSON form are in summary.cpp.
#include "core/i18n.hpp"
#include "core/summary.hpp"

#include <fmt/format.h>

#include "core/deadlines.hpp"
#include "core/error.hpp"

namespace casectl {

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
