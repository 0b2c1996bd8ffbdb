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

// A cell as it goes into an aligned table: safe for the terminal, and on one line (a line feed
// shows as "\n"), so that the columns stay aligned.
std::string table_text(std::string_view s) { return terminal_text(s, Newlines::escape); }

// The display text of a cell: the cell itself when printable ASCII (most cells), else
// table_text() of it made in scratch.
std::string_view shown_text(std::string_view v, std::string& scratch) {
  bool ascii = true;
  for (char c : v) ascii = ascii && c >= 0x20 && c < 0x7f;
  if (ascii) return v;
  scratch = table_text(v);
  return scratch;
}

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

TableStream TableStream::part() const {
  TableStream p;
  p.is_part_ = true;
  p.f_ = f_;
  p.one_.columns = one_.columns;
  p.one_.rows.resize(1);
  if (f_ == Format::table) p.widths_.assign(one_.columns.size(), 0);
  return p;
}

void TableStream::append(TableStream&& p) {
  if (p.rows_ == 0 && p.ends_.empty()) return;
  if (f_ == Format::table) {
    std::size_t shift = held_.size();
    held_ += p.held_;
    for (std::size_t end : p.ends_) ends_.push_back(end + shift);
    cell_widths_.insert(cell_widths_.end(), p.cell_widths_.begin(), p.cell_widths_.end());
    for (std::size_t i = 0; i < widths_.size(); ++i) widths_[i] = std::max(widths_[i], p.widths_[i]);
    return;
  }
  p.pieces_.push_back(std::move(p.buffer_));
  // A part writes each JSON element after ",\n"; the first of all comes after "[\n".
  std::string& first = p.pieces_.front();
  if (f_ == Format::json && rows_ == 0 && first.compare(0, 2, ",\n") == 0) first[0] = '[';
  flush();
  for (const std::string& piece : p.pieces_)
    if (!piece.empty()) sink_(piece);
  rows_ += p.rows_;
}

void TableStream::hold(const std::vector<std::string>& cells) {
  std::string scratch;
  for (std::size_t i = 0; i < widths_.size(); ++i) {
    std::string_view text = i < cells.size() ? shown_text(cells[i], scratch) : std::string_view();
    held_ += text;
    ends_.push_back(held_.size());
    cell_widths_.push_back(display_width(text));
    widths_[i] = std::max(widths_[i], cell_widths_.back());
  }
}

void TableStream::write_held_rows(std::size_t from_row, std::size_t to_row, std::string& out) const {
  const std::size_t ncol = widths_.size();
  std::size_t from = from_row == 0 ? 0 : ends_[from_row * ncol - 1];
  for (std::size_t k = from_row * ncol; k < to_row * ncol; k += ncol) {
    std::size_t start = out.size();
    bool bold = k == 0 && colour_;
    if (bold) out += "\x1b[1m";
    for (std::size_t i = 0; i < ncol; ++i) {
      std::string_view text(held_.data() + from, ends_[k + i] - from);
      from = ends_[k + i];
      if (i > 0) out += "  ";
      std::size_t pad = static_cast<std::size_t>(std::max(0, widths_[i] - cell_widths_[k + i]));
      if (one_.columns[i].numeric) out.append(pad, ' ');
      out += text;
      if (!one_.columns[i].numeric) out.append(pad, ' ');
    }
    while (out.size() > start && out.back() == ' ') out.pop_back();
    if (bold) out += "\x1b[0m";
    out += '\n';
  }
}

void TableStream::write_held() {
  const std::size_t ncol = widths_.size();
  if (ncol == 0) return;
  // The lines made on every core, a run of rows each, and written in order.
  const std::size_t rows = ends_.size() / ncol, parts = std::min<std::size_t>(rows, 16);
  std::vector<std::string> lines(parts);
  parallel_for(parts, [&](std::size_t p) { write_held_rows(rows * p / parts, rows * (p + 1) / parts, lines[p]); });
  flush();
  for (std::string& l : lines)
    if (!l.empty()) sink_(l);
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
