// Text made safe to show on a terminal.
#include "core/terminal_text.hpp"

#include <fmt/format.h>

#include "core/utf8.hpp"

namespace casectl {
namespace {

// Whether a code point is shown as "\uXXXX": C1 controls, line and paragraph separators and
// the bidirectional controls (marks, embeddings, overrides and isolates).
bool shown_as_u_escape(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || deceptive_format_char(c);
}

}  // namespace

bool shown_as_is(char32_t cp, Newlines newlines) {
  if (cp == '\n') return newlines == Newlines::keep;
  return cp >= 0x20 && cp != 0x7F && !shown_as_u_escape(cp);
}

bool terminal_unchanged(std::string_view text, Newlines newlines) {
  if (printable_ascii(text)) return true;  // most text, eight bytes at a time
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    int len = utf8_at(text, i, &cp);
    if (len == 0 || !shown_as_is(cp, newlines)) return false;
    i += static_cast<std::size_t>(len);
  }
  return true;
}

std::string terminal_text(std::string_view text, Newlines newlines) {
  if (terminal_unchanged(text, newlines)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    int len = utf8_at(text, i, &cp);
    if (len == 0) {
      out += '?';
      ++i;
      continue;
    }
    if (shown_as_is(cp, newlines))
      out.append(text, i, static_cast<std::size_t>(len));
    else if (cp == '\n')
      out += "\\n";
    else if (cp == '\t')
      out += ' ';
    else if (cp < 0x20 || cp == 0x7F)
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    else  // shown_as_u_escape(cp)
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    i += static_cast<std::size_t>(len);
  }
  return out;
}

}  // namespace casectl
