#include "core/i18n.hpp"
#include "core/table.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "core/utf8.hpp"

#include "core/error.hpp"
#include "core/terminal_text.hpp"
#include "core/yaml_scalar.hpp"

namespace casectl {

const std::vector<Format> all_formats = {Format::table, Format::csv, Format::json, Format::yaml,
                                         Format::md};

namespace {

// The cell of row r for column i, or "" when the row is short.
const std::string& cell(const Table& t, size_t r, size_t i) {
  static const std::string empty;
  const auto& row = t.rows[r];
  return i < row.size() ? row[i] : empty;
}

// Calls f(codepoint, bytes) for each character of s; an invalid byte is passed alone with
// codepoint -1.
template <class F> void each_char(std::string_view s, F f) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
      n = 1;
      cp = -1;
    }
    f(cp, s.substr(i, static_cast<size_t>(n)));
    i += static_cast<size_t>(n);
  }
}

// The columns code point cp takes (an invalid byte, -1: one): utf8proc's width, remembered for
// the Basic Multilingual Plane (a table's Japanese cells ask for the same few hundred
// characters again and again). Threads may fill the same slot at once: they write the same value.
int char_width(utf8proc_int32_t cp) {
  if (cp < 0) return 1;
  if (cp >= 0x10000) return utf8proc_charwidth(cp);
  static std::atomic<std::uint8_t> known[0x10000];  // width + 1; 0: not asked yet
  std::uint8_t w = known[cp].load(std::memory_order_relaxed);
  if (w == 0) {
    w = static_cast<std::uint8_t>(utf8proc_charwidth(cp) + 1);
    known[cp].store(w, std::memory_order_relaxed);
  }
  return w - 1;
}

// Whether cp is a control character (C0, DEL, C1), which a terminal could act on.
bool is_control(utf8proc_int32_t cp) {
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_CC;
}


// Whether s is a number in JSON's plain form: -?(0|[1-9][0-9]*)(.[0-9]+)?
bool is_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  auto digit = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (!digit(i)) return false;
  if (s[i] == '0')
    ++i;
  else
    while (digit(i)) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == s.size();
}

// A numeric cell as a JSON value: an integer, a floating-point number, null when empty, or the
// text itself when it is not a number.
nlohmann::ordered_json json_number(const std::string& s) {
  if (s.empty()) return nullptr;
  if (!is_number(s)) return s;
  if (s.find('.') == std::string::npos) {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (errno == 0 && *end == '\0') return static_cast<std::int64_t>(v);
  }
  return std::strtod(s.c_str(), nullptr);
}

// Whether a spreadsheet opening the CSV would take a cell starting like s for a formula (OWASP
// "CSV injection": =, +, -, @, tab, CR), or their full-width forms (＝＋－＠), which a Japanese
// spreadsheet converts and runs the same.
bool formula_like(std::string_view s) {
  if (s.empty()) return false;
  if (std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) return true;
  if (static_cast<unsigned char>(s.front()) != 0xEF) return false;  // not U+F000..U+FFFF
  char32_t cp = 0;
  return utf8_at(s, 0, &cp) == 3 && (cp == 0xFF1D || cp == 0xFF0B || cp == 0xFF0D || cp == 0xFF20);
}

// A CSV field: a text cell a spreadsheet would run as a formula made inert with a leading "'"
// (a number in a numeric column, such as -3, stays a number), then quoted when it holds a comma,
// quote, CR or LF.
// True when s holds a comma, quote, CR or LF, looked for eight bytes at a time (a byte loop was a
// tenth of `list --format csv`; find_first_of calls memchr per byte).
bool needs_quotes(std::string_view s) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  // Non-zero when a byte of w is c (the classic "has zero byte" test on w ^ c in every byte).
  auto has = [&](std::uint64_t w, unsigned char c) {
    std::uint64_t x = w ^ (ones * c);
    return (x - ones) & ~x & highs;
  };
  auto special = [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; };
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (has(w, ',') | has(w, '"') | has(w, '\r') | has(w, '\n')) return true;
  }
  for (; i < s.size(); ++i)
    if (special(s[i])) return true;
  return false;
}

void append_csv_field(std::string& out, std::string_view cell, bool numeric) {
  bool inert = formula_like(cell) && !(numeric && is_number(cell));
  bool quoted = needs_quotes(cell);
  if (quoted) out += '"';
  if (inert) out += '\'';
  if (!quoted) return void(out += cell);
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_field(const std::string& cell, bool numeric) {
  std::string out;
  append_csv_field(out, cell, numeric);
  return out;
}

// A Markdown table cell: "\" and "|" escaped, line breaks (LF, CRLF, CR) as <br>, other
// control characters as spaces.
std::string md_cell(std::string_view s) {
  std::string out;
  bool after_cr = false;
  each_char(s, [&](utf8proc_int32_t cp, std::string_view bytes) {
    bool crlf = after_cr && cp == '\n';
    after_cr = cp == '\r';
    if (crlf) return;
    if (cp == '\\' || cp == '|')
      out += fmt::format("\\{}", bytes);
    else if (cp == '\n' || cp == '\r')
      out += "<br>";
    else if (is_control(cp) || deceptive_format_char(static_cast<char32_t>(cp)))
      out += ' ';
    else
      out += bytes;
  });
  return out;
}

// One Markdown table line from already-escaped cells.
std::string md_line(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const auto& c : cells) line += fmt::format(" {} |", c);
  return line + "\n";
}

}  // namespace

std::string format_name(Format f) {
  switch (f) {
    case Format::table: return "table";
    case Format::csv: return "csv";
    case Format::json: return "json";
    case Format::yaml: return "yaml";
    case Format::md: return "md";
  }
  return "table";
}

Format parse_format(const std::string& text, const std::vector<Format>& allowed) {
  std::string names;
  for (Format f : allowed) {
    if (format_name(f) == text) return f;
    names += names.empty() ? format_name(f) : " | " + format_name(f);
  }
  fail(ErrorKind::usage, txf("unknown format \"{}\"; allowed values: {}", text, names));
}

int display_width(std::string_view utf8) {
  // Printable ASCII (most cells) is one column a byte.
  if (printable_ascii(utf8)) return static_cast<int>(utf8.size());
  int width = 0;
  each_char(utf8, [&](utf8proc_int32_t cp, std::string_view) { width += char_width(cp); });
  return width;
}

int shown_cell_width(std::string_view text) {
  if (printable_ascii(text)) return static_cast<int>(text.size());
  // One pass: each character decoded once, checked as terminal_unchanged() checks it, and
  // counted as display_width() counts it (a table's Japanese cells: a fifth of its rows' time).
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    int len = utf8_at(text, i, &cp);
    if (len == 0 || !shown_as_is(cp, Newlines::escape)) return -1;
    width += len == 1 ? 1 : char_width(static_cast<utf8proc_int32_t>(cp));
    i += static_cast<std::size_t>(len);
  }
  return width;
}

std::string pad_to_width(std::string_view text, int width, bool right) {
  int w = display_width(text);
  if (w >= width) return std::string(text);
  std::string pad(static_cast<size_t>(width - w), ' ');
  return right ? pad + std::string(text) : std::string(text) + pad;
}

// The text of table t in format f through a TableStream; many rows (a report of every missed
// deadline) are taken on every core, a run each, and joined in order.
void render_to(const Table& t, Format f, bool colour, const std::function<void(const std::string&)>& sink) {
  TableStream stream(t.columns, f, sink, colour);
  stream.rows_in_runs(t.rows.size(), [&](std::size_t k, TableStream& part) { part.row(t.rows[k]); });
  stream.finish();
}

static std::string render_streamed(const Table& t, Format f, bool colour) {
  std::string out;
  render_to(t, f, colour, [&](const std::string& piece) { out += piece; });
  return out;
}

std::string render_table(const Table& t, bool colour) { return render_streamed(t, Format::table, colour); }

// The values of a list cell (space-separated; none when empty).
static std::vector<std::string> list_values(const std::string& v) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < v.size()) {
    size_t end = v.find(' ', start);
    if (end == std::string::npos) end = v.size();
    if (end > start) out.push_back(v.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// One row as a JSON object (not yet escaped for deceptive characters).
static nlohmann::ordered_json json_row(const Table& t, size_t r) {
  auto obj = nlohmann::ordered_json::object();
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const auto& c = t.columns[i];
    if (c.list)
      obj[c.key] = list_values(cell(t, r, i));
    else if (c.boolean)
      obj[c.key] = cell(t, r, i) == "true";
    else
      obj[c.key] = c.numeric ? json_number(cell(t, r, i)) : nlohmann::ordered_json(cell(t, r, i));
  }
  return obj;
}

// One row as YAML: a list item of the columns' keys.
static std::string yaml_row(const Table& t, size_t r) {
  std::string out;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const auto& c = t.columns[i];
    const std::string& v = cell(t, r, i);
    std::string value;
    if (c.list) {
      auto items = list_values(v);
      value = items.empty() ? "[]" : "";
      for (const auto& item : items) value += "\n    - " + yaml_scalar(item, 4);
      out += fmt::format("{}{}:{}{}\n", i == 0 ? "- " : "  ", c.key, items.empty() ? " " : "", value);
      continue;
    }
    if (c.boolean)
      value = v == "true" ? "true" : "false";
    else if (c.numeric && v.empty())
      value = "null";
    else if (c.numeric && is_number(v))
      value = v;
    else
      value = yaml_scalar(v, 2);
    out += fmt::format("{}{}: {}\n", i == 0 ? "- " : "  ", c.key, value);
  }
  return out;
}

std::string render_head(const Table& t, Format f) {
  if (t.columns.empty()) return "";
  std::string out;
  std::vector<std::string> cells;
  switch (f) {
    case Format::csv:
      for (size_t i = 0; i < t.columns.size(); ++i) out += (i ? "," : "") + csv_field(t.columns[i].key, false);
      return out + "\n";
    case Format::md:
      for (const auto& c : t.columns) cells.push_back(md_cell(c.heading));
      out = md_line(cells);
      cells.clear();
      for (const auto& c : t.columns) cells.push_back(c.numeric ? "---:" : "---");
      return out + md_line(cells);
    case Format::json:
    case Format::yaml:
    case Format::table: return "";
  }
  return "";
}

void append_row(std::string& out, const Table& t, size_t r, Format f, bool first) {
  if (t.columns.empty()) return;
  std::vector<std::string> cells;
  switch (f) {
    case Format::csv:
      for (size_t i = 0; i < t.columns.size(); ++i) {
        if (i) out += ',';
        append_csv_field(out, cell(t, r, i), t.columns[i].numeric);
      }
      out += '\n';
      return;
    case Format::md:
      for (size_t i = 0; i < t.columns.size(); ++i) cells.push_back(md_cell(cell(t, r, i)));
      out += md_line(cells);
      return;
    case Format::json: {
      // An element of the array dump(2) writes: indented by two spaces, after "[\n" or ",\n".
      std::string obj = json_escape_deceptive(
          json_row(t, r).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
      out += first ? "[\n  " : ",\n  ";
      for (char c : obj) {
        out += c;
        if (c == '\n') out += "  ";
      }
      return;
    }
    case Format::yaml: out += yaml_row(t, r); return;
    case Format::table: return;
  }
}

std::string render_tail(const Table& t, Format f, bool any_rows) {
  if (t.columns.empty()) return f == Format::json ? "[]\n" : "";
  if (f == Format::json) return any_rows ? "\n]\n" : "[]\n";
  if (f == Format::yaml && !any_rows) return "[]\n";
  return "";
}

// head, rows, tail: the one way each row-wise format is written, whole or streamed.
static std::string render_rows(const Table& t, Format f) { return render_streamed(t, f, false); }

std::string render_csv(const Table& t) { return render_rows(t, Format::csv); }

std::string SpreadsheetCsv::operator()(std::string_view piece) {
  std::string out = started_ ? "" : "\xEF\xBB\xBF";
  started_ = true;
  for (char c : piece) {
    if (c == '"') quoted_ = !quoted_;
    if (c == '\n' && !quoted_) out += '\r';
    out += c;
  }
  return out;
}
std::string render_json(const Table& t) { return render_rows(t, Format::json); }
std::string render_yaml(const Table& t) { return render_rows(t, Format::yaml); }
std::string render_md(const Table& t) { return render_rows(t, Format::md); }

std::string render(const Table& t, Format f, bool colour) {
  if (f == Format::table) return render_table(t, colour);
  return render_rows(t, f);
}

}  // namespace casectl
