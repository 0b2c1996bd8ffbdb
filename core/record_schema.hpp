// The record's reference (casectl schema): every section and field of schema 1, walked from the
// fields() tables of record.hpp that the loader and the emitter use, so it cannot drift from
// them; each field's meaning and whether it is required come from record_meanings.cpp.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.hpp"

namespace casectl {

// A field's meaning, by its path ("client.sex", "assessments.needs.domain": list items have no
// index). required: `casectl validate` (or the loader) refuses a record without it.
struct FieldMeaning {
  const char* path;
  bool required;
  const char* meaning;
  const char* ja;  // what Japanese output calls the field (GLOSSARY.md); English names it by its key
};

// Every field's meaning, in one table (core/record_meanings.cpp).
const std::vector<FieldMeaning>& field_meanings();

// What people reading locale ("en" or "ja") call the field at path (as in field_meanings():
// "client.sex", "plans.goals"): its Japanese label under ja, else its key ("sex"); the key too
// for a path the table does not hold.
std::string field_label(std::string_view path, std::string_view locale);

struct SchemaField {
  enum class Type { number, optional_number, text, date, date_time, section, list_of_text, list_of_sections };
  std::string key;   // "sex"
  std::string path;  // "client.sex"
  Type type = Type::text;
  const Enum* values = nullptr;  // text or list of text from a closed list
  bool required = false;
  std::string meaning;
  std::vector<SchemaField> fields;  // a section's fields, or a list's items'
};

// The fields of a case record, in file order; throws an internal error naming a field whose
// meaning is missing from field_meanings().
std::vector<SchemaField> record_schema();

// The reference as Markdown (docs/record.md).
std::string record_schema_markdown();

// The record as a JSON Schema (draft-07) for YAML language servers (docs/case.schema.json).
nlohmann::ordered_json record_json_schema();

}  // namespace casectl
