// Decoding UTF-8 one code point at a time, strictly (the loader's byte check and the writer's
// escapes share it).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace casectl {

// Decodes one UTF-8 sequence at text[i]: its length (1-4) and code point, or 0 if invalid
// (truncated, overlong, surrogate, above U+10FFFF).
int utf8_at(std::string_view text, std::size_t i, char32_t* cp);

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
