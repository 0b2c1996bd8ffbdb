// The scalar writer: plain when safe, quoted or a literal block otherwise, and every form read
// back unchanged by our loader and by yaml-cpp's ordinary one.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>

#include "core/error.hpp"
#include "core/yaml_io.hpp"
#include "core/yaml_scalar.hpp"

using namespace casectl;

namespace {

// "k: " + the written scalar, loaded back by our loader: the scalar's text.
std::string round_trip(const std::string& s) {
  Node n = load_yaml("k: " + yaml_scalar(s, 0) + "\n", "f.yaml");
  const Node* v = n.get("k");
  REQUIRE(v);
  REQUIRE(v->kind == Node::Kind::scalar);
  return v->value;
}

// The same through yaml-cpp's ordinary loader (another reader of the same text).
std::string round_trip_yaml_cpp(const std::string& s) {
  YAML::Node n = YAML::Load("k: " + yaml_scalar(s, 0) + "\n");
  REQUIRE(n["k"].IsScalar());
  return n["k"].Scalar();
}

}  // namespace

TEST_CASE("yaml_scalar writes safe text plain") {
  for (const char* s : {"hello", "山田 花子", "a:b", "O'Brien", "x#y", "C-2026-0001", "sato",
                        "physical-abuse", "3 apples", "12:30 pm", "a, b", "100%", "Bruises on arms."}) {
    CAPTURE(s);
    CHECK(yaml_scalar(s, 0) == s);
  }
}

TEST_CASE("yaml_scalar quotes what a YAML reader would read as something else") {
  for (const char* s :
       {"", "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "Null", "~", "123",
        "-7", "+1", "0x1F", "0o7", "0b101", "1e3", "1.5e-3", ".5", "-.5", "1_000", "12:30",
        "1:20:30.5", ".inf", "-.Inf", ".NaN", "._", "2026-11-02", "2026-1-2",
        "2026-11-02T10:00:00Z", "2026-11-02 10:00:00", "- x", "-", "a: b", "a:", "#x", "x #y",
        "? q", ":x", "[a]", "{a}", "&a", "*a", "!a", "|", ">", "'q'", "\"q\"", "%x", "@x",
        "`x`", ",x", " lead", "trail ", " ", "...", "---", "<<", "="}) {
    CAPTURE(s);
    std::string w = yaml_scalar(s, 0);
    CHECK(w.front() == '"');
    CHECK(round_trip(s) == s);
    CHECK(round_trip_yaml_cpp(s) == s);
  }
}

TEST_CASE("yaml_scalar escapes inside double quotes") {
  CHECK(yaml_scalar("say \"hi\"", 0) == "say \"hi\"");
  CHECK(yaml_scalar("\"hi\"", 0) == "\"\\\"hi\\\"\"");
  CHECK(yaml_scalar("tab\there", 0) == "\"tab\\there\"");
  CHECK(yaml_scalar("a\\b\x01", 0) == "\"a\\\\b\\x01\"");
  CHECK(yaml_scalar("a\r\nb", 0) == "\"a\\r\\nb\"");
  CHECK(yaml_scalar("x\u2028y", 0) == "\"x\\u2028y\"");
  CHECK(yaml_scalar("x\u0085y", 0) == "\"x\\x85y\"");
  CHECK(yaml_scalar("x\uFEFFy", 0) == "\"x\\uFEFFy\"");
  CHECK(yaml_scalar("- 日本", 0) == "\"- 日本\"");
  for (const char* s : {"tab\there", "a\\b\x01", "a\r\nb", "x\u2028y", "x\u0085y", "x\uFEFFy",
                        "\x7f", "\n", "\n\n", "a\n \nb", "a\n  "}) {
    CAPTURE(s);
    CHECK(round_trip(s) == s);
    CHECK(round_trip_yaml_cpp(s) == s);
  }
  CHECK_THROWS_AS(yaml_scalar("bad \xff", 0), Error);
}

TEST_CASE("yaml_scalar writes multi-line text as a literal block with the right chomping") {
  CHECK(yaml_scalar("a\nb", 0) == "|-\n  a\n  b");
  CHECK(yaml_scalar("a\nb\n", 0) == "|\n  a\n  b");
  CHECK(yaml_scalar("a\nb\n\n", 0) == "|+\n  a\n  b\n");
  CHECK(yaml_scalar("a\n\nb", 4) == "|-\n      a\n\n      b");
  CHECK(yaml_scalar(" a\nb", 0) == "|2-\n   a\n  b");
  CHECK(yaml_scalar("\n\n a\n", 2) == "|2\n\n\n     a");
  CHECK(yaml_scalar("yes\n123\n- x\n# y", 0) == "|-\n  yes\n  123\n  - x\n  # y");
  for (const char* s : {"a\nb", "a\nb\n", "a\nb\n\n\n", " a\nb", "  a\n b\n", "\nx", "\n\nx\n\n",
                        "x\n\n", "日本\n語 ", "a \nb  \n", "\n  x"}) {
    CAPTURE(s);
    CHECK(yaml_scalar(s, 0).front() == '|');
    CHECK(round_trip(s) == s);
    CHECK(round_trip_yaml_cpp(s) == s);
    // Nested in a list item at depth, the block still reads back.
    std::string doc = "a:\n  - b:\n      - " + yaml_scalar(s, 6) + "\n    c: " +
                      yaml_scalar(s, 4) + "\n";
    Node n = load_yaml(doc, "f.yaml");
    CHECK(n.get("a")->items[0].get("b")->items[0].value == s);
    CHECK(n.get("a")->items[0].get("c")->value == s);
  }
}
