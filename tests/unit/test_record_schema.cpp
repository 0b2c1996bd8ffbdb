// casectl schema's walk (core/record_schema): every field of the record has a meaning and every
// meaning is a field; sections, lists and closed lists come out as the fields() tables say.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/record_schema.hpp"

using namespace casectl;

namespace {

void collect(const std::vector<SchemaField>& fs, std::set<std::string>& paths) {
  for (const SchemaField& f : fs) {
    paths.insert(f.path);
    collect(f.fields, paths);
  }
}

const SchemaField& at(const std::vector<SchemaField>& fs, const std::string& key) {
  for (const SchemaField& f : fs)
    if (f.key == key) return f;
  FAIL("no field " << key);
  throw;
}

}  // namespace

TEST_CASE("record_schema: every meaning names a field of the record, once") {
  std::set<std::string> paths;
  collect(record_schema(), paths);  // throws when a field has no meaning
  std::set<std::string> seen;
  for (const FieldMeaning& m : field_meanings()) {
    CHECK_MESSAGE(paths.count(m.path), m.path << " is no field of the record");
    CHECK_MESSAGE(seen.insert(m.path).second, m.path << " has two meanings");
  }
  CHECK(seen.size() == paths.size());
}

TEST_CASE("field_label: the Japanese label of every field under ja, its key otherwise") {
  for (const FieldMeaning& m : field_meanings())
    CHECK_MESSAGE((m.ja != nullptr && *m.ja != '\0'), m.path << " has no Japanese label");
  CHECK(field_label("client.sex", "ja") == "性別");
  CHECK(field_label("plans.goals", "ja") == "目標");
  CHECK(field_label("client.sex", "en") == "sex");
  CHECK(field_label("status", "en") == "status");
  CHECK(field_label("no.such_field", "ja") == "such_field");
}

TEST_CASE("record_schema: types, closed lists and nesting follow the fields() tables") {
  std::vector<SchemaField> s = record_schema();
  CHECK(s.front().key == "schema");
  const SchemaField& sex = at(at(s, "client").fields, "sex");
  CHECK(sex.type == SchemaField::Type::text);
  REQUIRE(sex.values);
  CHECK(std::string(sex.values->name) == "sex");
  const SchemaField& needs = at(at(s, "assessments").fields, "needs");
  CHECK(needs.type == SchemaField::Type::list_of_sections);
  CHECK(at(needs.fields, "id").required);
  CHECK(at(at(s, "referral").fields, "concerns").type == SchemaField::Type::list_of_text);
  CHECK(at(s, "id").required);
  CHECK_FALSE(at(s, "client").required);
}

TEST_CASE("record_json_schema: draft-07, closed lists as enums, null for what may be absent") {
  nlohmann::ordered_json j = record_json_schema();
  CHECK(j["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(j["additionalProperties"] == false);
  auto sex = j["properties"]["client"]["properties"]["sex"]["enum"];
  CHECK(sex == nlohmann::ordered_json::array({"female", "male", "other", "unknown", nullptr}));
  auto status = j["properties"]["status"];
  CHECK(status["enum"].size() == 4);  // required: no null
  auto need = j["properties"]["assessments"]["items"];
  CHECK(need["properties"]["needs"]["items"]["required"] == nlohmann::ordered_json::array({"id", "text"}));
}

TEST_CASE("record_schema_markdown: each section under its heading, values with both labels") {
  std::string md = record_schema_markdown();
  CHECK(md.find("## `assessments[].needs[]`") != std::string::npos);
  CHECK(md.find("- `female`: female / 女") != std::string::npos);
  CHECK(md.find("| `birth_date` | date (YYYY-MM-DD) |  |") != std::string::npos);
}
