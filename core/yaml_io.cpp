// The safe YAML loader: yaml-cpp events -> Node, refusing what a record never needs, with each
// node's place kept for errors.
#include "core/yaml_io.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unordered_map>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"
#include "core/yaml_detail.hpp"
#include "core/yaml_hints.hpp"

namespace casectl {

const Node* Node::get(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key) return &e.value;
  return nullptr;
}

namespace yaml_detail {

// The offset of the quote closing the quoted scalar that opens at text[open] (' or "), or npos.
std::size_t closing_quote(std::string_view text, std::size_t open) {
  char q = text[open];
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == q) {
      if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace yaml_detail

using yaml_detail::closing_quote;

namespace {

// A code point YAML may not carry raw in a file (c-printable minus what we also refuse):
// C0 controls other than tab/LF/CR, DEL, C1 controls other than NEL, and U+FEFF.
bool unprintable(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
         (c >= 0x80 && c <= 0x9F && c != 0x85) || c == 0xFEFF;
}

// "1 MiB", "512 KiB" or "100 bytes".
std::string size_text(std::size_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return fmt::format("{} MiB", n >> 20);
  if (n >= 1024 && n % 1024 == 0) return fmt::format("{} KiB", n >> 10);
  return fmt::format("{} bytes", n);
}

// Byte offsets -> 1-based line and column (columns count code points).
class Lines {
 public:
  Lines(std::string_view text, const std::string& file) : text_(text), file_(file) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
        starts_.push_back(i + 1);
    }
  }

  // The place of byte offset pos. Counting resumes from the previous answer when pos is later
  // on the same line, so places along one long line cost linear time in total.
  Place at(std::size_t pos) const {
    pos = std::min(pos, text_.size());
    auto it = std::upper_bound(starts_.begin(), starts_.end(), pos) - 1;
    std::size_t line = static_cast<std::size_t>(it - starts_.begin());
    if (line != last_line_ || pos < last_pos_) {
      last_line_ = line;
      last_pos_ = *it;
      last_col_ = 1;
    }
    for (; last_pos_ < pos; ++last_pos_)
      if ((static_cast<unsigned char>(text_[last_pos_]) & 0xC0) != 0x80) ++last_col_;
    return Place{file_, static_cast<int>(line) + 1, last_col_};
  }

  // The place of a yaml-cpp mark.
  Place at(const YAML::Mark& m) const {
    if (m.pos >= 0) return at(static_cast<std::size_t>(m.pos));
    if (m.line >= 0) return Place{file_, m.line + 1, m.column + 1};
    return Place{file_, 1, 1};
  }

 private:
  std::string_view text_;
  const std::string& file_;
  std::vector<std::size_t> starts_;
  mutable std::size_t last_line_ = 0, last_pos_ = 0;
  mutable int last_col_ = 1;
};

// Refuses, before parsing, bytes a record file never holds: a byte-order mark, NUL, invalid
// UTF-8, control characters, and tabs in a line's indentation.
void check_bytes(std::string_view text, const Lines& lines) {
  bool line_start = true, tab_in_indent = false;
  std::size_t tab_pos = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    int len = utf8_at(text, i, &cp);
    if (len == 0)
      fail(ErrorKind::malformed,
           txf("invalid UTF-8 (byte 0x{:02X}); files must be UTF-8",
                       static_cast<unsigned char>(text[i])),
           lines.at(i));
    if (cp == 0) fail(ErrorKind::malformed, tx("NUL byte; files must be text"), lines.at(i));
    if (cp == 0xFEFF)
      fail(ErrorKind::malformed, tx("byte-order mark (U+FEFF); save the file as UTF-8 without BOM"),
           lines.at(i));
    if (unprintable(cp))
      fail(ErrorKind::malformed,
           txf("control character U+{:04X} is not allowed", static_cast<unsigned>(cp)),
           lines.at(i));
    if (cp == '\n' || cp == '\r') {
      line_start = true;
      tab_in_indent = false;
    } else if (line_start && cp == '\t') {
      if (!tab_in_indent) tab_pos = i;
      tab_in_indent = true;
    } else if (line_start && cp != ' ') {
      if (tab_in_indent)
        fail(ErrorKind::malformed, tx("tab character in indentation; indent with spaces"),
             lines.at(tab_pos));
      line_start = false;
    }
    i += len;
  }
}


// Refuses flow nesting ([ and {) deeper than max_depth before yaml-cpp sees it: its scanner
// reads a whole line of openers ahead, costing time and memory. A rough scan (quotes and
// comments skipped; a bracket counts where a node may start): the event checks stay the rule.
void check_flow_depth(std::string_view text, const Lines& lines, int max_depth) {
  int depth = 0;
  bool node_start = true;  // a node may start here
  char prev = '\n';
  for (std::size_t i = 0; i < text.size(); prev = text[i], ++i) {
    char c = text[i];
    bool space_after = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' ||
                       text[i + 1] == '\r';
    if (c == '\n' || c == '\r') {
      node_start = true;
    } else if (c == ' ' || c == '\t') {
    } else if (c == '#' && (prev == ' ' || prev == '\t' || prev == '\n' || prev == '\r')) {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if ((c == '"' || c == '\'') && node_start) {
      std::size_t end = closing_quote(text, i);
      if (end == std::string_view::npos) return;
      i = end;
      node_start = false;
    } else if ((c == '[' || c == '{') && (node_start || depth > 0)) {
      if (++depth > max_depth)
        fail(ErrorKind::malformed, txf("nesting deeper than {} levels", max_depth),
             lines.at(i));
      node_start = true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
      node_start = false;
    } else if (c == ',' && depth > 0) {
      node_start = true;
    } else if ((c == '-' || c == '?') && node_start && space_after) {
    } else if (c == ':' && (space_after || depth > 0)) {
      node_start = true;
    } else {
      node_start = false;
    }
  }
}

// Builds the Node tree from yaml-cpp's events without recursion, refusing what is not allowed.
class Builder : public YAML::EventHandler {
 public:
  Builder(std::string_view text, const Lines& lines, const LoadLimits& limits)
      : text_(text), lines_(lines), limits_(limits) {}

  int documents() const { return documents_; }
  Node take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      refuse(tx("more than one document; a file holds one (remove the extra \"---\")"), mark);
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(anchor, mark);
    add(leaf(Node::Kind::null, mark), mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    refuse(tx("anchors and aliases are not allowed"), mark);
  }

  void OnAnchor(const YAML::Mark& mark, const std::string&) override {
    refuse(tx("anchors and aliases are not allowed"), mark);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(anchor, mark);
    check_tag(tag, mark);
    check_closed(mark);
    Node n = leaf(Node::Kind::scalar, mark);
    n.value = value;
    n.plain = tag == "?";
    add(std::move(n), mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::Kind::sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::Kind::map, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::Mark mark;
    bool have_key = false;
    Node::Entry pending;                            // key waiting for its value
    std::unordered_map<std::string, int> key_lines;  // map keys seen -> line
  };

  [[noreturn]] void refuse(const std::string& message, const YAML::Mark& mark) const {
    fail(ErrorKind::malformed, message, lines_.at(mark));
  }

  void check_anchor(YAML::anchor_t anchor, const YAML::Mark& mark) const {
    if (anchor != 0) refuse(tx("anchors and aliases are not allowed"), mark);
  }

  // Only the implicit tags are allowed: "?" (plain) and "!" (quoted or block scalar).
  void check_tag(const std::string& tag, const YAML::Mark& mark) const {
    if (tag != "?" && tag != "!") refuse(tx("tags (such as !!str) are not allowed"), mark);
  }

  // yaml-cpp takes a quoted scalar left open to the end of the file: refuse that.
  void check_closed(const YAML::Mark& mark) const {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return;
    std::size_t open = static_cast<std::size_t>(mark.pos);
    if ((text_[open] == '"' || text_[open] == '\'') &&
        closing_quote(text_, open) == std::string_view::npos)
      refuse(txf("quoted text is not closed (no {} after it)", text_[open]), mark);
  }

  Node leaf(Node::Kind kind, const YAML::Mark& mark) const {
    Node n;
    n.kind = kind;
    Place p = lines_.at(mark);
    n.line = p.line;
    n.col = p.col;
    return n;
  }

  // A collection starts: check it may, then push a frame for it.
  void open(Node::Kind kind, const YAML::Mark& mark, const std::string& tag,
            YAML::anchor_t anchor) {
    check_anchor(anchor, mark);
    check_tag(tag, mark);
    if (!stack_.empty() && stack_.back().node.kind == Node::Kind::map && !stack_.back().have_key)
      refuse(tx("map keys must be text, not a list or map"), mark);
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      refuse(txf("nesting deeper than {} levels", limits_.max_depth), mark);
    Frame f;
    f.node = leaf(kind, mark);
    f.mark = mark;
    stack_.push_back(std::move(f));
  }

  // A collection ends: pop its frame and hand the node to its parent.
  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(f.node), f.mark);
  }

  // A complete node: the root, a sequence item, a map key or a map value.
  void add(Node n, const YAML::Mark& mark) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == Node::Kind::sequence) {
      top.node.items.push_back(std::move(n));
    } else if (!top.have_key) {
      if (n.kind != Node::Kind::scalar) refuse(tx("empty or null map key is not allowed"), mark);
      auto [it, fresh] = top.key_lines.emplace(n.value, n.line);
      if (!fresh)
        refuse(txf("duplicate key \"{}\" (first at line {})", n.value, it->second), mark);
      top.pending = Node::Entry{std::move(n.value), n.line, n.col, {}};
      top.have_key = true;
    } else {
      // yaml-cpp marks an empty value at the next token: point at the key instead.
      if (n.kind == Node::Kind::null && n.line > top.pending.line) {
        n.line = top.pending.line;
        n.col = top.pending.col;
      }
      top.pending.value = std::move(n);
      top.node.entries.push_back(std::move(top.pending));
      top.pending = {};
      top.have_key = false;
    }
  }

  std::string_view text_;
  const Lines& lines_;
  const LoadLimits& limits_;
  std::vector<Frame> stack_;
  Node root_;
  int documents_ = 0;
};

}  // namespace

Node load_yaml(std::string_view text, const std::string& file, const LoadLimits& limits) {
  if (text.size() > limits.max_bytes)
    fail(ErrorKind::malformed, txf("file larger than {}", size_text(limits.max_bytes)),
         Place{file, 1, 1});
  Lines lines(text, file);
  check_bytes(text, lines);
  check_flow_depth(text, lines, limits.max_depth);
  std::istringstream in{std::string(text)};
  Builder builder(text, lines, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::ParserException& e) {
    std::string msg = e.msg;
    if (auto hint = e.mark.pos >= 0 ? yaml_detail::syntax_hint(text, static_cast<std::size_t>(e.mark.pos)) : std::nullopt)
      fail(ErrorKind::malformed, hint->message, lines.at(hint->pos));
    if (msg.rfind("the referenced anchor is not defined", 0) == 0)
      msg = "anchors and aliases are not allowed";
    else if (msg == "bad file")
      msg = "YAML syntax error: nesting too deep";
    else
      msg = "YAML syntax error: " + msg;
    fail(ErrorKind::malformed, msg, lines.at(e.mark));
  } catch (const YAML::Exception& e) {
    fail(ErrorKind::malformed, "YAML syntax error: " + e.msg, lines.at(e.mark));
  }
  if (builder.documents() == 0) fail(ErrorKind::malformed, tx("empty file"), Place{file, 1, 1});
  Node root = builder.take_root();
  if (root.is_null()) fail(ErrorKind::malformed, tx("empty document"), Place{file, root.line, root.col});
  return root;
}

Node load_yaml_file(const std::string& path, const std::string& display,
                    const LoadLimits& limits) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) fail(ErrorKind::not_found, tx("no such file"), Place{display});
    fail(ErrorKind::internal, txf("cannot read: {}", std::strerror(errno)),
         Place{display});
  }
  if (static_cast<std::size_t>(st.st_size) > limits.max_bytes)
    fail(ErrorKind::malformed, txf("file larger than {}", size_text(limits.max_bytes)),
         Place{display, 1, 1});
  std::ifstream f(path, std::ios::binary);
  if (!f) fail(ErrorKind::internal, tx("cannot open for reading"), Place{display});
  std::string text(limits.max_bytes + 1, '\0');
  f.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (f.bad()) fail(ErrorKind::internal, tx("cannot read"), Place{display});
  text.resize(static_cast<std::size_t>(f.gcount()));
  return load_yaml(text, display, limits);
}

}  // namespace casectl
