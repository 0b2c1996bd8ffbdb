// Strict UTF-8 decoding: lengths and code points, and every invalid sequence refused.
#include <doctest/doctest.h>

#include <string_view>

#include "core/utf8.hpp"

using namespace casectl;

namespace {

// The length utf8_at gives for the first sequence of s, with its code point in *cp.
int decode(std::string_view s, char32_t* cp) { return utf8_at(s, 0, cp); }

}  // namespace

TEST_CASE("utf8_at decodes one to four byte sequences") {
  char32_t cp = 0;
  CHECK(decode("a", &cp) == 1);
  CHECK(cp == U'a');
  CHECK(decode("\xC3\xA9", &cp) == 2);
  CHECK(cp == 0xE9);
  CHECK(decode("日本", &cp) == 3);
  CHECK(cp == 0x65E5);
  CHECK(decode("\xF0\x9F\x98\x80", &cp) == 4);
  CHECK(cp == 0x1F600);
  CHECK(utf8_at("a日", 1, &cp) == 3);
  CHECK(cp == 0x65E5);
}

TEST_CASE("utf8_at refuses truncated, overlong, surrogate and out-of-range sequences") {
  char32_t cp = 0;
  for (std::string_view s : {"\x80", "\xC3", "\xE6\x97", "\xC0\xAF", "\xE0\x80\xAF",
                             "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",
                             "\xC3\x28"}) {
    CAPTURE(s);
    CHECK(decode(s, &cp) == 0);
  }
}

TEST_CASE("printable_ascii: every byte 0x20-0x7E, found at any place of text of any length") {
  auto slow = [](const std::string& s) {
    for (char c : s)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
    return true;
  };
  CHECK(printable_ascii(""));
  CHECK(printable_ascii("C-2026-0001 sato ~!"));
  CHECK_FALSE(printable_ascii("山田"));
  for (std::size_t len : {1u, 7u, 8u, 9u, 16u, 23u, 40u}) {
    for (std::size_t at = 0; at < len; ++at) {
      for (int b = 0; b < 256; ++b) {
        std::string s(len, 'a');
        s[at] = static_cast<char>(b);
        CHECK_MESSAGE(printable_ascii(s) == slow(s), "length " << len << ", byte " << b << " at " << at);
      }
    }
  }
}
