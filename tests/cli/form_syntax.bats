# YAML mistakes in a form that people typing Japanese make, each refused with exit 6, nothing
# written, and a hint a person can act on at the line and column of the real cause:
# ": " inside unquoted text, a full-width colon after a key, a tab used as indentation.

bats_require_minimum_version 1.5.0
load helpers

@test "': ' inside unquoted text: exit 6 at the second colon, saying to quote it or use a block" {
  case_at assessed
  snapshot
  printf 'participation:\n  client_views: 本人: 家に帰りたくない\n' >"$T/plan.yaml"
  run --separate-stderr cs plan "$ID" --file "$T/plan.yaml"
  assert_failure 6
  assert_equal "$stderr" "casectl: $T/plan.yaml:2:19: YAML syntax error: \": \" inside text; quote the text ('...') or use a block (|)"
  assert_unchanged
}

@test "the same text quoted is accepted as text" {
  case_at intake
  day 2026-11-03
  printf "safety: safe\nrisk: low\nmethods: [records]\nsummary: '本人: 家に帰りたい'\n" >"$T/a.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/a.yaml"
  assert_success
  [ "$(json_of 'r["assessments"][0]["summary"]')" = "本人: 家に帰りたい" ]
}

@test "a full-width colon after a key: exit 6 pointing at it, saying to type ':' and a space" {
  case_at intake
  snapshot
  printf 'safety: safe\nrisk：low\nmethods: [records]\n' >"$T/a.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/a.yaml"
  assert_failure 6
  assert_equal "$stderr" "casectl: $T/a.yaml:2:5: YAML syntax error: full-width colon \"：\" after a key; type \":\" followed by a space"
  assert_unchanged
}

@test "a full-width colon after a nested key in a new-case form: the same hint at its place" {
  make_dir
  snapshot
  printf 'client:\n  name: 山田 花子\n  sex：female\n  birth_date: 2018-04-12\n' >"$T/new.yaml"
  run --separate-stderr casectl -C "$DIR" --worker sato new --file "$T/new.yaml"
  assert_failure 6
  assert_equal "$stderr" "casectl: $T/new.yaml:3:6: YAML syntax error: full-width colon \"：\" after a key; type \":\" followed by a space"
  assert_unchanged
}

@test "a tab used as indentation: exit 6 at the tab, saying to indent with spaces" {
  case_at intake
  snapshot
  printf 'safety: safe\nrisk: low\nmethods:\n\t- records\n' >"$T/a.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/a.yaml"
  assert_failure 6
  assert_equal "$stderr" "casectl: $T/a.yaml:4:1: tab character in indentation; indent with spaces"
  assert_unchanged
}

@test "a full-width colon in a form that parses as text where a map belongs: the same hint" {
  case_at intake
  snapshot
  printf 'risk：high\n' >"$T/a.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/a.yaml"
  assert_failure 6
  assert_equal "$stderr" "casectl: $T/a.yaml:1:5: YAML syntax error: full-width colon \"：\" after a key; type \":\" followed by a space"
  printf 'client:\n  sex：female\n' >"$T/new.yaml"
  run --separate-stderr cs --worker sato new --file "$T/new.yaml"
  assert_failure 6
  assert_equal "$stderr" "casectl: $T/new.yaml:2:6: YAML syntax error: full-width colon \"：\" after a key; type \":\" followed by a space"
  assert_unchanged
}
