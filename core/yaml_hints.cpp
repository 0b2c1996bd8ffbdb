// Hints for YAML syntax errors people who type in Japanese often make (a full-width colon after a
// key, ": " inside text), placed where the fix is: core/yaml_hints.hpp.
#include "core/yaml_hints.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/yaml_detail.hpp"
#include "core/yaml_io.hpp"

namespace casectl {
namespace {

using yaml_detail::closing_quote;

// The offset of the first ": " (or ":" ending the line) in line at or after from, outside quotes:
// where a plain key ends; npos when there is none.
std::size_t key_colon(std::string_view line, std::size_t from) {
  for (std::size_t i = from; i < line.size(); ++i) {
    if ((line[i] == '"' || line[i] == '\'') && (i == 0 || line[i - 1] == ' ')) {
      i = closing_quote(line, i);
      if (i == std::string_view::npos) return i;
    } else if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == '#') {
      return std::string_view::npos;
    } else if (line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ')) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The message of a full-width colon after a key, with "{}" for the colon (a catalog's message
// IDs are ASCII).
const char* const kFullWidthColon = N_("YAML syntax error: full-width colon \"{}\" after a key; type \":\" followed by a space");

// The offset of a full-width colon "：" (U+FF1A) that follows a key at the start of line (after
// its indentation and any "- "): `risk：high`, `  - domain ：safety`; npos when there is none.
std::size_t fullwidth_key_colon(std::string_view line) {
  std::size_t i = line.find_first_not_of(' ');
  while (i != std::string_view::npos && i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ')
    i = line.find_first_not_of(' ', i + 1);
  if (i == std::string_view::npos) return i;
  std::size_t key_end = i;
  while (key_end < line.size() && (std::isalnum(static_cast<unsigned char>(line[key_end])) || line[key_end] == '_'))
    ++key_end;
  std::size_t colon = line.find_first_not_of(' ', key_end);
  if (key_end == i || colon == std::string_view::npos || line.substr(colon, 3) != "\xef\xbc\x9a")
    return std::string_view::npos;
  return colon;
}

}  // namespace

namespace yaml_detail {

// The cause of a syntax error yaml-cpp reported at byte offset error_pos, when it is one that
// people who type in Japanese often make: a key followed by a full-width colon (`risk：high`) on
// that line or one before it, or text holding ": " after a key on the error's line
// (`client_views: 本人: 家に帰りたくない`).
std::optional<Hint> syntax_hint(std::string_view text, std::size_t error_pos) {
  error_pos = std::min(error_pos, text.size());
  std::size_t error_line = 0;
  for (std::size_t start = 0; start < text.size() && start <= error_pos;) {
    std::size_t stop = std::min(text.find('\n', start), text.size());
    std::size_t colon = fullwidth_key_colon(text.substr(start, stop - start));
    if (colon != std::string_view::npos) return Hint{txf(kFullWidthColon, "\xef\xbc\x9a"), start + colon};
    error_line = start;
    start = stop + 1;
  }
  std::string_view line = text.substr(error_line, std::min(text.find('\n', error_line), text.size()) - error_line);
  std::size_t first = key_colon(line, 0);
  if (first == std::string_view::npos) return std::nullopt;
  std::size_t second = key_colon(line, first + 1);
  std::size_t value = line.find_first_not_of(' ', first + 1);
  if (second == std::string_view::npos || value == std::string_view::npos ||
      std::string_view("\"'|>[{").find(line[value]) != std::string_view::npos)
    return std::nullopt;
  return Hint{tx("YAML syntax error: \": \" inside text; quote the text ('...') or use a block (|)"), error_line + second};
}

}  // namespace yaml_detail

void refuse_fullwidth_key(const Node& n, const std::string& file) {
  if (n.kind != Node::Kind::scalar || !n.plain) return;
  std::string_view text = n.value;
  std::size_t colon = fullwidth_key_colon(text.substr(0, text.find('\n')));
  if (colon == std::string_view::npos) return;
  int col = n.col;
  for (std::size_t i = 0; i < colon; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  fail(ErrorKind::malformed, txf(kFullWidthColon, "\xef\xbc\x9a"), Place{file, n.line, col});
}

}  // namespace casectl
