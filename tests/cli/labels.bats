# Values typed by their labels (SPEC section 5): flags and forms take a value of a closed list by
# its code, its English label or its Japanese label (spaces trimmed, full-width letters and digits
# read as ASCII); the record holds the code. An unknown value is refused naming every value with
# both labels. A record file itself holds codes only: validate and edit refuse a label there.

bats_require_minimum_version 1.5.0
load helpers

@test "new --sex 女 --source 学校 --urgency 緊急 --concern ネグレクト stores the codes" {
  make_dir
  run --separate-stderr new_case --sex 女 --source 学校 --urgency 緊急 --concern ネグレクト
  assert_success
  f="$(rec C-2026-0001)"
  run cat "$f"
  assert_line "  sex: female"
  assert_line "  source: school"
  assert_line "  urgency: immediate"
  assert_line "    - neglect"
  refute_output --partial 女
  refute_output --partial 緊急
}

@test "flag values are trimmed and read full-width letters as ASCII: ' 男 ', ｕｒｇｅｎｔ, '　警察　', ' 高 '" {
  make_dir
  run --separate-stderr new_case --urgency ｕｒｇｅｎｔ --sex " 男 " --source "　警察　"
  assert_success
  run cat "$(rec C-2026-0001)"
  assert_line "  urgency: urgent"
  assert_line "  sex: male"
  assert_line "  source: police"
  ID=C-2026-0001
  export CASECTL_WORKER=sato
  run --separate-stderr cs assess "$ID" --safety 安全でない --risk " 高 " --method 家庭訪問 \
    --need "安全:Protection from harm" --risk-item "身体的虐待:非常に高い:bruises" \
    --immediate-action "Temporary protective custody"
  assert_success
  [ "$(json_of 'r["assessments"][0]["risk"]')" = high ]
  [ "$(json_of 'r["assessments"][0]["safety"]')" = unsafe ]
  [ "$(json_of 'r["assessments"][0]["methods"][0]')" = home-visit ]
  [ "$(json_of 'r["assessments"][0]["needs"][0]["domain"]')" = safety ]
  [ "$(json_of 'r["assessments"][0]["risks"][0]["domain"]')" = physical-abuse ]
  [ "$(json_of 'r["assessments"][0]["risks"][0]["level"]')" = very-high ]
  # The commit message names codes, as always.
  assert_equal "$(git -C "$DIR" log -1 --format=%s)" "assess $ID: risk high, safety unsafe"
}

@test "an unknown flag value: exit 2, every value named as code (English / 日本語), nothing written" {
  make_dir
  snapshot
  run --separate-stderr new_case --sex 女性
  assert_failure 2
  assert_equal "$(grep -c . <<<"$stderr" || true)" 2
  [[ "$stderr" == *'sex "女性" is not one of: female (female / 女), male (male / 男), other (other / その他), unknown (unknown / 不明)'* ]]
  assert_unchanged
}

@test "a value inside a flag (--need, --progress) that is unknown: exit 2 with both labels" {
  case_at intake
  snapshot
  run --separate-stderr cs assess "$ID" --safety safe --risk low --method records --need "安心:text"
  assert_failure 2
  [[ "$stderr" == *'--need DOMAIN:TEXT: domain "安心" is not one of: safety (safety / 安全), health (health / 健康),'* ]]
  assert_unchanged
}

@test "assess --risk 高 on a case at intake: the assessment holds risk high" {
  case_at intake
  day 2026-11-03
  run --separate-stderr cs assess "$ID" --safety 安全 --risk 低 --method 記録の確認
  assert_success
  [ "$(json_of 'r["assessments"][0]["risk"]')" = low ]
  [ "$(json_of 'r["assessments"][0]["safety"]')" = safe ]
  [ "$(json_of 'r["assessments"][0]["methods"][0]')" = records ]
}

@test "a new-case form with Japanese labels stores the codes" {
  make_dir
  run --separate-stderr casectl -C "$DIR" --worker sato new --file "$FORMS/labels-ja.yaml"
  assert_success
  assert_output C-2026-0001
  run cat "$(rec C-2026-0001)"
  assert_line "  sex: female"
  assert_line "  source: school"
  assert_line "  urgency: immediate"
  assert_line "  category: protection"
  assert_line "    - neglect"
  assert_line "    - physical-abuse"
  assert_line "    - poverty"
  refute_output --partial ネグレクト
}

@test "an assessment form with Japanese labels (also on stdin) stores the codes" {
  case_at intake
  day 2026-11-03
  run --separate-stderr cs assess "$ID" --file - <"$STAGE_FORMS/assess-labels-ja.yaml"
  assert_success
  [ "$(json_of '" ".join(r["assessments"][0]["methods"])')" = "home-visit interview-child" ]
  [ "$(json_of 'r["assessments"][0]["safety"]')" = unsafe ]
  [ "$(json_of 'r["assessments"][0]["risk"]')" = very-high ]
  [ "$(json_of 'r["assessments"][0]["risks"][0]["domain"]')" = physical-abuse ]
  [ "$(json_of 'r["assessments"][0]["risks"][0]["level"]')" = high ]
  [ "$(json_of 'r["assessments"][0]["needs"][0]["domain"]')" = safety ]
  run grep -c '安全でない\|家庭訪問' "$DIR/$(case_file)"
  assert_output 0
}

@test "an unknown value in a form: exit 6 at its line and column, both labels named, nothing written" {
  case_at intake
  snapshot
  printf 'methods: [家庭訪問]\nsafety: 安全\nrisk: とても高い\n' >"$T/a.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/a.yaml"
  assert_failure 6
  assert_equal "$stderr" "casectl: $T/a.yaml:3:7: risk \"とても高い\" is not one of: low (low / 低), medium (medium / 中), high (high / 高), very-high (very high / 非常に高い)"
  assert_unchanged
}

@test "a record file holds codes: validate refuses a label there and names the code to write" {
  case_at intake
  sed -i 's/^  sex: female$/  sex: 女/' "$DIR/$(case_file)"
  line="$(grep -n '^  sex: 女$' "$DIR/$(case_file)" | cut -d: -f1)"
  run --separate-stderr cs validate "$ID"
  assert_failure 1
  assert_output "$(case_file):$line:8: $ID: malformed: client.sex \"女\" is not a code: a record holds codes only; write female"
}

@test "casectl --help says values may be typed by their labels" {
  run casectl --help
  assert_success
  assert_output --partial "(--sex 女, --risk 高); records store the codes."
}
