# One whole child-guidance case (issue 11), through the real binary and a real git repository:
# a report received on Friday 17:00, the child seen at school on Monday 10:00 (65 h: late for the
# 48-hour rule, and said so), protective custody started and extended with the council's
# approval, the conference's decision, the plan, a handover during leave, a sibling linked, the
# plan shared with the regional council on consent, closing refused while the custody is open,
# then allowed once it ended. Every step is one commit by the acting worker; validate passes.

bats_require_minimum_version 1.5.0
load helpers

SIBLING=C-2026-0002

# The subject line of the last commit.
last_subject() { git -C "$DIR" log -1 --format=%s; }

@test "a whole case: 48-hour rule, custody, conference, plan, handover, sibling, sharing, closure" {
  export CASECTL_WORKER=sato
  make_dir
  add_ito

  # Friday 2026-11-06 17:00: the school's report.
  clock "2026-11-06 18:00"
  run --separate-stderr new_case --date 2026-11-06 --received "2026-11-06 17:00"
  assert_success
  [ "$output" = "$ID" ] || fail "new made '$output'"
  grep -qF "safety check due by 2026-11-08 17:00 (48 h after the report was received)" <<<"$stderr" ||
    fail "new does not say when the child must be seen: $stderr"

  # Monday 2026-11-09 10:00: seen at school, not safe: 65 hours after the report, late.
  clock "2026-11-09 11:00"
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --method seen-at-school --outcome unsafe
  assert_success
  grep -qF "safety check 1: 65 h after the report was received (the limit is 48 h): late" <<<"$stderr" ||
    fail "the late check is not flagged: $stderr"
  [ "$(last_subject)" = "confirm $ID: safety check 1 (seen-at-school, unsafe)" ] || fail "$(last_subject)"

  # Taken into protective custody the same day, ex officio (職権).
  run --separate-stderr cs custody "$ID" start --date 2026-11-09 --basis 職権 --place "Central shelter"
  assert_success
  assert_output "custody $ID: custody 1 started (ex-officio) (status intake)"
  cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null || fail "assess failed"

  # Tuesday: the conference decides; the plan follows.
  clock "2026-11-10 16:00"
  run --separate-stderr cs conference "$ID" --kind plan --attendee sato --attendee tanaka \
    --decision "Custody continues while the plan is made"
  assert_success
  [ "$(last_subject)" = "conference $ID: conference 1 (plan), 2 attendees" ] || fail "$(last_subject)"
  cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null || fail "plan failed"

  # A younger sibling opened as a case of its own, and linked: both records in one commit.
  clock "2026-11-12 09:00"
  [ "$(new_case --name "山田 次郎" --birth-date 2020-05-01 --sex male 2>/dev/null)" = "$SIBLING" ] ||
    fail "the sibling's case is not $SIBLING"
  run --separate-stderr cs link "$ID" "$SIBLING" --relation sibling
  assert_success
  [ "$(git -C "$DIR" show --name-only --format= HEAD | sort | tr '\n' ' ')" = \
    "cases/2026/00/$ID/case.yaml cases/2026/00/$SIBLING/case.yaml " ] || fail "link did not change both records"

  # The mother consents to the plan being shared with the regional council (要対協); it is shared.
  clock "2026-11-20 10:00"
  cs consent "$ID" --party regional-council --scope share-plan --given-by mother --expires 2027-11-20 >/dev/null ||
    fail "consent failed"
  run --separate-stderr cs share "$ID" --with regional-council --what plan --consent 1
  assert_success
  [ "$(last_subject)" = "share $ID: disclosure 1 (plan) on consent 1" ] || fail "$(last_subject)"

  # Sato goes on leave: the supervisor hands the case to Ito.
  clock "2026-12-01 09:00"
  run --separate-stderr cs --worker tanaka assign "$ID" ito --reason leave
  assert_success
  [ "$(json_of 'r["worker"]')" = ito ] || fail "the worker in charge is not ito"

  # Ito reviews: every goal achieved, decision close.
  export CASECTL_WORKER=ito
  clock "2026-12-10 10:00"
  cs review "$ID" --file "$STAGE_FORMS/review-achieved.yaml" >/dev/null || fail "review failed"

  # The custody's two months end on 2027-01-08: extended with the council's approval.
  clock "2027-01-05 10:00"
  run --separate-stderr cs custody "$ID" extend --until 2027-03-05 --approved-by 児童福祉審議会
  assert_success
  assert_output "custody $ID: custody 1 extended until 2027-03-05 (council) (status active)"

  # Closing while the child is still in custody is refused, nothing written.
  clock "2027-01-06 10:00"
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "Back home, school attendance steady"
  assert_refused close.custody-open

  # The custody ends; the case closes.
  clock "2027-01-20 10:00"
  run --separate-stderr cs custody "$ID" end --outcome returned-home
  assert_success
  clock "2027-01-21 10:00"
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "Back home, school attendance steady"
  assert_success
  assert_status closed

  # Every step was one commit by the worker who acted; the records are valid.
  run --separate-stderr cs validate
  assert_success
  run git -C "$DIR" log --format='%an|%s' -- "cases/2026/00/$ID/case.yaml"
  assert_success
  local want
  want="$(printf '%s\n' \
    "Ito Mei|close $ID: closure 1, goals-achieved" \
    "Ito Mei|custody $ID: custody 1 ended (returned-home)" \
    "Ito Mei|custody $ID: custody 1 extended until 2027-03-05 (council)" \
    "Ito Mei|review $ID: review 1, decision close, risk low" \
    "Tanaka Ken|assign $ID: handed from sato to ito (leave)" \
    "Sato Yuki|share $ID: disclosure 1 (plan) on consent 1" \
    "Sato Yuki|consent $ID: consent 1 recorded" \
    "Sato Yuki|link $ID: sibling $SIBLING" \
    "Sato Yuki|plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" \
    "Sato Yuki|conference $ID: conference 1 (plan), 2 attendees" \
    "Sato Yuki|assess $ID: risk high, safety unsafe" \
    "Sato Yuki|custody $ID: custody 1 started (ex-officio)" \
    "Sato Yuki|confirm $ID: safety check 1 (seen-at-school, unsafe)" \
    "Sato Yuki|new $ID: urgent referral from school")"
  [ "$output" = "$want" ] || fail "the history is not the story: $output"
  # Nothing personal in any commit message: no name, no place, no decision text.
  ! git -C "$DIR" log --format=%B | grep -qE "山田|Yamada|Central shelter|Custody continues|mother" ||
    fail "a commit message carries personal data"
}
