// The safe loader (every refusal with its place, the hostile corpus).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

#include "core/error.hpp"
#include "core/yaml_io.hpp"
#include "fixtures.hpp"

using namespace casectl;

namespace {

// The Error load_yaml throws for text (checked to be malformed), or nullopt if it loads.
std::optional<Error> refusal(std::string_view text, const LoadLimits& limits = {}) {
  try {
    load_yaml(text, "f.yaml", limits);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    return e;
  }
  return std::nullopt;
}

// Checks that text is refused at line:col with a message containing what.
void check_refused(std::string_view text, int line, int col, const std::string& what,
                   const LoadLimits& limits = {}) {
  CAPTURE(text);
  auto e = refusal(text, limits);
  REQUIRE(e);
  CHECK(e->place().file == "f.yaml");
  CHECK(e->place().line == line);
  CHECK(e->place().col == col);
  CHECK_MESSAGE(std::string(e->what()).find(what) != std::string::npos, e->what());
}

}  // namespace

TEST_CASE("load_yaml builds nodes with 1-based places") {
  Node n = load_yaml(
      "name: 山田 花子\n"
      "n: 12\n"
      "list:\n"
      "  - a\n"
      "  - 'b'\n"
      "flow: {日本: x, b: c}\n"
      "text: |\n"
      "  line\n",
      "f.yaml");
  REQUIRE(n.kind == Node::Kind::map);
  REQUIRE(n.entries.size() == 5);
  CHECK(n.line == 1);
  CHECK(n.col == 1);
  CHECK(n.entries[0].key == "name");
  CHECK(n.get("name")->value == "山田 花子");
  CHECK(n.get("name")->col == 7);
  CHECK(n.get("n")->value == "12");
  CHECK(n.get("n")->plain);
  const Node* list = n.get("list");
  REQUIRE(list->kind == Node::Kind::sequence);
  REQUIRE(list->items.size() == 2);
  CHECK(list->items[0].value == "a");
  CHECK(list->items[0].plain);
  CHECK(list->items[1].value == "b");
  CHECK_FALSE(list->items[1].plain);
  CHECK(list->items[1].line == 5);
  CHECK(list->items[1].col == 5);
  // Columns count characters, not bytes.
  const Node* flow = n.get("flow");
  REQUIRE(flow->entries.size() == 2);
  CHECK(flow->entries[1].key == "b");
  CHECK(flow->entries[1].line == 6);
  CHECK(flow->entries[1].col == 15);
  CHECK(n.get("text")->value == "line\n");
  CHECK_FALSE(n.get("text")->plain);
  CHECK(n.get("missing") == nullptr);
}

TEST_CASE("load_yaml places survive CRLF line ends") {
  Node n = load_yaml("a: 1\r\nb:\r\n  - x\r\n", "f.yaml");
  const Node* b = n.get("b");
  REQUIRE(b);
  CHECK(b->items[0].line == 3);
  CHECK(b->items[0].col == 5);
  check_refused("a: 1\r\nb: 2\r\na: 3\r\n", 3, 1, "duplicate key \"a\" (first at line 1)");
}

TEST_CASE("plain ~, null, Null, NULL and empty are null, quoted null is text") {
  Node n = load_yaml(
      "a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: \"null\"\ng: ''\nh: nulls\ni: nUll\n", "f.yaml");
  for (const char* k : {"a", "b", "c", "d", "e"}) {
    CAPTURE(k);
    CHECK(n.get(k)->is_null());
    CHECK(n.get(k)->value.empty());
  }
  CHECK(n.get("f")->kind == Node::Kind::scalar);
  CHECK(n.get("f")->value == "null");
  CHECK_FALSE(n.get("f")->plain);
  CHECK(n.get("g")->kind == Node::Kind::scalar);
  CHECK(n.get("g")->value.empty());
  CHECK(n.get("h")->value == "nulls");
  CHECK(n.get("i")->value == "nUll");
  // An empty value is placed at its key, not at the next line.
  CHECK(n.get("a")->line == 1);
  Node seq = load_yaml("- a\n- ~\n- b\n", "f.yaml");
  REQUIRE(seq.items.size() == 3);
  CHECK(seq.items[1].is_null());
}

TEST_CASE("load_yaml refuses anchors, aliases and tags") {
  check_refused("a: &x 1\nb: *x\n", 1, 4, "anchors and aliases are not allowed");
  check_refused("a: 1\nb: *x\n", 2, 4, "anchors and aliases are not allowed");
  check_refused("a: !!str 5\n", 1, 4, "tags");
  check_refused("a:\n  - !custom [1]\n", 2, 5, "tags");
  check_refused("!!map {a: 1}\n", 1, 1, "tags");
}

TEST_CASE("load_yaml refuses duplicate and non-scalar keys") {
  check_refused("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key \"a\" (first at line 1)");
  check_refused("x:\n  - {k: 1, k: 2}\n", 2, 12, "duplicate key \"k\" (first at line 2)");
  check_refused("? [a]\n: 1\n", 1, 3, "map keys must be text");
  check_refused("{[a]: 1}\n", 1, 2, "map keys must be text");
  check_refused("~: 1\n", 1, 1, "null map key");
  // The same key in two different maps is fine.
  CHECK_FALSE(refusal("a: {k: 1}\nb: {k: 2}\n"));
}

TEST_CASE("load_yaml refuses nesting deeper than the limit") {
  auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK_FALSE(refusal(nested(64)));
  check_refused(nested(65), 1, 65, "nesting deeper than 64 levels");
  LoadLimits small;
  small.max_depth = 3;
  check_refused("a:\n  b:\n    - [x]\n", 3, 7, "nesting deeper than 3 levels", small);
  CHECK_FALSE(refusal("a:\n  b:\n    x\n", small));
}

TEST_CASE("load_yaml refuses input over the size limit before parsing") {
  LoadLimits small;
  small.max_bytes = 16;
  CHECK_FALSE(refusal("a: 1234567890123", small));
  check_refused("a: 12345678901234", 1, 1, "file larger than 16 bytes", small);
  check_refused("[" + std::string(2 << 20, 'x'), 1, 1, "file larger than 1 MiB");
}

TEST_CASE("load_yaml refuses bytes a text file does not hold") {
  check_refused("a: ok\nb: x\xff\n", 2, 5, "invalid UTF-8");
  check_refused("a: 日本\nb: \xe6\x97\n", 2, 4, "invalid UTF-8");
  check_refused("a: \xc0\xaf\n", 1, 4, "invalid UTF-8");  // overlong
  check_refused("a: \xed\xa0\x80\n", 1, 4, "invalid UTF-8");  // surrogate
  check_refused(std::string("a: b\0c\n", 7), 1, 5, "NUL");
  check_refused("\xef\xbb\xbf" "a: 1\n", 1, 1, "byte-order mark");
  check_refused("a: x\xef\xbb\xbfy\n", 1, 5, "byte-order mark");
  check_refused("a: \"x\x01\"\n", 1, 6, "control character U+0001");
  check_refused("a: \"x\x7f\"\n", 1, 6, "control character U+007F");
}

TEST_CASE("load_yaml refuses tabs used as indentation, not tabs elsewhere") {
  check_refused("a:\n\tb: 1\n", 2, 1, "tab character in indentation");
  check_refused("a:\n  \tb: 1\n", 2, 3, "tab character in indentation");
  CHECK_FALSE(refusal("a:\tb\nc: d\t# note\n"));
  check_refused("a: b\n\t\nc: d\n", 2, 1, "tab");  // yaml-cpp's own refusal
}

TEST_CASE("load_yaml says to quote text holding ': ', at its second colon") {
  const char* hint = "\": \" inside text; quote the text ('...') or use a block (|)";
  check_refused("a: b: c\n", 1, 5, hint);
  check_refused("client_views: 本人: 家に帰りたくない\n", 1, 17, hint);
  check_refused("p:\n  client_views: 本人: 家に帰りたくない\n", 2, 19, hint);
  check_refused("x: 1\nitems:\n  - text: 本人: 家\n", 3, 13, hint);
  // Quoted, in a block or as a flow list, the same text loads.
  CHECK(load_yaml("a: '本人: 家'\n", "f.yaml").get("a")->value == "本人: 家");
  CHECK(load_yaml("a: |\n  本人: 家\n", "f.yaml").get("a")->value == "本人: 家\n");
  // Another syntax error keeps yaml-cpp's words and place.
  auto e = refusal("a: 1\n b: 2\n");
  REQUIRE(e);
  CHECK(std::string(e->what()).find("inside text") == std::string::npos);
}

TEST_CASE("load_yaml points at a full-width colon after a key when the file does not parse") {
  const char* hint = "full-width colon \"：\" after a key; type \":\" followed by a space";
  check_refused("safety: safe\nrisk：high\nmethods: [records]\n", 2, 5, hint);
  check_refused("client:\n  name: x\n  sex：female\n  school: y\n", 3, 6, hint);
  check_refused("a: 1\nitems:\n  - domain ：safety\n    level: high\n", 3, 12, hint);
  // A full-width colon inside text is text.
  CHECK(load_yaml("reason: 理由：虐待\n", "f.yaml").get("reason")->value == "理由：虐待");
}

TEST_CASE("refuse_fullwidth_key: text loaded where a map was meant, placed at its colon") {
  Node n = load_yaml("client:\n  sex：female\n", "f.yaml");
  try {
    refuse_fullwidth_key(*n.get("client"), "f.yaml");
    FAIL("not refused");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().line == 2);
    CHECK(e.place().col == 6);
    CHECK(std::string(e.what()).find("full-width colon") != std::string::npos);
  }
  // Other text, quoted text, and maps pass.
  refuse_fullwidth_key(*load_yaml("a: 理由：虐待\n", "f.yaml").get("a"), "f.yaml");
  refuse_fullwidth_key(*load_yaml("a: 'sex：female'\n", "f.yaml").get("a"), "f.yaml");
  refuse_fullwidth_key(n, "f.yaml");
}

TEST_CASE("load_yaml needs exactly one non-empty document") {
  check_refused("", 1, 1, "empty file");
  check_refused("# only a comment\n\n", 1, 1, "empty file");
  check_refused("~\n", 1, 1, "empty document");
  check_refused("---\n", 2, 1, "empty document");
  check_refused("a: 1\n---\nb: 2\n", 2, 1, "more than one document");
  check_refused("a: 1\n---\n", 2, 1, "more than one document");
  CHECK_FALSE(refusal("---\na: 1\n...\n"));
}

TEST_CASE("load_yaml turns syntax errors into malformed with a place") {
  check_refused("a: [1, 2\n", 2, 1, "YAML syntax error");
  check_refused("a: b: c\n", 1, 5, "YAML syntax error");
  check_refused("a: 1\n b: 2\n", 2, 3, "YAML syntax error");
  check_refused("a: \"open", 1, 9, "YAML syntax error");
  // yaml-cpp would take text left open to the end of the file (swallowing later keys).
  check_refused("a: \"open\nb: 1\n", 1, 4, "quoted text is not closed (no \" after it)");
  check_refused("a: 'open\nb: 1\n", 1, 4, "quoted text is not closed (no ' after it)");
  check_refused("a:\n  - \"x\\\"\n  - y\n", 2, 5, "quoted text is not closed");
  CHECK(load_yaml("a: 'it''s'\nb: \"q\\\"\"\n", "f.yaml").get("b")->value == "q\"");
}

TEST_CASE("load_yaml_file reads a file and refuses big ones before reading") {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("casectl-yaml-io-" + std::to_string(::getpid()) + ".yaml"))
                         .string();
  {
    std::ofstream f(path, std::ios::binary);
    f << "a: 1\n";
  }
  CHECK(load_yaml_file(path, "x.yaml").get("a")->value == "1");
  {
    std::ofstream f(path, std::ios::binary);
    f << "a: " << std::string(2 << 20, 'x') << "\n";
  }
  try {
    load_yaml_file(path, "x.yaml");
    FAIL("a 2 MiB file was loaded");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::malformed);
    CHECK(e.place().str() == "x.yaml:1:1");
    CHECK(std::string(e.what()) == "file larger than 1 MiB");
  }
  std::remove(path.c_str());
  try {
    load_yaml_file(path, "x.yaml");
    FAIL("a missing file was loaded");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::not_found);
    CHECK(e.place().file == "x.yaml");
  }
}

TEST_CASE("the hostile corpus is refused quickly with a place") {
  struct Case {
    const char* file;
    const char* message;
  };
  const Case cases[] = {
      {"billion_laughs.yaml", "anchors and aliases are not allowed"},
      {"deep_flow_seq.yaml", "nesting deeper than 64 levels"},
      {"deep_flow_map.yaml", "nesting deeper than 64 levels"},
      {"deep_block_seq.yaml", "nesting deeper than 64 levels"},
      {"deep_block_map.yaml", "nesting deeper than 64 levels"},
      {"duplicate_keys.yaml", "duplicate key \"name\" (first at line 4)"},
      {"tab_indent.yaml", "tab character in indentation"},
      {"nul_byte.yaml", "NUL byte"},
      {"invalid_utf8.yaml", "invalid UTF-8"},
      {"empty.yaml", "empty file"},
      {"comments_only.yaml", "empty file"},
      {"binary_garbage.bin", "invalid UTF-8"},
      {"bom.yaml", "byte-order mark"},
      {"two_documents.yaml", "more than one document"},
      {"unknown_tag.yaml", "tags"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    std::string path = std::string(CASECTL_TEST_DATA) + "/hostile/" + c.file;
    std::clock_t start = std::clock();
    try {
      load_yaml_file(path, c.file);
      FAIL("loaded");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::malformed);
      CHECK(e.place().file == c.file);
      CHECK(e.place().line > 0);
      CHECK(e.place().col > 0);
      CHECK_MESSAGE(std::string(e.what()).find(c.message) != std::string::npos, e.what());
    }
    CHECK(std::clock() - start < CLOCKS_PER_SEC);
  }
}

TEST_CASE("generated hostile inputs are refused quickly") {
  const std::string inputs[] = {
      "a: " + std::string(2 << 20, 'x') + "\n",           // a 2 MiB scalar
      std::string(1 << 20, '['),                          // a 1 MiB flow bomb on one line
      std::string((1 << 20) - 8, '{'),                    // and of maps
      [] {                                                // 1 MiB of block sequences
        std::string s;
        while (s.size() < (1 << 20) - 4) s += "- ";
        return s;
      }(),
      [] {                                                // 100,000 distinct keys, one repeated
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "k" + std::to_string(i) + ": 1\n";
        return s + "k7: 2\n";
      }(),
  };
  for (const auto& text : inputs) {
    std::clock_t start = std::clock();  // CPU time: the machine may be busy
    auto e = refusal(text);
    REQUIRE(e);
    CHECK(e->place().line > 0);
    CHECK(std::clock() - start < CLOCKS_PER_SEC);
  }
  // Flow bombs are refused for their depth, at the first bracket too deep.
  check_refused(std::string(1 << 20, '['), 1, 65, "nesting deeper than 64 levels");
  check_refused("a: " + std::string(1000, '{'), 1, 68, "nesting deeper than 64 levels");
}

namespace {

// A flow sequence of n+1 ones on one line: "[1,1,...,1]".
std::string flow_of(int n) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) s += "1,";
  return s + "1]";
}

// A block map of n distinct keys, one a line (the duplicate-key check sees every key).
std::string block_map_of(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "k" + std::to_string(i) + ": 1\n";
  return s;
}

// The least CPU time (seconds) of load_yaml over `reps` tries of `times` loads each of text.
// The least of several tries is what the loader costs; the others measure the machine's load.
double least_cpu_seconds(const std::string& text, int times, int reps) {
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    std::clock_t start = std::clock();
    for (int i = 0; i < times; ++i) load_yaml(text, "f.yaml");
    best = std::min(best, double(std::clock() - start) / CLOCKS_PER_SEC);
  }
  return best;
}

// Checks that loading 8 times the input costs less than 20 times the time of the input (linear:
// about 8; quadratic: about 64). Both sizes are timed over the same number of bytes (the small
// input loaded 8 times per try) and the least of several tries is taken, so a busy machine does
// not make it fail; no absolute limit is involved.
// A machine busy with other work (a build on both cores) can still slow the big input's loads
// more than the small one's (its memory does not stay in the cache), so the measure is taken up
// to three times and one within the bound passes: a quadratic loader (8x the bound) fails all.
void check_linear(const std::string& small, const std::string& big) {
  REQUIRE(big.size() > 7 * small.size());
  REQUIRE(big.size() < 9 * small.size());
  load_yaml(big, "f.yaml");  // warm up the allocator
  double t_small = 0, t_big = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    t_small = least_cpu_seconds(small, 8, 5);  // 8 loads: time of 8x if linear
    t_big = least_cpu_seconds(big, 1, 5);
    // t_big < 20 * (t_small / 8): the time of 8x the input under 20x the time of 1x.
    if (t_big < 2.5 * t_small + 0.002) break;
  }
  CAPTURE(t_small);
  CAPTURE(t_big);
  CHECK(t_big < 2.5 * t_small + 0.002);
}

}  // namespace

TEST_CASE("big but legal inputs load in linear time: 8x the input, well under 20x the time") {
  // Timed in a process of its own (this binary run again for this test case alone), as ctest
  // runs it: after the other test cases of one run, the heap they left makes the big input's
  // loads slower than its size explains, a measure of that run, not of the loader.
  if (!casectl::test::in_own_process("CASECTL_TIMED_ALONE", "big but legal inputs load in linear time*")) return;
  SUBCASE("a long flow sequence") {
    Node n = load_yaml(flow_of(200000), "f.yaml");
    CHECK(n.items.size() == 200001);
    CHECK(n.items.back().col == 400002);
    check_linear(flow_of(12500), flow_of(100000));
  }
  SUBCASE("a block map of many distinct keys") {
    Node n = load_yaml(block_map_of(80000), "f.yaml");
    CHECK(n.entries.size() == 80000);
    CHECK(n.entries.back().line == 80000);
    check_linear(block_map_of(5000), block_map_of(40000));
  }
}

TEST_CASE("brackets inside text do not count as nesting") {
  std::string many(100, '[');
  Node n = load_yaml("a: x" + many + "\nb: '" + many + "'\nc: |\n  text " + many +
                         "\nd: [\"" + many + "\", '" + many + "']\n# " + many + "\n",
                     "f.yaml");
  CHECK(n.get("a")->value == "x" + many);
  CHECK(n.get("b")->value == many);
  CHECK(n.get("d")->items[1].value == many);
}
