#include "core/name_match.hpp"

#include <cstdlib>
#include <utf8proc.h>

namespace casectl {
namespace {

// Space separators (Zs: U+0020, U+00A0, U+3000, ...), line and paragraph separators, and the
// ASCII controls that are white space.
bool is_space(utf8proc_int32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f') return true;
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

std::string without_ascii_spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

}  // namespace

std::string normalise_name(std::string_view name) {
  bool ascii_plain = true;  // the common case: no folding beyond ASCII lower case
  for (unsigned char c : name) ascii_plain = ascii_plain && c < 0x80;
  if (ascii_plain) {
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') continue;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                UTF8PROC_CASEFOLD);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                    static_cast<utf8proc_ssize_t>(name.size()), &mapped, options);
  if (n < 0) return without_ascii_spaces(name);
  std::string out;
  out.reserve(static_cast<std::size_t>(n));
  utf8proc_ssize_t i = 0;
  while (i < n) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t len = utf8proc_iterate(mapped + i, n - i, &cp);
    if (len <= 0) break;
    if (!is_space(cp)) out.append(reinterpret_cast<const char*>(mapped + i), static_cast<std::size_t>(len));
    i += len;
  }
  std::free(mapped);
  return out;
}

bool name_contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace casectl
