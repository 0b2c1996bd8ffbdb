// TableStream: a table written as its rows come, row-wise formats at once, the aligned table
// held as display text until finish(); rows made apart in parts and joined in order.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/parallel.hpp"
#include "core/table.hpp"
#include "core/terminal_text.hpp"

namespace casectl {

namespace {

// The text of held rows is kept in blocks of 64 KiB, then twice as much each up to 1 MiB (at
// least twice a longer row); a block's offsets are 32-bit.
constexpr std::size_t kFirstHeldBytes = std::size_t(64) << 10;
constexpr std::size_t kHeldBytes = std::size_t(1) << 20;
// A part told its rows reserves at most this much at once (then grows in blocks as above).
constexpr std::size_t kMostToldBytes = std::size_t(8) << 20;

// A cell as it goes into an aligned table: safe for the terminal, and on one line (a line feed
// shows as "\n"), so that the columns stay aligned.
std::string table_text(std::string_view s) { return terminal_text(s, Newlines::escape); }

}  // namespace

TableStream::TableStream(std::vector<Column> columns, Format f, std::function<void(const std::string&)> sink,
                         bool colour)
    : f_(f), sink_(std::move(sink)), colour_(colour) {
  one_.columns = std::move(columns);
  one_.rows.resize(1);
  if (f_ != Format::table) {
    buffer_ = render_head(one_, f_);
    return;
  }
  widths_.assign(one_.columns.size(), 0);
  held_.emplace_back();
  std::vector<std::string> headings;
  for (const Column& c : one_.columns) headings.push_back(c.heading);
  hold(headings);
}

void TableStream::row(std::vector<std::string>&& cells) {
  if (f_ == Format::table) return hold(cells);
  one_.rows[0].swap(cells);  // the caller's vector keeps the memory of the row before
  write_row();
}

void TableStream::row(const std::vector<std::string>& cells) {
  if (f_ == Format::table) return hold(cells);
  one_.rows[0] = cells;
  write_row();
}

void TableStream::write_row() {
  append_row(buffer_, one_, 0, f_, rows_ == 0 && !is_part_);
  ++rows_;
  if (buffer_.size() < (64u << 10)) return;
  if (!is_part_) return flush();
  pieces_.push_back(std::move(buffer_));  // kept as it is: no copy as the part grows
  buffer_ = std::string();
  buffer_.reserve(80u << 10);
}

TableStream TableStream::part(std::size_t rows) const {
  TableStream p;
  p.is_part_ = true;
  p.expected_rows_ = rows;
  p.f_ = f_;
  p.one_.columns = one_.columns;
  p.one_.rows.resize(1);
  if (f_ == Format::table) {
    p.widths_.assign(one_.columns.size(), 0);
    p.held_.emplace_back();
  }
  return p;
}

void TableStream::append(TableStream&& p) {
  if (f_ == Format::table) {
    // The part's rows are moved here; this stream's own rows after them go into a new Held.
    for (Held& h : p.held_)
      if (!h.ends.empty()) held_.push_back(std::move(h));
    held_.emplace_back();
    for (std::size_t i = 0; i < widths_.size(); ++i) widths_[i] = std::max(widths_[i], p.widths_[i]);
    return;
  }
  if (p.rows_ == 0) return;
  p.pieces_.push_back(std::move(p.buffer_));
  // A part writes each JSON element after ",\n"; the first of all comes after "[\n".
  std::string& first = p.pieces_.front();
  if (f_ == Format::json && rows_ == 0 && first.compare(0, 2, ",\n") == 0) first[0] = '[';
  flush();
  for (const std::string& piece : p.pieces_)
    if (!piece.empty()) sink_(piece);
  rows_ += p.rows_;
}

void TableStream::rows_in_runs(std::size_t n, const std::function<void(std::size_t, TableStream&)>& fill) {
  const std::size_t runs = (n + kRunRows - 1) / kRunRows;
  if (runs <= 1) {
    for (std::size_t k = 0; k < n; ++k) fill(k, *this);
    return;
  }
  std::vector<TableStream> parts;
  parts.reserve(runs);
  for (std::size_t r = 0; r < runs; ++r) parts.push_back(part(n * (r + 1) / runs - n * r / runs));
  parallel_runs(n, runs, [&](std::size_t r, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) fill(k, parts[r]);
  });
  for (TableStream& p : parts) append(std::move(p));
}

void TableStream::hold(const std::vector<std::string>& cells) {
  // Held text comes in blocks made big enough at once (a growing string copies itself and touches
  // up to twice the memory it holds): a row whose cells would not fit starts a new block, each
  // twice the one before up to kHeldBytes, at least twice the row. (A cell shown with escapes is
  // longer than the cell: then the block may still grow, which only costs a copy.)
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < widths_.size() && i < cells.size(); ++i) bytes += cells[i].size();
  if (held_.back().text.size() + bytes > held_.back().text.capacity()) {
    std::size_t block = std::min(kHeldBytes, kFirstHeldBytes << std::min<std::size_t>(held_.size() - 1, 8));
    block = std::max(block, 2 * bytes);
    // Room for as many rows as this one fits in the block; for a part's first row, for the rows
    // it was told to expect, each a quarter longer than this one (and the cells of those rows).
    std::size_t rows_to_come = block / std::max<std::size_t>(bytes, 16) + 1;
    bool first = held_.size() == 1 && held_.back().ends.empty();
    if (first && expected_rows_ > 0) {
      const std::size_t per_row = bytes + bytes / 4 + 8;
      block = expected_rows_ > kMostToldBytes / per_row ? kMostToldBytes : expected_rows_ * per_row;
      block = std::max(block, 2 * bytes);
      rows_to_come = std::min(expected_rows_, block / std::max<std::size_t>(bytes, 16) + 1);
    }
    if (!held_.back().ends.empty()) held_.emplace_back();
    Held& fresh = held_.back();
    fresh.text.reserve(block);
    std::size_t cells_to_come = rows_to_come * widths_.size();
    fresh.ends.reserve(cells_to_come);
    fresh.widths.reserve(cells_to_come);
  }
  Held& h = held_.back();
  std::string scratch;
  for (std::size_t i = 0; i < widths_.size(); ++i) {
    std::string_view cell = i < cells.size() ? std::string_view(cells[i]) : std::string_view();
    // Most cells are shown as they are (checked and measured in one pass); the others escaped.
    std::string_view text = cell;
    int shown = shown_cell_width(cell);
    if (shown < 0) {
      scratch = table_text(cell);
      text = scratch;
      shown = display_width(text);
    }
    h.text += text;
    h.ends.push_back(static_cast<std::uint32_t>(h.text.size()));
    auto width = static_cast<std::uint32_t>(shown);
    h.widths.push_back(width);
    widths_[i] = std::max(widths_[i], width);
  }
}

void TableStream::write_held_rows(const Held& h, std::size_t from_row, std::size_t to_row, bool heading,
                                  std::string& out) const {
  if (to_row <= from_row) return;
  const std::size_t ncol = widths_.size();
  std::size_t from = from_row == 0 ? 0 : h.ends[from_row * ncol - 1];
  // The lines are written in place into room made at once for exactly what they hold before
  // their trailing spaces are cut: the text, the padding of every padded cell (the last column's
  // is none unless numeric: it would be cut), the separators, the bold codes, the line feeds.
  auto pad_of = [&](std::size_t k, std::size_t i) -> std::size_t {
    return widths_[i] > h.widths[k + i] ? widths_[i] - h.widths[k + i] : 0;
  };
  auto padded = [&](std::size_t i) { return one_.columns[i].numeric || i + 1 < ncol; };
  const bool bold_first = heading && colour_ && from_row == 0;
  std::size_t room = (h.ends[to_row * ncol - 1] - from) + (to_row - from_row) * (2 * (ncol - 1) + 1) + (bold_first ? 8 : 0);
  for (std::size_t k = from_row * ncol; k < to_row * ncol; k += ncol)
    for (std::size_t i = 0; i < ncol; ++i)
      if (padded(i)) room += pad_of(k, i);
  const std::size_t start = out.size();
  out.resize(start + room);
  char* p = &out[start];
  for (std::size_t k = from_row * ncol; k < to_row * ncol; k += ncol) {
    char* const line = p;
    const bool bold = bold_first && k == 0;
    if (bold) p = std::copy_n("\x1b[1m", 4, p);
    for (std::size_t i = 0; i < ncol; ++i) {
      if (i > 0) p = std::fill_n(p, 2, ' ');
      const std::size_t pad = padded(i) ? pad_of(k, i) : 0;
      if (one_.columns[i].numeric) p = std::fill_n(p, pad, ' ');
      p = std::copy(h.text.data() + from, h.text.data() + h.ends[k + i], p);
      from = h.ends[k + i];
      if (!one_.columns[i].numeric) p = std::fill_n(p, pad, ' ');
    }
    while (p > line && p[-1] == ' ') --p;
    if (bold) p = std::copy_n("\x1b[0m", 4, p);
    *p++ = '\n';
  }
  out.resize(static_cast<std::size_t>(p - out.data()));
}

void TableStream::write_held() {
  const std::size_t ncol = widths_.size();
  if (ncol == 0) return;
  // The lines are made on every core, a run of rows each, a few runs at a time into buffers
  // used again: the aligned text of 100,000 rows is never held whole.
  // A task: consecutive rows of one or more blocks, about kRunRows in all.
  struct Run {
    const Held* held;
    std::size_t from, to;
    bool heading;
  };
  std::vector<std::vector<Run>> tasks(1);
  std::size_t rows_in_task = 0;
  for (const Held& h : held_) {
    std::size_t rows = h.ends.size() / ncol;
    for (std::size_t r = 0; r < rows;) {
      std::size_t to = std::min(rows, r + (kRunRows - rows_in_task));
      tasks.back().push_back(Run{&h, r, to, &h == &held_.front() && !is_part_});
      rows_in_task += to - r;
      r = to;
      if (rows_in_task == kRunRows) {
        tasks.emplace_back();
        rows_in_task = 0;
      }
    }
  }
  const std::size_t at_once = cores();
  std::vector<std::string> lines(std::min(at_once, tasks.size()));
  flush();
  for (std::size_t first = 0; first < tasks.size(); first += lines.size()) {
    std::size_t n = std::min(lines.size(), tasks.size() - first);
    parallel_for(n, [&](std::size_t j) {
      lines[j].clear();
      for (const Run& r : tasks[first + j]) write_held_rows(*r.held, r.from, r.to, r.heading, lines[j]);
    });
    for (std::size_t j = 0; j < n; ++j)
      if (!lines[j].empty()) sink_(lines[j]);
  }
}

void TableStream::finish() {
  if (f_ == Format::table)
    write_held();
  else
    buffer_ += render_tail(one_, f_, rows_ > 0);
  flush();
}

void TableStream::flush() {
  if (!buffer_.empty()) sink_(buffer_);
  buffer_.clear();
}

}  // namespace casectl
