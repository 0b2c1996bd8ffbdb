// The one name normaliser (core/name_match): NFKC, case folded, every space removed; used by
// `new` (earlier cases) and `list --name`.
#include <doctest/doctest.h>

#include "core/name_match.hpp"

using namespace casectl;

TEST_CASE("spaces of every kind are removed: ASCII, ideographic (U+3000), no-break, tabs") {
  CHECK(normalise_name("山田 花子") == "山田花子");
  CHECK(normalise_name("山田\u3000花子") == "山田花子");
  CHECK(normalise_name("  山田\u3000\u3000花子 ") == "山田花子");
  CHECK(normalise_name("山田\u00a0花子") == "山田花子");
  CHECK(normalise_name("山田\t花子") == "山田花子");
  CHECK(normalise_name("山田花子") == "山田花子");
}

TEST_CASE("NFKC: full-width letters and digits become ASCII, half-width katakana full-width") {
  CHECK(normalise_name("ＹＡＭＡＤＡ\u3000Ｈａｎａｋｏ") == "yamadahanako");
  CHECK(normalise_name("Yamada Hanako") == "yamadahanako");
  CHECK(normalise_name("ﾔﾏﾀﾞ ﾊﾅｺ") == "ヤマダハナコ");  // half-width with a voiced mark composes
  CHECK(normalise_name("ヤマダ　ハナコ") == "ヤマダハナコ");
  CHECK(normalise_name("Ｎｏ．１") == "no.1");
}

TEST_CASE("composed and decomposed forms are one name") {
  CHECK(normalise_name("Jose\u0301") == normalise_name("Jos\u00e9"));
  CHECK(normalise_name("が") == normalise_name("か\u3099"));
}

TEST_CASE("case is folded") {
  CHECK(normalise_name("SATO") == normalise_name("sato"));
  CHECK(normalise_name("ÉMILE") == normalise_name("émile"));
}

TEST_CASE("empty and space-only names normalise to nothing") {
  CHECK(normalise_name("").empty());
  CHECK(normalise_name(" \u3000 ").empty());
}

TEST_CASE("text that is not UTF-8 is kept, ASCII spaces removed") {
  CHECK(normalise_name(std::string("a \xff b")) == std::string("a\xff" "b"));
}

TEST_CASE("name_contains finds a part of a normalised name") {
  CHECK(name_contains(normalise_name("山田\u3000花子"), normalise_name("田 花")));
  CHECK(name_contains(normalise_name("ＹＡＭＡＤＡ Hanako"), normalise_name("dahana")));
  CHECK_FALSE(name_contains(normalise_name("山田 花子"), normalise_name("太郎")));
  CHECK(name_contains(normalise_name("山田 花子"), ""));
}
