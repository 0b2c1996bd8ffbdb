// Decoding UTF-8 one code point at a time, strictly (the loader's byte check and the writer's
// escapes share it).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace casectl {

// Decodes one UTF-8 sequence at text[i]: its length (1-4) and code point, or 0 if invalid
// (truncated, overlong, surrogate, above U+10FFFF).
int utf8_at(std::string_view text, std::size_t i, char32_t* cp);

// True when every byte of text is printable ASCII (0x20-0x7E): most cells and names, which are
// then shown as they are, a column a byte. Eight bytes at a time (a byte loop was a tenth of a
// 100,000-row table).
inline bool printable_ascii(std::string_view text) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  // A high bit in a byte of the result where that byte of w is below n (n <= 0x80, w ASCII).
  auto below = [](std::uint64_t w, unsigned char n) { return (w - ones * n) & ~w & highs; };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if ((w & highs) || below(w, 0x20) || below(w ^ (ones * 0x7F), 1)) return false;
  }
  for (; i < text.size(); ++i)
    if (text[i] < 0x20 || text[i] >= 0x7F) return false;
  return true;
}

// Whether a code point can make text look other than it is without being a control character:
// the line and paragraph separators (U+2028, U+2029) and the bidirectional controls (U+061C,
// U+200E, U+200F, U+202A-U+202E, U+2066-U+2069). The one list that the terminal, the YAML writer
// and the JSON output escape.
bool deceptive_format_char(char32_t c);

// JSON text as nlohmann's dump() wrote it (non-ASCII left as UTF-8) with every C1 control and
// deceptive_format_char written as a \uXXXX escape: the same JSON value, safe to show. Such code
// points occur only inside JSON strings, where the escape means the same character.
std::string json_escape_deceptive(std::string_view json);

}  // namespace casectl
