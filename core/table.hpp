// Rows and columns as data, and their renderings as text: an aligned table for people (East Asian
// width aware), CSV, JSON, YAML and Markdown for scripts and documents. Nothing here prints; the
// CLI decides where the text goes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace casectl {

// One column: `key` names it in csv/json/yaml, `heading` in table/md. Numeric columns are
// right-aligned in tables and written as numbers in json/yaml when the cell parses as one. List
// columns hold values separated by single spaces, written as arrays in json/yaml. Boolean
// columns hold "true" or "false", written as true or false in json/yaml.
struct Column {
  std::string key;
  std::string heading;
  bool numeric = false;
  bool list = false;
  bool boolean = false;
};

// Rows hold one cell per column, in column order (missing cells are empty, extra ones ignored).
struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
};

enum class Format { table, csv, json, yaml, md };

// Every format, in the order they are listed to users.
extern const std::vector<Format> all_formats;

// The name of a format as given to --format ("table", "csv", ...).
std::string format_name(Format f);

// Parses a --format value among `allowed`; throws Error(usage) naming the allowed values.
Format parse_format(const std::string& text, const std::vector<Format>& allowed = all_formats);

// Columns a string occupies on a terminal: wide and fullwidth characters count 2, combining and
// zero-width ones 0, others 1; each byte of invalid UTF-8 counts 1.
int display_width(std::string_view utf8);

// The display width of a table cell shown as it is: display_width(text) when
// terminal_unchanged(text, Newlines::escape), else -1 (the cell must be shown escaped).
int shown_cell_width(std::string_view text);

// `text` padded with spaces to `width` columns (left-aligned, or right-aligned when `right`);
// text already as wide or wider is returned unchanged.
std::string pad_to_width(std::string_view text, int width, bool right = false);

// An aligned table: a heading row (bold when `colour`), then one line per row; columns padded by
// display width and separated by two spaces, numeric columns right-aligned, no trailing spaces.
// Long cells are not truncated; cells and headings go through terminal_text() with line feeds
// shown as "\n" (so a cell never carries a control or bidirectional character, nor breaks its line).
std::string render_table(const Table& t, bool colour);

// RFC 4180 CSV with "\n" line ends: a header row of column keys, then the rows. A cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading "'"
// unless it is a number in a numeric column. Fields holding a comma, a double quote, CR or LF
// are quoted, quotes doubled.
std::string render_csv(const Table& t);

// CSV for spreadsheet software (--bom of list and report): a UTF-8 byte order mark first and
// CRLF line ends; a line break inside a quoted cell is kept as it is. Given render_csv()'s text
// whole or in the pieces a TableStream writes, in order; returns each piece as it is to be written.
class SpreadsheetCsv {
 public:
  std::string operator()(std::string_view piece);

 private:
  bool started_ = false;
  bool quoted_ = false;  // inside a quoted cell ("" inside one toggles twice)
};

// A JSON array of objects keyed by column key in column order, pretty-printed (2 spaces) with a
// final newline. Numeric columns give numbers when the cell is a number, null when empty.
std::string render_json(const Table& t);

// A YAML list of maps keyed by column key in column order ("[]" when there are no rows); values
// written with yaml_scalar(), numeric cells as plain numbers.
std::string render_yaml(const Table& t);

// A GitHub Markdown table of headings and rows ("|" and "\" escaped, line breaks as <br>);
// numeric columns right-aligned.
std::string render_md(const Table& t);

// The table in the given format; `colour` (the caller's choice: core never asks the terminal)
// only matters for Format::table.
std::string render(const Table& t, Format f, bool colour);

// The text render() gives, handed to sink in pieces of about 64 KiB as it is made (a big table's
// rows on every core), never held whole: what a command that prints a big table uses.
void render_to(const Table& t, Format f, bool colour, const std::function<void(const std::string&)>& sink);

// The row-wise formats (csv, json, yaml, md) piece by piece, as render() joins them: what comes
// before the rows, row r appended to out (`first` for the first one written), and what ends them.
std::string render_head(const Table& t, Format f);
void append_row(std::string& out, const Table& t, std::size_t r, Format f, bool first);
std::string render_tail(const Table& t, Format f, bool any_rows);

// A table written as the rows come (100,000 of them are never held as strings): the text
// render() would give, handed to sink in pieces of about 64 KiB. Row-wise formats are written at
// once; the aligned table (Format::table, the heading bold when colour) needs every row's width,
// so its rows are kept as display text (a part's where it was made) and written by finish(), a
// few runs of rows at a time.
class TableStream {
 public:
  // Rows a thread takes at a time: the aligned table writes its lines so many rows a run, and
  // render_table() hands a big table's rows to parts so many a run.
  static constexpr std::size_t kRunRows = 4096;

  TableStream(std::vector<Column> columns, Format f, std::function<void(const std::string&)> sink,
              bool colour = false);
  // A row; the vector given is left holding the memory of the row before it (reuse it).
  void row(std::vector<std::string>&& cells);
  void row(const std::vector<std::string>& cells);
  // Writes the end (the whole aligned table); call once, after the last row.
  void finish();

  // Rows made apart (on another thread): a part has this stream's columns and format, no
  // sink and no heading; rows put into it with row() are held until append(part) puts them
  // after this stream's rows, as if they had been given to it in that order.
  // A part told how many rows it will hold (`rows`, 0: not known) sizes the aligned table's
  // memory for them from its first row, at once (not in blocks doubling, most of the last one
  // unused: memory reserved and not used still costs where huge pages back the heap).
  TableStream part(std::size_t rows = 0) const;
  void append(TableStream&& part);
  // Rows [0, n) made on every core, kRunRows a part, and appended in order: fill(k, part) puts
  // row k into part with part.row() (a few rows: into this stream, on this thread).
  void rows_in_runs(std::size_t n, const std::function<void(std::size_t k, TableStream& part)>& fill);

 private:
  // Held rows of the aligned table: every cell's display text one after another, where each
  // cell's text ends and its display width, row by row. A stream holds a list of them: its own
  // rows, then each part appended (moved, not copied), then its own rows again.
  struct Held {
    std::string text;
    std::vector<std::uint32_t> ends;
    std::vector<std::uint32_t> widths;
  };
  void flush();
  void write_row();
  void hold(const std::vector<std::string>& cells);
  void write_held();
  // The aligned lines of rows [from, to) of h appended to out; `heading` when h's first row is
  // the heading.
  void write_held_rows(const Held& h, std::size_t from, std::size_t to, bool heading, std::string& out) const;
  TableStream() = default;
  Format f_ = Format::table;
  std::function<void(const std::string&)> sink_;  // none for a part
  bool is_part_ = false;
  bool colour_ = false;
  Table one_;  // the columns and the row being written
  std::string buffer_;
  std::vector<std::string> pieces_;  // a part's rows written so far, in pieces of about 64 KiB
  std::size_t rows_ = 0;           // row-wise formats: rows written
  std::size_t expected_rows_ = 0;  // a part's rows to come (part(rows)), 0 when not known
  std::vector<Held> held_;         // table: the rows held, in order
  std::vector<std::uint32_t> widths_;  // table: of each column so far, its heading's included
};

}  // namespace casectl
