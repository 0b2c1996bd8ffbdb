// Writing YAML scalars: plain when every reader reads the text back unchanged, else
// double-quoted with escapes or a literal block.
#include "core/i18n.hpp"
#include "core/yaml_scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace casectl {

namespace {

// True for an ASCII decimal digit.
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// s with ASCII letters lowered.
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// True when some YAML 1.1 or 1.2 reader would resolve the plain scalar s to something other
// than a string: bool, null, int, float (any base, with _ or sexagesimal :), .inf/.nan,
// timestamp. Errs towards true (quoting a string that did not need it is harmless).
bool resolves_to_non_string(std::string_view s) {
  static const char* const words[] = {"yes", "no", "on", "off", "y", "n", "true", "false",
                                      "null", "~", "=", "<<"};
  std::string low = lower(s);
  for (const char* w : words)
    if (low == w) return true;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) body.remove_prefix(1);
  std::string lbody = lower(body);
  if (lbody == ".inf" || lbody == ".nan") return true;
  bool numeric_start = !body.empty() && (is_digit(body[0]) ||
                                         (body[0] == '.' && body.size() > 1 &&
                                          (is_digit(body[1]) || body[1] == '_')));
  if (numeric_start) {
    bool all = std::all_of(body.begin(), body.end(), [](char c) {
      return is_digit(c) || std::strchr("abcdefABCDEFxXoO_.:+-", c) != nullptr;
    });
    if (all) return true;
  }
  // A timestamp starts YYYY-M(M)-D(D).
  std::size_t i = 0;
  while (i < s.size() && i < 4 && is_digit(s[i])) ++i;
  if (i == 4 && i < s.size() && s[i] == '-') {
    std::size_t j = i + 1, k = j;
    while (k < s.size() && is_digit(s[k])) ++k;
    if (k > j && k - j <= 2 && k < s.size() && s[k] == '-' && k + 1 < s.size() &&
        is_digit(s[k + 1]))
      return true;
  }
  return false;
}

// Text that a plain scalar carries unchanged (single line, checked above for characters).
bool plain_safe(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  if (std::strchr("-?:,[]{}#&*!|>'\"%@`", s.front()) != nullptr) return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos)
    return false;
  if (s.back() == ':' || s.rfind("...", 0) == 0) return false;
  return !resolves_to_non_string(s);
}

// A code point that must be written as an escape inside double quotes.
bool needs_escape(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFEFF ||
         deceptive_format_char(c);
}

// s as a double-quoted scalar with escapes.
std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    int len = utf8_at(s, i, &cp);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (!needs_escape(cp))
          out.append(s.substr(i, len));
        else if (cp < 0x100)
          out += fmt::format("\\x{:02X}", static_cast<unsigned>(cp));
        else
          out += fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    }
    i += len;
  }
  return out + "\"";
}

// s (holding a newline) as a literal block, or "" when a literal block cannot carry it: escapes
// needed, no line with text, or a line of only spaces (readers disagree on those).
std::string literal_block(std::string_view s, int indent) {
  std::size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  std::string_view body = s.substr(0, s.size() - trailing);
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    std::size_t nl = body.find('\n', start);
    lines.push_back(body.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  std::string_view first_text;
  for (auto line : lines) {
    if (!line.empty() && line.find_first_not_of(' ') == std::string_view::npos) return "";
    if (first_text.empty()) first_text = line;
  }
  if (first_text.empty()) return "";
  std::string out = "|";
  if (first_text.front() == ' ') out += "2";
  out += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
  std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  for (auto line : lines) {
    out += '\n';
    if (!line.empty()) out += pad + std::string(line);
  }
  for (std::size_t k = 1; k < trailing; ++k) out += '\n';
  return out;
}

}  // namespace

std::string yaml_scalar(std::string_view text, int indent) {
  bool escapes = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    int len = utf8_at(text, i, &cp);
    if (len == 0) fail(ErrorKind::malformed, tx("text is not valid UTF-8"));
    if (cp != '\n' && needs_escape(cp)) escapes = true;
    i += len;
  }
  bool multi_line = text.find('\n') != std::string_view::npos;
  if (multi_line && !escapes) {
    std::string block = literal_block(text, indent);
    if (!block.empty()) return block;
  }
  if (!multi_line && !escapes && plain_safe(text)) return std::string(text);
  return double_quoted(text);
}

}  // namespace casectl
