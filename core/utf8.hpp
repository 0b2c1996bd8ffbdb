// Decoding UTF-8 one code point at a time, strictly (the loader's byte check and the writer's
// escapes share it).
#pragma once
#include <cstddef>
#include <string_view>

namespace casectl {

// Decodes one UTF-8 sequence at text[i]: its length (1-4) and code point, or 0 if invalid
// (truncated, overlong, surrogate, above U+10FFFF).
int utf8_at(std::string_view text, std::size_t i, char32_t* cp);

}  // namespace casectl
