// The case record to and from YAML and JSON (schema 1): decoding a loaded Node into the structs
// of record.hpp by their fields() tables, and the stable emitter.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "core/record.hpp"
#include "core/yaml_io.hpp"

namespace casectl {

// A record as loaded from disk, with its node tree so rule problems can be given a place.
struct LoadedRecord {
  Record record;
  Node tree;
  std::string file;  // display name used in errors, e.g. "cases/2026/00/C-2026-0001/case.yaml"
};

// Decodes a record. Refuses (Error malformed at the node's place): unknown keys (naming the
// allowed ones), wrong types (a map where text belongs, a list where a date belongs, ...),
// dates that are not YYYY-MM-DD, values outside an enumeration (naming the allowed values; a
// label is refused too, naming its code: records hold codes), and schema other than 1.
Record decode_record(const Node& root, const std::string& file);
// A form holding record-level sections (`new --file`): as decode_record, except that a value of
// an enumeration may be typed by its label (Enum::find()); the result holds the code.
Record decode_record_form(const Node& root, const std::string& file);
LoadedRecord load_record(const std::string& path, const std::string& display);

// Error(malformed) at the place of its `id` when a loaded record's id is not `folder_id`, the ID
// its folder names (a record copied or moved by hand): show, list and every change refuse it.
void require_own_id(const LoadedRecord& loaded, const std::string& folder_id);

// Decoders for stage forms (--file, or the editor's form): the section's fields by the record's
// names, values of enumerations by code or label as in decode_record_form.
Assessment decode_assessment(const Node& root, const std::string& file);
Plan decode_plan(const Node& root, const std::string& file);
Review decode_review(const Node& root, const std::string& file);
Closure decode_closure(const Node& root, const std::string& file);

// The stable text of a record: a header comment naming the schema, fixed key order, block
// style, absent fields left out, quoting only where YAML needs it, multi-line text as literal
// blocks, non-ASCII written as is. The same record always gives the same bytes.
std::string emit_record(const Record& r);

// The stable JSON object of a record (same keys and order as the YAML; absent fields left out).
nlohmann::ordered_json record_json(const Record& r);

// The place of a record path such as "plans[0].goals[1].due" in a loaded tree: the node itself,
// else its nearest ancestor that exists. Returns {file, line, col}.
Place locate(const LoadedRecord& loaded, const std::string& path);

}  // namespace casectl
