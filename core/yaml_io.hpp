// The safe YAML loader (yaml-cpp's event API). Nothing in casectl loads YAML any other way.
// Writing YAML: core/yaml_scalar.hpp.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/limits.hpp"

namespace casectl {

// A loaded YAML node with its place in the file (1-based line and column).
struct Node {
  enum class Kind { null, scalar, sequence, map };
  struct Entry;

  Kind kind = Kind::null;
  std::string value;           // scalar text (empty for null)
  bool plain = true;           // scalar was unquoted (plain); false for quoted or block scalars
  std::vector<Node> items;     // sequence items
  std::vector<Entry> entries;  // map entries in file order (keys unique)
  int line = 0, col = 0;

  // The value for key in a map, or nullptr.
  const Node* get(std::string_view key) const;
  bool is_null() const { return kind == Kind::null; }
};

struct Node::Entry {
  std::string key;
  int line = 0, col = 0;  // place of the key
  Node value;
};

struct LoadLimits {
  std::size_t max_bytes = kMaxInputBytes;
  int max_depth = 64;
};

// Parses one YAML document. Refuses (Error malformed, with FILE:LINE:COL) syntax errors, anchors
// and aliases, tags, duplicate keys, non-scalar keys, nesting deeper than max_depth, input over
// max_bytes, invalid UTF-8, NUL bytes, a byte-order mark, tabs used as indentation, more than one
// document, and an empty document. `file` is the name used in error places. A syntax error that
// comes from text holding ": " after a key, or from a full-width colon "：" after a key, is placed
// at that colon and says how to write it.
// A plain scalar `~`, `null`, `Null`, `NULL` or empty is Kind::null.
Node load_yaml(std::string_view text, const std::string& file, const LoadLimits& limits = {});

// Error(malformed) at the full-width colon when n is plain text that begins with a key followed
// by "：" (`risk：high`, loaded as text where a map was meant): a decoder calls it before saying
// that it found text, so the message names the cause.
void refuse_fullwidth_key(const Node& n, const std::string& file);

// Reads path (refusing files over the size limit before reading them) and loads it; errors name
// `display` (a path relative to the case directory, normally).
Node load_yaml_file(const std::string& path, const std::string& display,
                    const LoadLimits& limits = {});

}  // namespace casectl
