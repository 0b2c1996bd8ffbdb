#include <doctest/doctest.h>
#include <sys/resource.h>
#include <algorithm>
#include <thread>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/table.hpp"
#include "core/terminal_text.hpp"
#include "core/yaml_io.hpp"

using namespace casectl;

namespace {

// The lines of text, without their "\n".
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The display column at which `needle` starts in `line` (the width of what precedes it).
int column_of(const std::string& line, const std::string& needle) {
  size_t at = line.find(needle);
  REQUIRE(at != std::string::npos);
  return display_width(std::string_view(line).substr(0, at));
}

// The most memory this process has held (KiB): each test case runs in a process of its own
// under ctest.
long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

Table people() {
  Table t;
  t.columns = {{"id", "ID"}, {"name", "Name"}, {"days", "Days", true}, {"risk", "Risk"}};
  t.rows = {{"C-2026-0001", "山田 花子", "5", "high"},
            {"C-2026-0002", "Ann Lee", "120", "low"},
            {"C-2026-0003", "佐藤", "37", "medium"}};
  return t;
}

}  // namespace

TEST_CASE("display width counts East Asian wide characters as two columns") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("山田 花子") == 9);
  CHECK(display_width("ｱｲｳ") == 3);        // halfwidth katakana
  CHECK(display_width("ＡＢ") == 4);       // fullwidth Latin
  CHECK(display_width("e\u0301") == 1);    // e + combining acute accent
  CHECK(display_width("か\u3099") == 2);   // か + combining dakuten
}

TEST_CASE("invalid UTF-8 counts one column per byte and does not crash") {
  CHECK(display_width("\xff\xfe") == 2);
  CHECK(display_width("a\xe5\xb1") == 3);          // truncated 3-byte sequence
  CHECK(display_width("\xed\xa0\x80") == 3);       // encoded surrogate
  CHECK(display_width("\xc0\xaf") == 2);           // overlong "/"
  Table t{{{"a", "A"}, {"b", "B"}}, {{"\xff", "x"}}};
  CHECK(render_table(t, false) == "A  B\n?  x\n");  // shown as "?" on a terminal
  CHECK_NOTHROW(render_json(t));
  CHECK_NOTHROW(render_md(t));
}

TEST_CASE("shown_cell_width: the display width of a cell shown as it is, -1 for one shown escaped") {
  // One pass in place of terminal_unchanged() then display_width(): the same answers.
  const std::vector<std::string> cells = {
      "", "abc", "山田 花子", "ｱｲｳ", "ＡＢ", "e\u0301", "か\u3099", "期限超過 安全確認", "tab\there", "line\nbreak",
      "bell\x07", "del\x7f", "c1\u009b", "bidi\u202e", "isolate\u2066", "ls\u2028", "\xff\xfe", "a\xe5\xb1",
      "\xed\xa0\x80", "\xc0\xaf", "😀", "long ASCII text well over eight bytes", "ASCII then 山田"};
  for (const std::string& c : cells) {
    CAPTURE(c);
    int expected = terminal_unchanged(c, Newlines::escape) ? display_width(c) : -1;
    CHECK(shown_cell_width(c) == expected);
  }
  CHECK(shown_cell_width("山田 花子") == 9);
  CHECK(shown_cell_width("a\nb") == -1);
  CHECK(shown_cell_width("\xff") == -1);
}

TEST_CASE("pad_to_width pads by display width") {
  CHECK(pad_to_width("山田", 6) == "山田  ");
  CHECK(pad_to_width("山田", 6, true) == "  山田");
  CHECK(pad_to_width("abcdef", 3) == "abcdef");
  CHECK(display_width(pad_to_width("e\u0301", 4)) == 4);
}

TEST_CASE("table columns align by display width with Japanese names") {
  auto lines = lines_of(render_table(people(), false));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].rfind("ID", 0) == 0);
  // Name column starts after the widest id plus two spaces, on every line.
  int name_col = display_width("C-2026-0001") + 2;
  CHECK(column_of(lines[0], "Name") == name_col);
  CHECK(column_of(lines[1], "山田 花子") == name_col);
  CHECK(column_of(lines[2], "Ann Lee") == name_col);
  CHECK(column_of(lines[3], "佐藤") == name_col);
  // Days is numeric: right-aligned, so every value ends at the same display column.
  int days_end = name_col + display_width("山田 花子") + 2 + display_width("Days");
  CHECK(column_of(lines[0], "Days") + 4 == days_end);
  CHECK(column_of(lines[1], "  5  ") + 3 == days_end);
  CHECK(column_of(lines[2], "120") + 3 == days_end);
  CHECK(column_of(lines[3], "37") + 2 == days_end);
  // Risk starts at the same column everywhere, after two spaces.
  int risk_col = days_end + 2;
  CHECK(column_of(lines[0], "Risk") == risk_col);
  CHECK(column_of(lines[1], "high") == risk_col);
  CHECK(column_of(lines[2], "low") == risk_col);
  CHECK(column_of(lines[3], "medium") == risk_col);
}

TEST_CASE("table lines have no trailing spaces and long cells are kept whole") {
  Table t{{{"a", "A"}, {"b", "B"}}, {{"a very long cell indeed", ""}, {"x", "y"}}};
  std::string out = render_table(t, false);
  for (const auto& line : lines_of(out)) CHECK(line.back() != ' ');
  CHECK(out.find("a very long cell indeed\n") != std::string::npos);
  CHECK(lines_of(out)[2] == "x" + std::string(24, ' ') + "y");
}

TEST_CASE("table alignment with combining characters") {
  Table t{{{"a", "A"}, {"b", "B"}}, {{"Cafe\u0301", "1"}, {"Cafe", "2"}}};
  auto lines = lines_of(render_table(t, false));
  CHECK(column_of(lines[1], "1") == 6);
  CHECK(column_of(lines[2], "2") == 6);
}

TEST_CASE("table heading is bold only with colour, and control characters are escaped") {
  Table t{{{"a", "A"}}, {{"line\none\x1b[31m"}}};
  std::string plain = render_table(t, false);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(lines_of(plain)[1] == "line\\none\\x1b[31m");
  std::string bold = render_table(t, true);
  CHECK(bold.rfind("\x1b[1mA\x1b[0m\n", 0) == 0);
}

TEST_CASE("a table cell stays on its line and carries no bidirectional control") {
  Table t{{{"a", "A"}, {"b", "B"}},
          {{"x\ny", "1"}, {"A\u202eB\u2028C\u2066", "2"}, {"\xff\t\u009b", "3"}, {"plain", "4"}}};
  auto lines = lines_of(render_table(t, false));
  REQUIRE(lines.size() == 5);
  CHECK(lines[1] == "x\\ny                   1");
  CHECK(lines[2] == "A\\u202eB\\u2028C\\u2066  2");
  CHECK(lines[3] == "? \\u009b               3");
  for (size_t l = 1; l < lines.size(); ++l)
    CHECK(display_width(lines[l]) - 1 == column_of(lines[0], "B"));  // each row's last cell
}

TEST_CASE("csv cells a spreadsheet would run as formulas are made inert") {
  Table t{{{"name", "Name"}, {"age", "Age", true}},
          {{"=HYPERLINK(\"http://x\",\"y\")", "-3"},
           {"+1", "=1+1"},
           {"-2", "-"},
           {"@SUM(A1)", "12"},
           {"\tx", ""},
           {"\r=1", "1.5"},
           {"a=b", "-0.5"}}};
  CHECK(render_csv(t) ==
        "name,age\n"
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3\n"
        "'+1,'=1+1\n"
        "'-2,'-\n"
        "'@SUM(A1),12\n"
        "'\tx,\n"
        "\"'\r=1\",1.5\n"
        "a=b,-0.5\n");
}

TEST_CASE("short rows are padded with empty cells") {
  Table t{{{"a", "A"}, {"b", "B"}}, {{"1"}}};
  CHECK(render_csv(t) == "a,b\n1,\n");
  CHECK(render_table(t, false) == "A  B\n1\n");
}

TEST_CASE("empty tables render their header only") {
  Table t = people();
  t.rows.clear();
  CHECK(render_table(t, false) == "ID  Name  Days  Risk\n");
  CHECK(render_csv(t) == "id,name,days,risk\n");
  CHECK(render_json(t) == "[]\n");
  CHECK(render_yaml(t) == "[]\n");
  CHECK(render_md(t) == "| ID | Name | Days | Risk |\n| --- | --- | ---: | --- |\n");
}

TEST_CASE("CSV quotes fields with commas, quotes and line breaks") {
  Table t{{{"k", "K"}, {"v", "V"}},
          {{"plain", "a,b"}, {"say \"hi\"", "two\nlines"}, {"cr\r", "山田 花子"}}};
  CHECK(render_csv(t) ==
        "k,v\n"
        "plain,\"a,b\"\n"
        "\"say \"\"hi\"\"\",\"two\nlines\"\n"
        "\"cr\r\",山田 花子\n");
  CHECK(render_csv(t) == render_csv(t));
}

TEST_CASE("CSV finds a comma, quote, CR or LF at any place of a long cell, and nothing else") {
  // Eight bytes are looked at together: every place in and across those words, and the bytes
  // next to the special ones (+ - ! # \t \x0b \x0e) and UTF-8 bytes, which must not count.
  for (std::size_t len = 1; len <= 27; ++len) {
    for (char special : {',', '"', '\r', '\n'}) {
      for (std::size_t at = 0; at < len; ++at) {
        std::string cell(len, 'x');
        cell[at] = special;
        std::string quoted = render_csv(Table{{{"k", "K"}}, {{cell}}});
        CAPTURE(len);
        CAPTURE(at);
        CHECK(quoted.compare(2, 1, "\"") == 0);
      }
    }
    std::string near;
    const std::string neighbours = "+-!#\t\x0b\x0e\x0c\xe5\xb1\xb1\xe7\x94\xb0";
    for (std::size_t i = 0; i < len; ++i) near += neighbours[i % neighbours.size()];
    if (near[0] == '+' || near[0] == '-' || near[0] == '\t') near[0] = 'a';  // not a formula
    CHECK(render_csv(Table{{{"k", "K"}}, {{near}}}) == "k\n" + near + "\n");
  }
}

TEST_CASE("JSON keeps column order and writes numeric columns as numbers") {
  Table t{{{"zeta", "Z"}, {"count", "N", true}, {"alpha", "A"}, {"ratio", "R", true}},
          {{"x", "42", "7", "0.5"}, {"y", "", "", "n/a"}, {"z", "-3", "", "12345678901234"}}};
  std::string out = render_json(t);
  CHECK(out.back() == '\n');
  CHECK(out.find("\"zeta\"") < out.find("\"count\""));
  CHECK(out.find("\"count\"") < out.find("\"alpha\""));
  CHECK(out.find("\"alpha\"") < out.find("\"ratio\""));
  auto j = nlohmann::json::parse(out);
  REQUIRE(j.size() == 3);
  CHECK(j[0]["count"] == 42);
  CHECK(j[0]["count"].is_number_integer());
  CHECK(j[0]["alpha"] == "7");  // not numeric: stays a string
  CHECK(j[0]["ratio"] == 0.5);
  CHECK(j[1]["count"].is_null());
  CHECK(j[1]["alpha"] == "");
  CHECK(j[1]["ratio"] == "n/a");  // does not parse: kept as text
  CHECK(j[2]["count"] == -3);
  CHECK(j[2]["ratio"] == 12345678901234LL);
  CHECK(out.find("  {\n    \"zeta\": \"x\",") != std::string::npos);
}

TEST_CASE("JSON writes Japanese text as UTF-8") {
  Table t{{{"name", "Name"}}, {{"山田 花子"}}};
  CHECK(render_json(t) == "[\n  {\n    \"name\": \"山田 花子\"\n  }\n]\n");
}

TEST_CASE("Markdown escapes pipes and backslashes and keeps line breaks") {
  Table t{{{"k", "Key|word"}, {"n", "N", true}}, {{"a|b\\c", "1"}, {"two\r\nlines", "2"}}};
  CHECK(render_md(t) ==
        "| Key\\|word | N |\n"
        "| --- | ---: |\n"
        "| a\\|b\\\\c | 1 |\n"
        "| two<br>lines | 2 |\n");
}

TEST_CASE("YAML lists one map per row in column order") {
  Table t{{{"id", "ID"}, {"days", "Days", true}, {"note", "Note"}},
          {{"C-2026-0001", "5", "ok"}, {"C-2026-0002", "", "x"}}};
  std::string out = render_yaml(t);
  auto lines = lines_of(out);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0].rfind("- id: ", 0) == 0);
  CHECK(lines[1] == "  days: 5");
  CHECK(lines[2].rfind("  note: ", 0) == 0);
  CHECK(lines[3].rfind("- id: ", 0) == 0);
  CHECK(lines[4] == "  days: null");
}

TEST_CASE("YAML output reads back as the same text, block scalars included") {
  Table t{{{"id", "ID"}, {"text", "Text"}, {"n", "N", true}},
          {{"yes", "two\nlines", "7"}, {"12", "a: b # c", "1e3"}, {"山田 花子", "", "-1.5"}}};
  Node doc = load_yaml(render_yaml(t), "table.yaml");
  REQUIRE(doc.kind == Node::Kind::sequence);
  REQUIRE(doc.items.size() == 3);
  for (size_t r = 0; r < 3; ++r) {
    const Node& row = doc.items[r];
    REQUIRE(row.entries.size() == 3);
    CHECK(row.entries[0].key == "id");
    CHECK(row.entries[1].key == "text");
    CHECK(row.entries[2].key == "n");
    CHECK(row.get("id")->value == t.rows[r][0]);
    CHECK(row.get("text")->value == t.rows[r][1]);
  }
  CHECK_FALSE(doc.items[0].get("id")->plain);  // "yes" must be quoted
  CHECK(doc.items[0].get("n")->plain);          // a number in a numeric column is plain
  CHECK_FALSE(doc.items[1].get("n")->plain);    // not our number form: a quoted string
  CHECK(doc.items[1].get("n")->value == "1e3");
  CHECK(doc.items[2].get("n")->value == "-1.5");
}

TEST_CASE("formats parse by name and refuse others naming the allowed values") {
  CHECK(parse_format("table") == Format::table);
  CHECK(parse_format("csv") == Format::csv);
  CHECK(parse_format("json") == Format::json);
  CHECK(parse_format("yaml") == Format::yaml);
  CHECK(parse_format("md") == Format::md);
  try {
    parse_format("xml");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.what()).find("table | csv | json | yaml | md") != std::string::npos);
  }
  std::vector<Format> report{Format::table, Format::csv, Format::json, Format::md};
  CHECK_THROWS_AS(parse_format("yaml", report), Error);
  CHECK(parse_format("md", report) == Format::md);
}

TEST_CASE("render dispatches on the format") {
  Table t = people();
  CHECK(render(t, Format::csv, true) == render_csv(t));
  CHECK(render(t, Format::json, true) == render_json(t));
  CHECK(render(t, Format::md, true) == render_md(t));
  CHECK(render(t, Format::table, false) == render_table(t, false));
}

TEST_CASE("list columns are arrays in json and yaml, one cell in table and csv") {
  Table t;
  t.columns = {{"id", "ID"}, {"concerns", "CONCERNS", false, true}};
  t.rows = {{"C-2026-0001", "neglect poverty"}, {"C-2026-0002", ""}};
  auto j = nlohmann::json::parse(render_json(t));
  CHECK(j[0]["concerns"] == nlohmann::json::array({"neglect", "poverty"}));
  CHECK(j[1]["concerns"] == nlohmann::json::array());
  CHECK(render_yaml(t) ==
        "- id: C-2026-0001\n  concerns:\n    - neglect\n    - poverty\n- id: C-2026-0002\n  concerns: []\n");
  CHECK(render_csv(t) == "id,concerns\nC-2026-0001,neglect poverty\nC-2026-0002,\n");
}

TEST_CASE("boolean columns are true or false in json and yaml, their text in table and csv") {
  Table t;
  t.columns = {{"id", "ID"}, {"late", "LATE", false, false, true}};
  t.rows = {{"a", "true"}, {"b", "false"}};
  auto j = nlohmann::json::parse(render_json(t));
  CHECK(j[0]["late"] == true);
  CHECK(j[1]["late"] == false);
  CHECK(render_yaml(t) == "- id: a\n  late: true\n- id: b\n  late: false\n");
  CHECK(render_csv(t) == "id,late\na,true\nb,false\n");
}

TEST_CASE("SpreadsheetCsv: a byte order mark once, CRLF between rows, a quoted line break kept") {
  Table t;
  t.columns = {{"id", "ID"}, {"note", "NOTE"}};
  t.rows = {{"a", "two\nlines, \"quoted\""}, {"b", "x"}};
  std::string csv = render_csv(t);
  std::string want = "\xEF\xBB\xBFid,note\r\na,\"two\nlines, \"\"quoted\"\"\"\r\nb,x\r\n";
  CHECK(SpreadsheetCsv()(csv) == want);
  // In pieces cut anywhere (a TableStream's), the same bytes.
  for (std::size_t cut = 0; cut <= csv.size(); ++cut) {
    SpreadsheetCsv sheet;
    std::string pieces = sheet(csv.substr(0, cut));
    pieces += sheet(csv.substr(cut));
    CHECK(pieces == want);
  }
}

TEST_CASE("rows made in parts and appended in order give what one stream gives, in every format") {
  std::vector<casectl::Column> cols = {{"id", "ID"}, {"name", "NAME"}, {"n", "N", true}};
  std::vector<std::vector<std::string>> rows;
  // Enough for parts of more than one 64 KiB piece, and for an aligned table written in more
  // runs of rows (4,096 each) than there are cores.
  for (int i = 0; i < 20000; ++i)
    rows.push_back({"C-2026-" + std::to_string(1000 + i), i % 7 ? "山田 花子, \"x\"" : "=cmd", std::to_string(i - 5)});
  for (casectl::Format f : {casectl::Format::csv, casectl::Format::json, casectl::Format::yaml, casectl::Format::md,
                            casectl::Format::table}) {
    std::string whole, parted;
    {
      casectl::TableStream s(cols, f, [&](const std::string& p) { whole += p; });
      for (const auto& r : rows) s.row(r);
      s.finish();
    }
    for (std::size_t cuts : {1u, 2u, 5u, 4000u}) {  // parts of many rows, of one row, empty parts
      // Not told their rows, told too few, told twice as many.
      for (std::size_t told : {std::size_t(0), std::size_t(3), 2 * rows.size() / cuts}) {
        parted.clear();
        casectl::TableStream s(cols, f, [&](const std::string& p) { parted += p; });
        std::vector<casectl::TableStream> parts;
        for (std::size_t k = 0; k < cuts; ++k) parts.push_back(s.part(told));
        for (std::size_t i = 0; i < rows.size(); ++i) parts[i * cuts / rows.size()].row(rows[i]);
        for (auto& p : parts) s.append(std::move(p));
        s.finish();
        CHECK_MESSAGE(parted == whole, "format " << static_cast<int>(f) << ", " << cuts << " parts told " << told);
      }
    }
    // A part told many rows whose first row is long reserves a bounded block, then grows.
    {
      parted.clear();
      casectl::TableStream s(cols, f, [&](const std::string& p) { parted += p; });
      std::vector<std::vector<std::string>> long_first = rows;
      long_first[0][1] = std::string(200000, 'x');
      std::string want;
      {
        casectl::TableStream one(cols, f, [&](const std::string& p) { want += p; });
        for (const auto& r : long_first) one.row(r);
        one.finish();
      }
      casectl::TableStream p = s.part(long_first.size());
      for (const auto& r : long_first) p.row(r);
      s.append(std::move(p));
      s.finish();
      CHECK_MESSAGE(parted == want, "format " << static_cast<int>(f) << ", a long first row");
    }
    // Rows of the stream itself before and after the parts keep their places.
    parted.clear();
    casectl::TableStream s(cols, f, [&](const std::string& p) { parted += p; });
    std::vector<casectl::TableStream> parts(3, s.part());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i < 5000 || i >= 15000) continue;
      parts[(i - 5000) * 3 / 10000].row(rows[i]);
    }
    for (std::size_t i = 0; i < 5000; ++i) s.row(rows[i]);
    s.append(std::move(parts[0]));
    s.append(std::move(parts[1]));
    s.append(std::move(parts[2]));
    for (std::size_t i = 15000; i < rows.size(); ++i) s.row(rows[i]);
    s.finish();
    CHECK_MESSAGE(parted == whole, "format " << static_cast<int>(f) << ", rows before and after the parts");
  }
  // No rows at all, in parts: the empty table's text.
  std::string none, none_parted;
  casectl::TableStream a(cols, casectl::Format::json, [&](const std::string& p) { none += p; });
  a.finish();
  casectl::TableStream b(cols, casectl::Format::json, [&](const std::string& p) { none_parted += p; });
  b.append(b.part());
  b.finish();
  CHECK(none_parted == none);
}

TEST_CASE("an aligned table held in many blocks, a row longer than a block among them, is written whole and aligned") {
  // Rows enough for blocks of 64 KiB up to 1 MiB, and one row of 1.5 MiB (in the last column:
  // lines carry no trailing spaces, so it widens no other line).
  std::vector<casectl::Column> cols = {{"id", "ID"}, {"n", "N", true}, {"note", "NOTE"}};
  Table t;
  t.columns = cols;
  for (std::size_t i = 0; i < 40000; ++i)
    t.rows.push_back({"C-" + std::to_string(i), std::to_string(i),
                      std::string(i % 50, i % 2 ? 'x' : 'y') + (i % 3 ? "" : "花子 ")});
  t.rows[20000][2] = std::string(3 << 19, 'z');
  std::vector<int> widths = {2, 1, 4};
  for (const auto& r : t.rows)
    for (std::size_t c = 0; c < 3; ++c) widths[c] = std::max(widths[c], casectl::display_width(r[c]));
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (std::size_t c = 0; c < 3; ++c) {
      std::string pad(c == 2 ? 0 : static_cast<std::size_t>(widths[c] - casectl::display_width(r[c])), ' ');
      l += (c ? "  " : "") + (cols[c].numeric ? pad + r[c] : r[c] + pad);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  std::string want = line({"ID", "N", "NOTE"});
  for (const auto& r : t.rows) want += line(r);
  const long before = peak_rss_kib();
  CHECK(casectl::render_table(t, false) == want);
  std::string one;
  casectl::TableStream s(cols, casectl::Format::table, [&](const std::string& p) { one += p; });
  for (const auto& r : t.rows) s.row(r);
  s.finish();
  CHECK(one == want);
  // The lines are written into room for what they hold: not, for each row of a run, room for
  // the longest cell of the last column, which is never padded (4,096 x 1.5 MiB).
  CHECK(peak_rss_kib() - before < 256 * 1024);
}

TEST_CASE("a big aligned table in colour, rows in runs on every core, is each line padded to its column's widest cell") {
  // Built here from display_width alone, not through TableStream: the heading bold, columns two
  // spaces apart, numbers right-aligned, no trailing spaces; more runs of rows than cores.
  std::vector<casectl::Column> cols = {{"id", "ID"}, {"name", "NAME"}, {"n", "N", true}, {"note", "NOTE"}};
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t n = casectl::TableStream::kRunRows * (2 * cores + 2) + 17;
  Table t;
  t.columns = cols;
  for (std::size_t i = 0; i < n; ++i)
    t.rows.push_back({"C-2026-" + std::to_string(i), i % 5 ? "山田 花子" : "Li", std::to_string(i * 37 % 100003),
                      i % 3 ? "" : "x"});
  std::vector<std::vector<std::string>> all = {{"ID", "NAME", "N", "NOTE"}};
  all.insert(all.end(), t.rows.begin(), t.rows.end());
  std::vector<int> widths(cols.size(), 0);
  for (const auto& r : all)
    for (std::size_t c = 0; c < cols.size(); ++c) widths[c] = std::max(widths[c], casectl::display_width(r[c]));
  std::string want;
  for (std::size_t k = 0; k < all.size(); ++k) {
    std::string line;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      std::string pad(static_cast<std::size_t>(widths[c] - casectl::display_width(all[k][c])), ' ');
      line += (c ? "  " : "") + (cols[c].numeric ? pad + all[k][c] : all[k][c] + pad);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    want += k == 0 ? "\x1b[1m" + line + "\x1b[0m\n" : line + "\n";
  }
  CHECK(casectl::render_table(t, true) == want);
}

TEST_CASE("render_to hands the text render() gives in pieces, in every format, a big table's included") {
  // (The other cases check render()'s text itself; this one that it comes in pieces, whole.)
  std::vector<casectl::Column> cols = {{"id", "ID"}, {"name", "NAME"}, {"n", "N", true}};
  Table t;
  t.columns = cols;
  for (int i = 0; i < 3 * static_cast<int>(casectl::TableStream::kRunRows) + 11; ++i)
    t.rows.push_back({"C-2026-" + std::to_string(i), i % 4 ? "山田 花子" : "=x, \"y\"", std::to_string(i)});
  for (casectl::Format f : casectl::all_formats) {
    for (bool colour : {false, true}) {
      std::string joined;
      std::size_t pieces = 0;
      casectl::render_to(t, f, colour, [&](const std::string& p) {
        joined += p;
        ++pieces;
      });
      CHECK(joined == casectl::render(t, f, colour));
      CHECK(pieces > 1);  // not held whole
    }
  }
}
