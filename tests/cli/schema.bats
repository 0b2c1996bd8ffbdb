#!/usr/bin/env bats
# casectl schema: the record's reference (docs/record.md) and JSON Schema (docs/case.schema.json)
# are what the binary makes, and real records are valid against the schema.

load helpers

# Loads YAML as a YAML language server does (YAML 1.2: a date stays text) and validates each
# file named after the schema against it; prints "FILE: MESSAGE" per invalid file, exits 1 if any.
validate_py='
import sys, json, yaml, jsonschema
class Loader(yaml.SafeLoader): pass
Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
bad = 0
for f in sys.argv[2:]:
    for e in jsonschema.Draft7Validator(schema).iter_errors(yaml.load(open(f), Loader=Loader)):
        print(f"{f}: {list(e.absolute_path)}: {e.message}"); bad = 1
sys.exit(bad)
'

need_jsonschema() {
  python3 -c 'import jsonschema, yaml' 2>/dev/null ||
    skip "python3-jsonschema and python3-yaml are not installed (scripts/install-deps)"
}

@test "docs/record.md is what casectl schema prints (run it again after changing the record)" {
  run casectl schema
  assert_success
  diff -u "$CASECTL_SRC/docs/record.md" <(printf '%s\n' "$output")
}

@test "docs/case.schema.json is what casectl schema --format json-schema prints" {
  run casectl schema --format json-schema
  assert_success
  diff -u "$CASECTL_SRC/docs/case.schema.json" <(printf '%s\n' "$output")
}

@test "schema needs no case directory and refuses another format" {
  run casectl schema --format csv
  assert_failure 2
  assert_output --partial "--format csv is not one of: md | json-schema"
}

@test "schema md: every section, required fields, values with English and Japanese labels" {
  run casectl schema
  assert_success
  assert_line "## \`plans[].services[]\`"
  assert_line "| \`risk\` | one value of the list | yes | The overall risk; sets how often the case is reviewed. |"
  assert_line "- \`very-high\`: very high / 非常に高い"
  assert_line "- \`seen-at-school\`: seen at school / 学校で目視"
}

@test "every record of a generated case directory is valid against the JSON schema" {
  need_jsonschema
  python3 "$CASECTL_SRC/bench/make_casedir.py" --no-cache 40 "$DIR" >/dev/null
  casectl schema --format json-schema >schema.json
  mapfile -t records < <(find "$DIR/cases" -name case.yaml)
  [ "${#records[@]}" -eq 40 ]
  run python3 -c "$validate_py" schema.json "${records[@]}"
  assert_success
}

@test "records made by the commands are valid; a wrong code, a missing field, an unknown key are not" {
  need_jsonschema
  case_at closed
  cd "$DIR"
  casectl schema --format json-schema >"$T/schema.json"
  f="$(case_file)"
  run python3 -c "$validate_py" "$T/schema.json" "$f" "$FORMS/record-active.yaml"
  assert_success

  sed 's/^  sex: .*/  sex: girl/' "$f" >"$T/sex.yaml"
  sed '/^worker:/d' "$f" >"$T/worker.yaml"
  sed 's/^  urgency: \(.*\)/  urgency: \1\n  colour: blue/' "$f" >"$T/key.yaml"
  run python3 -c "$validate_py" "$T/schema.json" "$T/sex.yaml" "$T/worker.yaml" "$T/key.yaml"
  assert_failure
  assert_line --partial "sex.yaml: ['client', 'sex']: 'girl' is not one of"
  assert_line --partial "worker.yaml: []: 'worker' is a required property"
  assert_line --partial "key.yaml: ['referral']: Additional properties are not allowed ('colour' was unexpected)"
}
