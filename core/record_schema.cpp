// casectl schema: the record's fields() tables walked into SchemaFields, and those written as
// Markdown and as a JSON Schema.
#include "core/i18n.hpp"
#include "core/record_schema.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "core/error.hpp"
#include "core/locale_text.hpp"
#include "core/record.hpp"
#include "core/record_visit.hpp"

namespace casectl {

namespace {

using Type = SchemaField::Type;

// A visitor over one section's fields() table: one SchemaField per key, sections walked in turn.
struct Walk {
  std::string path;  // the section's path, "" at the top
  std::vector<SchemaField>& out;

  SchemaField& add(const char* key, Type type, const Enum* values = nullptr) {
    SchemaField f;
    f.key = key;
    f.path = path.empty() ? key : path + "." + key;
    f.type = type;
    f.values = values;
    const FieldMeaning* m = nullptr;
    for (const FieldMeaning& x : field_meanings())
      if (f.path == x.path) m = &x;
    if (!m) fail(ErrorKind::internal, txf("record field {} has no meaning in core/record_meanings.cpp", f.path));
    f.required = m->required;
    f.meaning = m->meaning;
    out.push_back(std::move(f));
    return out.back();
  }
  template <class T> void section(const char* key, Type type) {
    SchemaField& f = add(key, type);
    Walk inner{f.path, f.fields};
    T t{};
    fields(t, inner);
  }

  void operator()(const char* k, int&) { add(k, Type::number); }
  void operator()(const char* k, OptInt&) { add(k, Type::optional_number); }
  void operator()(const char* k, std::string&) { add(k, Type::text); }
  void operator()(const char* k, std::string&, const Enum& e) { add(k, Type::text, &e); }
  void operator()(const char* k, Strings&) { add(k, Type::list_of_text); }
  void operator()(const char* k, Strings&, const Enum& e) { add(k, Type::list_of_text, &e); }
  void operator()(const char* k, OptDate&) { add(k, Type::date); }
  void operator()(const char* k, OptDateTime&) { add(k, Type::date_time); }
  template <class T, class = std::enable_if_t<visit::is_section_v<T>>> void operator()(const char* k, T&) {
    section<T>(k, Type::section);
  }
  template <class T> void operator()(const char* k, std::optional<T>&) { section<T>(k, Type::section); }
  template <class T> void operator()(const char* k, std::vector<T>&) { section<T>(k, Type::list_of_sections); }
};

// ---------------------------------------------------------------------------------------------
// Markdown.

std::string type_text(const SchemaField& f) {
  switch (f.type) {
    case Type::number: return "number";
    case Type::optional_number: return "number or null";
    case Type::text: return f.values ? "one value of the list" : "text";
    case Type::date: return "date (YYYY-MM-DD)";
    case Type::date_time: return "date and time (YYYY-MM-DD HH:MM)";
    case Type::section: return "section";
    case Type::list_of_text: return f.values ? "list of values of the list" : "list of text";
    case Type::list_of_sections: return "list of sections";
  }
  return "";
}

bool is_section(const SchemaField& f) { return f.type == Type::section || f.type == Type::list_of_sections; }

// "assessments[].needs": how a section is named in headings.
std::string heading_of(const SchemaField& f, const std::string& parent) {
  std::string name = parent.empty() ? f.key : parent + "." + f.key;
  return f.type == Type::list_of_sections ? name + "[]" : name;
}

// One section's table and value lists, then its sections, each under its own heading.
void markdown_section(std::string& out, const std::string& heading, const std::string& meaning,
                      const std::vector<SchemaField>& fs) {
  out += fmt::format("\n## {}\n\n", heading.empty() ? "Top level" : "`" + heading + "`");
  if (!meaning.empty()) out += meaning + "\n\n";
  out += "| field | type | required | meaning |\n|---|---|---|---|\n";
  for (const SchemaField& f : fs) {
    std::string type = type_text(f);
    if (is_section(f)) type += fmt::format(": `{}` below", heading_of(f, heading));
    out += fmt::format("| `{}` | {} | {} | {} |\n", f.key, type, f.required ? "yes" : "", f.meaning);
  }
  for (const SchemaField& f : fs) {
    if (!f.values) continue;
    out += fmt::format("\nValues of `{}`:\n\n", f.key);
    for (const EnumValue& v : f.values->values) out += fmt::format("- `{}`: {} / {}\n", v.value, v.en, v.ja);
  }
  for (const SchemaField& f : fs)
    if (is_section(f)) markdown_section(out, heading_of(f, heading), f.meaning, f.fields);
}

// ---------------------------------------------------------------------------------------------
// JSON Schema.

using Json = nlohmann::ordered_json;

// "female (女), male (男), ...": the labels, for an editor's hover.
std::string labels(const Enum& e) {
  std::string s;
  for (const EnumValue& v : e.values) s += fmt::format("{}{} ({})", s.empty() ? "" : ", ", v.value, v.ja);
  return s;
}

Json codes(const Enum& e) {
  Json list = Json::array();
  for (const EnumValue& v : e.values) list.push_back(v.value);
  return list;
}

Json object_schema(const std::vector<SchemaField>& fs);

// A field's schema. The loader reads null as absent, so a field that is not required may be null.
Json field_schema(const SchemaField& f) {
  Json j;
  j["description"] = f.values ? f.meaning + " One of: " + labels(*f.values) + "." : f.meaning;
  switch (f.type) {
    case Type::number:
    case Type::optional_number: j["type"] = "integer"; break;
    // casectl reads any scalar as text: YAML reads "reporter: 110" as a number, casectl as text.
    case Type::text:
      if (f.values)
        j["enum"] = codes(*f.values);
      else
        j["type"] = Json::array({"string", "number", "boolean"});
      break;
    case Type::date:
      j["type"] = "string";
      j["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
      break;
    case Type::date_time:
      j["type"] = "string";
      j["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$";
      break;
    case Type::list_of_text:
      j["type"] = "array";
      j["items"] = f.values ? Json{{"enum", codes(*f.values)}} : Json{{"type", Json::array({"string", "number", "boolean"})}};
      break;
    case Type::section: {
      Json o = object_schema(f.fields);
      for (auto& [k, v] : o.items()) j[k] = v;
      break;
    }
    case Type::list_of_sections:
      j["type"] = "array";
      j["items"] = object_schema(f.fields);
      break;
  }
  if (f.required) return j;
  // Not required: null too ("ended: null" while in custody).
  if (j.contains("enum")) {
    j["enum"].push_back(nullptr);
  } else if (j["type"].is_array()) {
    j["type"].push_back("null");
  } else {
    j["type"] = Json::array({j["type"], "null"});
  }
  return j;
}

Json object_schema(const std::vector<SchemaField>& fs) {
  Json j;
  j["type"] = "object";
  Json props = Json::object();
  Json required = Json::array();
  for (const SchemaField& f : fs) {
    props[f.key] = field_schema(f);
    if (f.required) required.push_back(f.key);
  }
  j["properties"] = props;
  if (!required.empty()) j["required"] = required;
  j["additionalProperties"] = false;
  return j;
}

}  // namespace

std::string field_label(std::string_view path, std::string_view locale) {
  static const std::unordered_map<std::string_view, const char*> ja = [] {
    std::unordered_map<std::string_view, const char*> m;
    for (const FieldMeaning& f : field_meanings()) m.emplace(f.path, f.ja);
    return m;
  }();
  if (is_ja(locale))
    if (auto it = ja.find(path); it != ja.end()) return it->second;
  std::size_t dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
}

std::vector<SchemaField> record_schema() {
  std::vector<SchemaField> out;
  Walk walk{"", out};
  Record r;
  fields(r, walk);
  return out;
}

std::string record_schema_markdown() {
  std::string out =
      "# The case record (schema 1)\n\n"
      "<!-- Made by `casectl schema`; do not edit: run `casectl schema > docs/record.md`. -->\n\n"
      "Each case is one file, `cases/YYYY/NN/ID/case.yaml`, with the fields below in this order.\n"
      "Stage forms (`--file FORM.yaml`) use the same names as the record's sections. Dates are\n"
      "`YYYY-MM-DD`; text is UTF-8. A value of a closed list is stored as its code; commands also\n"
      "take its English or Japanese label. An empty field, list or section is left out of the file,\n"
      "and `null` reads as absent. *Required* means that `casectl validate` (or the loader) refuses\n"
      "a record without it; fields needed only in some cases say so. `docs/case.schema.json` is the\n"
      "same as a JSON Schema, for editors.\n";
  markdown_section(out, "", "", record_schema());
  return out;
}

Json record_json_schema() {
  Json j;
  j["$schema"] = "http://json-schema.org/draft-07/schema#";
  j["title"] = "casectl case record (schema 1)";
  j["description"] = "A case.yaml of casectl; made by `casectl schema --format json-schema`. Fields: docs/record.md.";
  Json o = object_schema(record_schema());
  o["properties"]["schema"]["const"] = 1;
  for (auto& [k, v] : o.items()) j[k] = v;
  return j;
}

}  // namespace casectl
