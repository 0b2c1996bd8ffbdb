// The template check before parsing: nesting depth with its place, unclosed sections and tags,
// delimiter changes followed, partials refused, and the bound of the work of rendering.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/template_scan.hpp"

using namespace casectl;
using json = nlohmann::json;

namespace {

// The text repeated n times.
std::string times(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The Error that checking text with view throws; fails the test when there is none.
Error error_of(const std::string& text, const json& view = json::object()) {
  try {
    check_template(text, view, "t.mustache");
  } catch (const Error& e) {
    return e;
  }
  FAIL("no error");
  return Error(ErrorKind::internal, "");
}

}  // namespace

TEST_CASE("16 levels of sections pass, the 17th is refused at its place") {
  check_template(times("{{#a}}", 16) + "x" + times("{{/a}}", 16), json::object(), "t.mustache");
  check_template(times("{{^a}}", 16) + times("{{/a}}", 16) + times("{{#b}}", 16) + times("{{/b}}", 16),
                 json::object(), "t.mustache");
  Error e = error_of("line 1\n" + times("{{#a}}", 8) + times("{{^b}}", 9) + "x");
  CHECK(e.kind() == ErrorKind::malformed);
  CHECK(e.place().file == "t.mustache");
  CHECK(e.place().line == 2);
  CHECK(e.place().col == 16 * 6 + 1);
  CHECK(std::string(e.what()).find("at most 16 levels") != std::string::npos);
}

TEST_CASE("deep nesting within 64 KiB is refused at once") {
  auto t0 = std::chrono::steady_clock::now();
  Error e = error_of(times("{{#a}}", 10000) + times("{{/a}}", 900));
  CHECK(e.place().col == 16 * 6 + 1);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
}

TEST_CASE("a section never closed and a tag never closed are refused where they open") {
  Error e = error_of("# Plan\n\n{{#goals}}\n- {{id}}\n");
  CHECK(e.kind() == ErrorKind::malformed);
  CHECK(e.place().line == 3);
  CHECK(e.place().col == 1);
  CHECK(std::string(e.what()).find("\"goals\" is never closed") != std::string::npos);
  Error t = error_of("ok\n  {{name");
  CHECK(t.place().line == 2);
  CHECK(t.place().col == 3);
  CHECK(std::string(error_of("{{{name}}").what()).find("never closed") != std::string::npos);
}

TEST_CASE("changes of delimiters are followed: hidden sections are counted") {
  Error e = error_of("{{=<% %>=}}" + times("<%#a%>", 17));
  CHECK(e.place().col == 11 + 16 * 6 + 1);
  check_template("{{=<% %>=}}" + times("{{#a}}", 40) + "<%={{ }}=%>{{#b}}{{/b}}", json::object(), "t");
  CHECK(error_of("{{= x =}}").kind() == ErrorKind::malformed);
}

TEST_CASE("partials are refused") {
  Error e = error_of("a {{> notes}}");
  CHECK(e.kind() == ErrorKind::malformed);
  CHECK(e.place().col == 3);
}

TEST_CASE("sections over lists nested deep are refused before rendering") {
  json view = {{"goals", json::array()}, {"text", std::string(100, 'x')}};
  for (int i = 0; i < 10; ++i) view["goals"].push_back({{"id", "G"}});
  // 10^4 renderings of 100 bytes: fine.
  check_template(times("{{#goals}}", 4) + "{{text}}" + times("{{/goals}}", 4), view, "t");
  // 10^16: refused at once, at the tag that passes the bound.
  auto t0 = std::chrono::steady_clock::now();
  Error e = error_of(times("{{#goals}}", 16) + "{{text}}" + times("{{/goals}}", 16), view);
  CHECK(e.kind() == ErrorKind::malformed);
  CHECK(std::string(e.what()).find("too much") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
  // Inverted sections and sections over values that are not lists do not multiply.
  check_template(times("{{^goals}}", 16) + "{{text}}" + times("{{/goals}}", 16), view, "t");
  check_template(times("{{#text}}", 16) + "{{text}}" + times("{{/text}}", 16), view, "t");
}
