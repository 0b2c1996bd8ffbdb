// terminal_text: what text may reach a terminal (SPEC section 8): no control character but the
// kept line feed, no bidirectional control or line separator raw, no invalid UTF-8.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/terminal_text.hpp"

using namespace casectl;

TEST_CASE("terminal_text leaves ordinary text alone") {
  CHECK(terminal_text("") == "");
  CHECK(terminal_text("Ann Lee, 8") == "Ann Lee, 8");
  CHECK(terminal_text("山田 花子") == "山田 花子");
  CHECK(terminal_text("Cafe\u0301 back\\slash") == "Cafe\u0301 back\\slash");
  CHECK(terminal_text("a\nb") == "a\nb");
}

TEST_CASE("terminal_text shows C0, DEL and C1 controls as escapes, a tab as a space") {
  CHECK(terminal_text("\x1b[31mred") == "\\x1b[31mred");
  CHECK(terminal_text("X\x1b]0;title\x07") == "X\\x1b]0;title\\x07");
  CHECK(terminal_text(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(terminal_text("cr\rhere") == "cr\\x0dhere");
  CHECK(terminal_text("del\x7f") == "del\\x7f");
  CHECK(terminal_text("a\tb") == "a b");
  CHECK(terminal_text("csi\u009b2J nel\u0085") == "csi\\u009b2J nel\\u0085");
}

TEST_CASE("terminal_text escapes line separators and every bidirectional control") {
  CHECK(terminal_text("A\u202eB") == "A\\u202eB");
  CHECK(terminal_text("ls\u2028ps\u2029") == "ls\\u2028ps\\u2029");
  CHECK(terminal_text("\u202a\u202b\u202c\u202d") == "\\u202a\\u202b\\u202c\\u202d");
  CHECK(terminal_text("\u2066\u2067\u2068\u2069") == "\\u2066\\u2067\\u2068\\u2069");
  CHECK(terminal_text("\u200e\u200f\u061c") == "\\u200e\\u200f\\u061c");
  // Neighbours that are not controls stay as they are.
  CHECK(terminal_text("\u2027\u202f\u2065\u206a\u200d") == "\u2027\u202f\u2065\u206a\u200d");
}

TEST_CASE("terminal_text shows each byte of invalid UTF-8 as a question mark") {
  CHECK(terminal_text("\xff\xfe") == "??");
  CHECK(terminal_text("a\xe5\xb1") == "a??");        // truncated
  CHECK(terminal_text("\xed\xa0\x80") == "???");     // encoded surrogate
  CHECK(terminal_text("\xc0\xaf") == "??");          // overlong "/"
  CHECK(terminal_text("\xc2\x9b") == "\\u009b");     // a C1 control, validly encoded
}

TEST_CASE("terminal_text keeps or escapes line feeds as asked") {
  CHECK(terminal_text("a\nb", Newlines::keep) == "a\nb");
  CHECK(terminal_text("a\nb", Newlines::escape) == "a\\nb");
  CHECK(terminal_text("a\r\nb", Newlines::escape) == "a\\x0d\\nb");
}

TEST_CASE("terminal_text output holds no byte a terminal acts on, and is stable") {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  all += "\u202e\u2028\u2066\u061c";
  for (Newlines n : {Newlines::keep, Newlines::escape}) {
    std::string once = terminal_text(all, n);
    for (char c : once) {
      auto u = static_cast<unsigned char>(c);
      CHECK(((u >= 0x20 && u != 0x7F && u < 0x80) || (c == '\n' && n == Newlines::keep)));
    }
    CHECK(terminal_text(once, n) == once);
  }
}

TEST_CASE("terminal_unchanged is true exactly when terminal_text leaves the text as it is") {
  const std::vector<std::string> texts = {
      "", "plain ASCII", "山田 花子", "安全確認、最優先", "é, ü and ß", "emoji \xf0\x9f\x98\x80", "a\tb", "a\nb",
      "a\r\nb", "\x1b[31m", "\x7f", "\xc2\x9b", "\u202e", "\u2028", "\u2066x\u2069", "\u061c", "\u200e",
      "\xff", "a\xe5\xb1", "\xed\xa0\x80", "\xc0\xaf", "山田\xe5", "名前\u202eabc"};
  for (const std::string& t : texts)
    for (Newlines n : {Newlines::keep, Newlines::escape})
      CHECK_MESSAGE(terminal_unchanged(t, n) == (terminal_text(t, n) == t), "\"" << t << "\" newlines " << static_cast<int>(n));
  CHECK(terminal_unchanged("山田 花子", Newlines::escape));
  CHECK_FALSE(terminal_unchanged("a\nb", Newlines::escape));
  CHECK(terminal_unchanged("a\nb", Newlines::keep));
  CHECK_FALSE(terminal_unchanged("山田\u202e花子"));
}
