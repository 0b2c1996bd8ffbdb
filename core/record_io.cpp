// The record codec: one generic decoder, one YAML emitter and one JSON writer, each a visitor
// over the fields() tables of record.hpp, so each key is named once (in record.hpp).
#include "core/i18n.hpp"
#include "core/record_io.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <vector>

#include "core/record_visit.hpp"
#include "core/yaml_scalar.hpp"

namespace casectl {

namespace {

// ---------------------------------------------------------------------------------------------
// Decoding.

// "a.b" or "b" when a is empty.
std::string join(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}

// What a node is, for messages: "a map", "a list", "text".
const char* kind_name(const Node& n) {
  switch (n.kind) {
    case Node::Kind::map: return "a map";
    case Node::Kind::sequence: return "a list";
    case Node::Kind::scalar: return "text";
    case Node::Kind::null: return "nothing";
  }
  return "?";
}

// What a decoder takes for a value of an enumeration: a record on disk holds codes only (the
// file is the contract); a form a person typed may name a value by its label (SPEC section 5).
enum class Values { codes, codes_or_labels };

class Decoder {
 public:
  Decoder(const std::string& file, Values values) : file_(file), values_(values) {}

  [[noreturn]] void refuse(const Node& n, const std::string& message) const {
    fail(ErrorKind::malformed, message, Place{file_, n.line, n.col});
  }

  // A section: a map whose keys are all in T's table; where names it in messages.
  template <class T> void section(const Node& n, const std::string& path, const std::string& where,
                                  T& out) {
    if (n.kind != Node::Kind::map) {
      refuse_fullwidth_key(n, file_);
      refuse(n, txf("expected a map for \"{}\", found {}", where, kind_name(n)));
    }
    std::vector<const char*> keys = visit::keys_of<T>();
    for (const auto& e : n.entries) {
      bool known = false;
      for (const char* k : keys) known = known || e.key == k;
      if (!known)
        fail(ErrorKind::malformed,
             txf("unknown key \"{}\" in {}; allowed: {}", e.key, where,
                         fmt::join(keys, ", ")),
             Place{file_, e.line, e.col});
    }
    Fields visit{*this, n, path};
    fields(out, visit);
  }

 private:
  // The visitor over one section's table: decodes each key present in the map.
  struct Fields {
    Decoder& d;
    const Node& map;
    const std::string& path;
    template <class F> void operator()(const char* key, F& f) {
      if (const Node* n = map.get(key)) d.value(*n, join(path, key), f);
    }
    template <class F> void operator()(const char* key, F& f, const Enum& e) {
      if (const Node* n = map.get(key)) d.value(*n, join(path, key), f, e);
    }
  };

  // The text of a scalar (null is empty).
  std::string text(const Node& n, const std::string& path) const {
    if (n.is_null()) return "";
    if (n.kind != Node::Kind::scalar)
      refuse(n, txf("expected text for \"{}\", found {}", path, kind_name(n)));
    return n.value;
  }

  // The code of a value v of an enumeration (empty stays empty): in a form, v as Enum::find()
  // reads it; in a record, v itself, which must be a code (a label there is refused, naming the
  // code to write instead).
  std::string code(const Node& n, const std::string& path, const std::string& v, const Enum& e) const {
    if (v.empty() || e.contains(v)) return v;
    const EnumValue* found = e.find(v);
    if (values_ == Values::codes_or_labels) {
      if (!found) refuse(n, e.not_one_of(path, v));
      return found->value;
    }
    if (found)
      refuse(n, txf("{} \"{}\" is not a code: a record holds codes only; write {}", path, v,
                            found->value));
    refuse(n, txf("{} \"{}\" is not one of: {}", path, v, e.allowed()));
  }

  void value(const Node& n, const std::string& path, std::string& out) { out = text(n, path); }

  void value(const Node& n, const std::string& path, std::string& out, const Enum& e) {
    out = code(n, path, text(n, path), e);
  }

  void value(const Node& n, const std::string& path, int& out) {
    if (n.is_null()) return;
    const std::string& s = n.value;
    bool digits = n.kind == Node::Kind::scalar && n.plain && !s.empty() && s.size() <= 10;
    for (std::size_t i = 0; digits && i < s.size(); ++i)
      digits = (s[i] >= '0' && s[i] <= '9') || (i == 0 && s[i] == '-' && s.size() > 1);
    long long v = digits ? std::strtoll(s.c_str(), nullptr, 10) : 0;
    if (!digits || v > 1000000000LL || v < -1000000000LL)
      refuse(n, txf("expected a whole number for \"{}\"", path));
    out = static_cast<int>(v);
  }

  void value(const Node& n, const std::string& path, OptInt& out) {
    if (n.is_null()) return;
    int v = 0;
    value(n, path, v);
    out = v;
  }

  void value(const Node& n, const std::string& path, OptDateTime& out) {
    if (n.is_null()) return;
    std::optional<DateTime> t;
    if (n.kind == Node::Kind::scalar) t = DateTime::parse(n.value);
    if (!t) refuse(n, txf("expected a date and time (YYYY-MM-DD HH:MM) for \"{}\"", path));
    out = t;
  }

  void value(const Node& n, const std::string& path, OptDate& out) {
    if (n.is_null()) return;
    std::optional<Date> d;
    if (n.kind == Node::Kind::scalar) d = Date::parse(n.value);
    if (!d) refuse(n, txf("expected a date (YYYY-MM-DD) for \"{}\"", path));
    out = d;
  }

  // A list of text (null is empty), each item checked against e when given.
  void value(const Node& n, const std::string& path, Strings& out, const Enum* e = nullptr) {
    if (n.is_null()) return;
    if (n.kind != Node::Kind::sequence)
      refuse(n, txf("expected a list for \"{}\", found {}", path, kind_name(n)));
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      std::string item_path = fmt::format("{}[{}]", path, i);
      std::string item = text(n.items[i], item_path);
      out.push_back(e ? code(n.items[i], path, item, *e) : item);
    }
  }

  void value(const Node& n, const std::string& path, Strings& out, const Enum& e) {
    value(n, path, out, &e);
  }

  // A nested section (null is absent).
  template <class T, class = std::enable_if_t<visit::is_section_v<T>>>
  void value(const Node& n, const std::string& path, T& out) {
    if (!n.is_null()) section(n, path, path, out);
  }

  template <class T> void value(const Node& n, const std::string& path, std::optional<T>& out) {
    if (n.is_null()) return;
    T t{};
    section(n, path, path, t);
    out = std::move(t);
  }

  // A list of sections (null is empty); each item a map.
  template <class T> void value(const Node& n, const std::string& path, std::vector<T>& out) {
    if (n.is_null()) return;
    if (n.kind != Node::Kind::sequence)
      refuse(n, txf("expected a list for \"{}\", found {}", path, kind_name(n)));
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      std::string item_path = fmt::format("{}[{}]", path, i);
      T t{};
      section(n.items[i], item_path, item_path, t);
      out.push_back(std::move(t));
    }
  }

  const std::string& file_;
  Values values_;
};

// Decodes a whole section from a root node; name says what it is in messages.
template <class T> T decode_root(const Node& root, const std::string& file, const char* name, Values values) {
  T out{};
  Decoder(file, values).section(root, "", name, out);
  return out;
}

// A record from a root node: its sections, and schema 1.
Record record_from(const Node& root, const std::string& file, Values values) {
  Record r = decode_root<Record>(root, file, "record", values);
  const Node* schema = root.get("schema");
  if (!schema || schema->is_null())
    fail(ErrorKind::malformed, tx("missing \"schema: 1\""),
         schema ? Place{file, schema->line, schema->col} : Place{file, root.line, root.col});
  if (r.schema != 1)
    fail(ErrorKind::malformed, txf("schema must be 1 (found {})", r.schema),
         Place{file, schema->line, schema->col});
  return r;
}

// ---------------------------------------------------------------------------------------------
// Emitting YAML.

class Emitter {
 public:
  Emitter(std::string& out, int indent, std::string path)
      : out_(out), indent_(indent), path_(std::move(path)) {}

  template <class F> void operator()(const char* key, const F& f) { emit(key, f); }
  template <class F> void operator()(const char* key, const F& f, const Enum&) { emit(key, f); }

  // The lines of a section at indent, each field "key: value" ("" when every field is absent);
  // path names the section in errors.
  template <class T> static std::string section(const T& s, int indent, const std::string& path) {
    std::string out;
    Emitter e(out, indent, path);
    visit::fields_of(s, e);
    return out;
  }

 private:
  std::string pad(int n) const { return std::string(static_cast<std::size_t>(n), ' '); }

  void line(const char* key, const std::string& value) {
    out_ += fmt::format("{}{}: {}\n", pad(indent_), key, value);
  }

  void emit(const char* key, int v) { line(key, std::to_string(v)); }

  // Text through yaml_scalar; its refusal (invalid UTF-8) names the field.
  std::string scalar(const std::string& v, int indent, const std::string& field) const {
    try {
      return yaml_scalar(v, indent);
    } catch (const Error& e) {
      fail(e.kind(), fmt::format("\"{}\": {}", field, e.what()));
    }
  }

  void emit(const char* key, const std::string& v) {
    if (!v.empty()) line(key, scalar(v, indent_, join(path_, key)));
  }

  void emit(const char* key, const OptDate& v) {
    if (v) line(key, v->iso());
  }

  void emit(const char* key, const OptInt& v) {
    if (v) line(key, std::to_string(*v));
  }

  void emit(const char* key, const OptDateTime& v) {
    if (v) line(key, v->str());
  }

  void emit(const char* key, const Strings& v) {
    if (v.empty()) return;
    out_ += fmt::format("{}{}:\n", pad(indent_), key);
    for (std::size_t i = 0; i < v.size(); ++i)
      out_ += fmt::format("{}- {}\n", pad(indent_ + 2),
                          scalar(v[i], indent_ + 2, fmt::format("{}[{}]", join(path_, key), i)));
  }

  template <class T, class = std::enable_if_t<visit::is_section_v<T>>>
  void emit(const char* key, const T& v) {
    std::string body = section(v, indent_ + 2, join(path_, key));
    if (!body.empty()) out_ += fmt::format("{}{}:\n{}", pad(indent_), key, body);
  }

  // A present section is written even when empty, as {}, so that it stays present.
  template <class T> void emit(const char* key, const std::optional<T>& v) {
    if (!v) return;
    std::string body = section(*v, indent_ + 2, join(path_, key));
    if (body.empty())
      line(key, "{}");
    else
      out_ += fmt::format("{}{}:\n{}", pad(indent_), key, body);
  }

  // A list of sections: "- " takes the place of the first field's indentation.
  template <class T> void emit(const char* key, const std::vector<T>& v) {
    if (v.empty()) return;
    out_ += fmt::format("{}{}:\n", pad(indent_), key);
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string body = section(v[i], indent_ + 4, fmt::format("{}[{}]", join(path_, key), i));
      if (body.empty())
        out_ += pad(indent_ + 2) + "- {}\n";
      else
        out_ += pad(indent_ + 2) + "- " + body.substr(static_cast<std::size_t>(indent_ + 4));
    }
  }

  std::string& out_;
  int indent_;
  std::string path_;
};

// ---------------------------------------------------------------------------------------------
// JSON.

class JsonWriter {
 public:
  explicit JsonWriter(nlohmann::ordered_json& obj) : obj_(obj) {}

  template <class F> void operator()(const char* key, const F& f) { put(key, f); }
  template <class F> void operator()(const char* key, const F& f, const Enum&) { put(key, f); }

  // The object of a section (empty when every field is absent).
  template <class T> static nlohmann::ordered_json object(const T& s) {
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    JsonWriter w(obj);
    visit::fields_of(s, w);
    return obj;
  }

 private:
  void put(const char* key, int v) { obj_[key] = v; }
  void put(const char* key, const std::string& v) {
    if (!v.empty()) obj_[key] = v;
  }
  void put(const char* key, const OptDate& v) {
    if (v) obj_[key] = v->iso();
  }
  void put(const char* key, const OptInt& v) {
    if (v) obj_[key] = *v;
  }
  void put(const char* key, const OptDateTime& v) {
    if (v) obj_[key] = v->str();
  }
  void put(const char* key, const Strings& v) {
    if (!v.empty()) obj_[key] = v;
  }
  template <class T, class = std::enable_if_t<visit::is_section_v<T>>>
  void put(const char* key, const T& v) {
    auto obj = object(v);
    if (!obj.empty()) obj_[key] = std::move(obj);
  }
  template <class T> void put(const char* key, const std::optional<T>& v) {
    if (v) obj_[key] = object(*v);
  }
  template <class T> void put(const char* key, const std::vector<T>& v) {
    if (v.empty()) return;
    auto arr = nlohmann::ordered_json::array();
    for (const auto& item : v) arr.push_back(object(item));
    obj_[key] = std::move(arr);
  }

  nlohmann::ordered_json& obj_;
};

}  // namespace

Record decode_record(const Node& root, const std::string& file) {
  return record_from(root, file, Values::codes);
}

Record decode_record_form(const Node& root, const std::string& file) {
  return record_from(root, file, Values::codes_or_labels);
}

LoadedRecord load_record(const std::string& path, const std::string& display) {
  LoadedRecord out;
  out.tree = load_yaml_file(path, display);
  out.record = decode_record(out.tree, display);
  out.file = display;
  return out;
}

Assessment decode_assessment(const Node& root, const std::string& file) {
  return decode_root<Assessment>(root, file, "assessment", Values::codes_or_labels);
}
Plan decode_plan(const Node& root, const std::string& file) {
  return decode_root<Plan>(root, file, "plan", Values::codes_or_labels);
}
Review decode_review(const Node& root, const std::string& file) {
  return decode_root<Review>(root, file, "review", Values::codes_or_labels);
}
Closure decode_closure(const Node& root, const std::string& file) {
  return decode_root<Closure>(root, file, "closure", Values::codes_or_labels);
}

std::string emit_record(const Record& r) {
  return "# casectl case record, schema 1\n" + Emitter::section(r, 0, "");
}

nlohmann::ordered_json record_json(const Record& r) { return JsonWriter::object(r); }

Place locate(const LoadedRecord& loaded, const std::string& path) {
  const Node* node = &loaded.tree;
  Place place{loaded.file, node->line, node->col};
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') ++i;
    if (i < path.size() && path[i] == '[') {
      std::size_t close = path.find(']', i);
      if (close == std::string::npos) break;
      std::size_t index = std::strtoul(path.c_str() + i + 1, nullptr, 10);
      i = close + 1;
      if (node->kind != Node::Kind::sequence || index >= node->items.size()) break;
      node = &node->items[index];
      place = Place{loaded.file, node->line, node->col};
    } else {
      std::size_t end = path.find_first_of(".[", i);
      if (end == std::string::npos) end = path.size();
      std::string key = path.substr(i, end - i);
      i = end;
      const Node::Entry* found = nullptr;
      for (const auto& e : node->entries)
        if (e.key == key) found = &e;
      if (!found) break;
      node = &found->value;
      place = Place{loaded.file, found->line, found->col};
    }
  }
  return place;
}

void require_own_id(const LoadedRecord& loaded, const std::string& folder_id) {
  if (loaded.record.id == folder_id) return;
  const Node* id = loaded.tree.get("id");
  Place at{loaded.file, id ? id->line : 1, id ? id->col : 1};
  fail(ErrorKind::malformed, "the record's id disagrees with its folder " + folder_id, at);
}

}  // namespace casectl
