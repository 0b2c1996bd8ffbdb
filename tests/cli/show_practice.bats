# casectl show and the plan and review documents with the child-guidance practice sections
# (issue 11): the worker in charge and the handover, the report's time and category, the safety
# check against the 48-hour rule, custody with its extension and limit, the latest conference,
# disclosures, the related case's status (and nothing else of that child), the deadlines; in
# English and in Japanese (locale: ja in casectl.yaml).
#
# One case is built once per file through the CLI, each step under faketime at a fixed moment
# (CASECTL_TODAY its day), and copied for every test:
#   Fri 2026-11-06 18:00  new C-2026-0001, report received 17:00, category protection (sato)
#   Mon 2026-11-09 12:00  confirm: seen at school at 10:00 (65 h); assess (unsafe); custody start
#                         (ex officio, "Central shelter"); conference 1 (intake)
#   Tue 2026-11-10 12:00  conference 2 (plan); plan 1; new C-2026-0002 (the sibling 山田 次郎);
#                         link sibling
#   Sat 2026-11-14 12:00  worker ito added; assign to ito (leave, by tanaka); consent 1 (school)
#   Mon 2026-11-16 12:00  share with the school: plan, on consent 1 (ito)
#   Thu 2026-12-10 12:00  review 1 (ito): next review 2027-01-10
#   Tue 2027-01-05 12:00  custody extended until 2027-03-05 by the council (ito)

bats_require_minimum_version 1.5.0
load helpers

# helpers.bash's setup_file (the template case directory), which this file's own calls first.
eval "helpers_$(declare -f setup_file)"

OTHER=C-2026-0002
NOW="2027-01-06 12:00:00"

# casectl on $DIR at a fixed moment: `at "2026-11-09 12:00:00" confirm ...`.
at() {
  local when="$1"
  shift
  CASECTL_TODAY="${when%% *}" FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$when" "$CASECTL_BIN" -C "$DIR" "$@"
}

# The case as the header describes it, made in $DIR.
build_case() {
  export CASECTL_WORKER=sato
  make_dir
  [ "$(at "2026-11-06 18:00:00" new --name "山田 花子" --birth-date 2018-04-12 --sex female --source school \
    --urgency urgent --concern physical-abuse --reason "Bruises on both arms" --date 2026-11-06 \
    --received "2026-11-06 17:00" --category protection 2>/dev/null)" = "$ID" ] || fail "new did not make $ID"
  at "2026-11-09 12:00:00" confirm "$ID" --at "2026-11-09 10:00" --method seen-at-school --outcome safe \
    >/dev/null 2>&1 || fail "confirm failed"
  at "2026-11-09 12:00:00" assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null || fail "assess failed"
  at "2026-11-09 12:00:00" custody "$ID" start --date 2026-11-09 --basis ex-officio --place "Central shelter" \
    >/dev/null || fail "custody start failed"
  at "2026-11-09 12:00:00" conference "$ID" --kind intake --attendee sato --decision "Custody at once" \
    >/dev/null || fail "conference 1 failed"
  at "2026-11-10 12:00:00" conference "$ID" --kind plan --attendee sato --attendee tanaka \
    --decision "Plan agreed; custody continues" >/dev/null || fail "conference 2 failed"
  at "2026-11-10 12:00:00" plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null || fail "plan failed"
  [ "$(at "2026-11-10 12:00:00" new --name "山田 次郎" --birth-date 2020-05-01 --sex male --source school \
    --urgency urgent --concern neglect --reason "Sibling of $ID" 2>/dev/null)" = "$OTHER" ] || fail "no $OTHER"
  at "2026-11-10 12:00:00" link "$ID" "$OTHER" --relation sibling >/dev/null || fail "link failed"
  at "2026-11-14 12:00:00" --worker tanaka worker add ito --name "Ito Mei" --email ito@example.org >/dev/null ||
    fail "worker add failed"
  at "2026-11-14 12:00:00" --worker tanaka assign "$ID" ito --reason leave >/dev/null || fail "assign failed"
  at "2026-11-14 12:00:00" consent "$ID" --party school --scope share-plan --given-by mother --expires 2027-11-10 \
    >/dev/null || fail "consent failed"
  export CASECTL_WORKER=ito
  at "2026-11-16 12:00:00" share "$ID" --with school --what plan --consent 1 >/dev/null || fail "share failed"
  at "2026-12-10 12:00:00" review "$ID" --file "$STAGE_FORMS/review-continue.yaml" >/dev/null || fail "review failed"
  at "2027-01-05 12:00:00" custody "$ID" extend --date 2027-01-05 --until 2027-03-05 --approved-by council \
    >/dev/null || fail "custody extend failed"
}

setup_file() {
  helpers_setup_file
  DIR="$BATS_FILE_TMPDIR/scenario"
  build_case
  SCENARIO="$DIR"
  export SCENARIO
}

# The built case, copied to this test's $DIR; ito acts.
the_case() {
  cp -a "$SCENARIO" "$DIR"
  export CASECTL_WORKER=ito
}

# Switches the case directory to Japanese (casectl.yaml's locale; SPEC section 5).
japanese() {
  sed -i 's/^locale: en\b/locale: ja/' "$DIR/casectl.yaml"
  grep -q '^locale: ja ' "$DIR/casectl.yaml" || fail "casectl.yaml has no locale line to change"
  git -C "$DIR" commit -qam "Japanese"
}

# ---- show, in English ----

@test "show: the worker in charge (with the name) and the handover: date, from -> to, reason" {
  the_case
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "In charge       ito (Ito Mei)"
  assert_line "Handover        2026-11-14: sato → ito (leave)"
}

@test "show: the report's time and category; seen Monday 10:00 after a Friday 17:00 report is 65 h, late" {
  the_case
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "Received        2026-11-06 17:00"
  assert_line "Category        protection"
  assert_line "Safety check    no. 1 2026-11-09 10:00: seen at school, safe, by sato; 65 h after the report (limit 48 h): late"
  assert_line "Deadline        safety check, due 2026-11-08 17:00: met late (2026-11-09 10:00)"
}

@test "show: a check within 48 hours is in time; an unsafe one with no assessment makes the assessment urgent, first" {
  export CASECTL_WORKER=sato
  make_dir
  at "2026-11-06 18:00:00" new --name "川口 一" --birth-date 2019-01-01 --sex male --source police --urgency urgent \
    --concern neglect --reason "Left alone" --received "2026-11-06 17:00" >/dev/null 2>&1 || fail "new failed"
  at "2026-11-08 17:00:00" confirm "$ID" --at "2026-11-08 16:30" --method seen-at-home --outcome unsafe \
    >/dev/null 2>&1 || fail "confirm failed"
  run --separate-stderr at "2026-11-08 18:00:00" show "$ID"
  assert_success
  assert_line "Safety check    no. 1 2026-11-08 16:30: seen at home, unsafe, by sato; 47 h 30 min after the report (limit 48 h): in time"
  # The first deadline line is the urgent assessment, overdue since the unsafe check.
  [ "$(grep -m1 '^Deadline' <<<"$output")" = "Deadline        assessment, urgent, due 2026-11-08 16:30: overdue" ] ||
    fail "first deadline: $(grep '^Deadline' <<<"$output")"
  refute_line --partial "met late"
}

@test "show: custody with its extension and limit; overdue past the limit; its end and outcome" {
  the_case
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "Custody         no. 1 from 2026-11-09 (ex officio): in progress, limit 2027-03-05"
  assert_line "                extended 2027-01-05 until 2027-03-05 (child welfare council)"
  assert_line "                place: Central shelter"
  assert_line "Deadline        custody limit (custody 1), due 2027-03-05"
  run --separate-stderr at "2027-03-05 23:30:00" show "$ID"  # the limit's own day: not yet overdue
  assert_line "Custody         no. 1 from 2026-11-09 (ex officio): in progress, limit 2027-03-05"
  assert_line "Deadline        custody limit (custody 1), due 2027-03-05"
  run --separate-stderr at "2027-03-06 12:00:00" show "$ID"
  assert_line "Custody         no. 1 from 2026-11-09 (ex officio): in progress, limit 2027-03-05: overdue"
  assert_line "Deadline        custody limit (custody 1), due 2027-03-05: overdue"
  at "2027-01-20 12:00:00" custody "$ID" end --date 2027-01-20 --outcome returned-home >/dev/null || fail "end failed"
  run --separate-stderr at "2027-03-06 12:00:00" show "$ID"
  assert_line "Custody         no. 1 from 2026-11-09 (ex officio): ended 2027-01-20, returned home"
  refute_line --partial "custody limit"
}

@test "show: the latest conference with its kind and decision, and the count of earlier ones" {
  the_case
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "Conference      no. 2 (2026-11-10, plan), 1 earlier: Plan agreed; custody continues"
  refute_output --partial "Custody at once"
}

@test "show: the related case's ID, relation and current status, never the sibling's name; a missing one is not found" {
  the_case
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "Related case    $OTHER: sibling, intake"
  refute_output --partial "山田 次郎"
  refute_output --partial "Sibling of"
  at "2026-11-20 12:00:00" assess "$OTHER" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null || fail "assess failed"
  run --separate-stderr at "$NOW" show "$ID"
  assert_line "Related case    $OTHER: sibling, assessed"
  git -C "$DIR" rm -rq "cases/2026/00/$OTHER"
  git -C "$DIR" commit -qm "the sibling's record removed"
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "Related case    $OTHER: sibling, not found"
}

@test "show: each disclosure with its date, party, what and ground (a consent, or a legal basis)" {
  the_case
  at "$NOW" share "$ID" --with regional-council --what assessment --what review \
    --legal-basis "Child Welfare Act art. 25-3" >/dev/null || fail "share failed"
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "Disclosure      no. 1 (2026-11-16) to school: plan; ground: consent 1"
  assert_line "Disclosure      no. 2 (2027-01-06) to regional-council: assessment, review; ground: legal basis (Child Welfare Act art. 25-3)"
}

@test "show: outstanding deadlines with overdue ones flagged; a closed case prints none outstanding" {
  the_case
  run --separate-stderr at "2027-01-12 12:00:00" show "$ID"
  assert_success
  assert_line "Deadline        review (plan 1), due 2027-01-10: overdue"
  assert_line "Deadline        consent expiry (consent 1), due 2027-11-10"
  at "2027-01-20 12:00:00" custody "$ID" end --date 2027-01-20 --outcome returned-home >/dev/null || fail "end failed"
  at "2027-01-20 12:00:00" --worker tanaka close "$ID" --reason transferred --evaluation "Moved to another centre" \
    >/dev/null || fail "close failed"
  run --separate-stderr at "2027-01-21 12:00:00" show "$ID"
  assert_success
  # Only what is kept for the record: the safety check met late.
  [ "$(grep '^Deadline' <<<"$output")" = "Deadline        safety check, due 2026-11-08 17:00: met late (2026-11-09 10:00)" ] ||
    fail "deadlines of the closed case: $(grep '^Deadline' <<<"$output")"
}

# ---- show, in Japanese ----

@test "show in Japanese: 担当者, 担当変更, 通告受理日時, 安全確認, 一時保護, 援助方針会議, 関連ケース, 情報提供, 期限" {
  the_case
  japanese
  run --separate-stderr at "$NOW" show "$ID"
  assert_success
  assert_line "担当者          ito(Ito Mei)"
  assert_line "担当変更        2026-11-14: sato → ito(休暇)"
  assert_line "通告受理日時    2026-11-06 17:00"
  assert_line "相談種別        養護相談"
  assert_line "安全確認        第 1 2026-11-09 10:00: 学校で目視、安全、確認者 sato。通告から65時間(期限48時間): 期限超過"
  assert_line "一時保護        第 1 2026-11-09から(職権): 保護中、期限 2027-03-05"
  assert_line "                延長 2027-01-05(2027-03-05まで、児童福祉審議会)"
  assert_line "援助方針会議    第 2(2026-11-10、援助方針)、ほか以前に1回: Plan agreed; custody continues"
  assert_line "関連ケース      $OTHER: きょうだい、受理"
  assert_line "情報提供        第 1(2026-11-16)提供先 school: 支援計画。根拠: 同意 第1"
  assert_line "期限            一時保護の期限(一時保護 1)、期限 2027-03-05"
  assert_line "期限            安全確認、期限 2026-11-08 17:00: 期限後に実施(2026-11-09 10:00)"
  refute_output --partial "山田 次郎"
}

# ---- documents ----

@test "doc plan: the sections as they stood on the plan date; the sibling's ID and relation, not the sibling's name" {
  the_case
  run --separate-stderr at "$NOW" doc "$ID" plan --stdout
  assert_success
  assert_line "- Worker in charge: Sato Yuki"
  refute_output --partial "Handed over"  # the handover came after the plan
  assert_output --partial "## Safety confirmation

- Check 1, 9 November 2026 10:00: seen at school, safe (by Sato Yuki); 65 h after the report (limit 48 h): late
"
  assert_output --partial "## Temporary protective custody

- Custody 1 from 9 November 2026 (ex officio)
  - In custody on the plan date; limit 8 January 2027
"
  refute_output --partial "Extended"  # the extension came after the plan
  refute_output --partial "Central shelter"
  assert_output --partial "## Case conference

Conference 2 of 10 November 2026 (plan) decided:

> Plan agreed; custody continues
"
  assert_output --partial "## Related cases

- $OTHER: sibling
"
  refute_output --partial "山田 次郎"
  refute_output --partial "2020"  # the sibling's birth year
}

@test "review-1.md, written by review: the worker in charge and the handover since the plan; Japanese too" {
  the_case
  run cat "$DIR/$(doc_file review-1.md)"
  assert_line "- Worker in charge: Ito Mei"
  assert_line "- Handed over on 14 November 2026 from Sato Yuki to Ito Mei (leave)"
  assert_line "- Check 1, 9 November 2026 10:00: seen at school, safe (by Sato Yuki); 65 h after the report (limit 48 h): late"
  assert_line "  - In custody on the review date; limit 8 January 2027"
  assert_line "- $OTHER: sibling"
  refute_output --partial "山田 次郎"
  japanese
  run --separate-stderr at "$NOW" doc "$ID" review --stdout
  assert_success
  assert_line "- 担当者: Ito Mei"
  assert_line "- 2026年11月14日 担当変更: Sato YukiからIto Meiへ(休暇)"
  assert_line "- 第1回 2026年11月9日 10:00: 学校で目視、安全(確認者: Sato Yuki)。通告から65時間(期限48時間): 期限超過"
  assert_line "  - モニタリング実施日時点で保護中(期限: 2027年1月8日)"
  assert_line "第2回(2026年11月10日、援助方針)の決定:"
  assert_line "- $OTHER: きょうだい"
  refute_output --partial "山田 次郎"
}
