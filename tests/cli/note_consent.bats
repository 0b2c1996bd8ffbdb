# casectl note and casectl consent: the contact log and consents to share information. Both append
# to the record in every status (closed included), one commit each, without changing the status;
# consent --withdraw N dates the withdrawal of consent N once.

bats_require_minimum_version 1.5.0
load helpers

# ---- note ----

@test "note appends to the contact log: one commit, status unchanged, text only in the file" {
  case_at active
  day 2026-11-12
  snapshot
  run --separate-stderr cs note "$ID" "Home visit: the grandmother says she sleeps well" --kind home-visit
  assert_committed "note $ID: home-visit on 2026-11-12" active
  assert_commit_files "$(case_file)"
  assert_status active
  [ "$(json_of 'len(r["notes"])')" = 1 ]
  [ "$(json_of 'r["notes"][0]["kind"]')" = home-visit ]
  [ "$(json_of 'r["notes"][0]["by"]')" = sato ]
  [ "$(json_of 'r["notes"][0]["date"]')" = 2026-11-12 ]
  [ "$(json_of 'r["notes"][0]["text"]')" = "Home visit: the grandmother says she sleeps well" ]
  run git -C "$DIR" log --format=%B
  refute_output --partial "grandmother"
  refute_output --partial "sleeps"
}

@test "a second note is appended after the first, dated --date, kind other by default" {
  case_at intake
  day 2026-11-05
  cs note "$ID" "電話で母と話した" --kind phone >/dev/null
  snapshot
  run --separate-stderr cs note "$ID" "Letter from the school" --date 2026-11-04
  EVENT_DATE=2026-11-04 assert_committed "note $ID: other on 2026-11-04" intake
  [ "$(json_of '" ".join(n["kind"] + "@" + n["date"] for n in r["notes"])')" = \
    "phone@2026-11-05 other@2026-11-04" ]
  [ "$(json_of 'r["notes"][0]["text"]')" = "電話で母と話した" ]
}

@test "note on a closed case is allowed and leaves it closed" {
  case_at closed
  day 2026-12-20
  snapshot
  run --separate-stderr cs note "$ID" "Follow-up call, all well" --kind phone
  assert_committed "note $ID: phone on 2026-12-20" closed
  assert_status closed
}

@test "a note as tanaka is authored by tanaka" {
  case_at intake
  day 2026-11-05
  snapshot
  run --separate-stderr env CASECTL_WORKER=tanaka "$CASECTL_BIN" -C "$DIR" note "$ID" "Case conference" \
    --kind meeting
  assert_committed "note $ID: meeting on 2026-11-05" intake tanaka
  [ "$(json_of 'r["notes"][0]["by"]')" = tanaka ]
}

@test "an empty note is refused (note.text-required)" {
  case_at intake
  day 2026-11-05
  snapshot
  run --separate-stderr cs note "$ID" "" --kind phone
  assert_refused note.text-required "note 1" "say what happened"
}

@test "an unknown note kind is a usage error naming the kinds, nothing written" {
  case_at intake
  snapshot
  run --separate-stderr cs note "$ID" "text" --kind email
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status: $stderr"
  grep -qF "home-visit" <<<"$stderr" || fail "the kinds are not named: $stderr"
  assert_unchanged
}

@test "a note dated after today is refused (dates.future)" {
  case_at intake
  day 2026-11-05
  snapshot
  run --separate-stderr cs note "$ID" "Visit" --date 2026-11-06
  assert_refused dates.future "note 1" "2026-11-06"
}

@test "a note dated before the referral is refused (dates.order)" {
  case_at intake
  day 2026-11-05
  snapshot
  run --separate-stderr cs note "$ID" "Visit" --date 2026-11-01
  assert_refused dates.order "note 1" "the referral" "on or after 2026-11-02"
}

@test "a hand edit of case.yaml not committed stops note with exit 5, nothing written" {
  case_at intake
  day 2026-11-05
  hand_edit
  run --separate-stderr cs note "$ID" "Visit" --kind phone
  assert_hand_edit_kept
}

# ---- consent ----

@test "consent appends a consent to share: one commit, status unchanged" {
  case_at active
  day 2026-11-12
  snapshot
  run --separate-stderr cs consent "$ID" --party school --scope share-plan --given-by mother \
    --expires 2027-11-12
  assert_committed "consent $ID: consent 1 recorded" active
  assert_commit_files "$(case_file)"
  [ "$(json_of 'len(r["consents"])')" = 1 ]
  [ "$(json_of 'r["consents"][0]["party"]')" = school ]
  [ "$(json_of 'r["consents"][0]["scope"]')" = share-plan ]
  [ "$(json_of 'r["consents"][0]["given_by"]')" = mother ]
  [ "$(json_of 'r["consents"][0]["date"]')" = 2026-11-12 ]
  [ "$(json_of 'r["consents"][0]["expires"]')" = 2027-11-12 ]
  [ "$(json_of 'r["consents"][0].get("withdrawn")')" = None ]
  day 2026-11-13
  snapshot
  run --separate-stderr cs consent "$ID" --party hospital --scope share-assessment --given-by mother
  assert_committed "consent $ID: consent 2 recorded" active
  [ "$(json_of '" ".join(c["party"] for c in r["consents"])')" = "school hospital" ]
}

@test "consent --withdraw N sets withdrawn on consent N only; withdrawing twice is refused" {
  case_at active
  day 2026-11-12
  cs consent "$ID" --party school --scope share-plan --given-by mother >/dev/null
  cs consent "$ID" --party hospital --scope share-plan --given-by mother >/dev/null
  day 2026-12-01
  snapshot
  run --separate-stderr cs consent "$ID" --withdraw 2
  assert_committed "consent $ID: consent 2 withdrawn" active
  [ "$(json_of 'r["consents"][1]["withdrawn"]')" = 2026-12-01 ]
  [ "$(json_of 'r["consents"][0].get("withdrawn")')" = None ]
  [ "$(json_of 'len(r["consents"])')" = 2 ]
  day 2026-12-02
  snapshot
  run --separate-stderr cs consent "$ID" --withdraw 2
  assert_refused consent.already-withdrawn "consent 2" "2026-12-01"
}

@test "withdrawing a consent the case does not have is refused" {
  case_at active
  day 2026-11-12
  cs consent "$ID" --party school --scope share-plan --given-by mother >/dev/null
  snapshot
  run --separate-stderr cs consent "$ID" --withdraw 3
  assert_refused consent.unknown "no consent 3" "the case has 1"
}

@test "a withdrawal dated before the consent is refused (dates.order), --date on the day is accepted" {
  case_at active
  day 2026-11-12
  cs consent "$ID" --party school --scope share-plan --given-by mother >/dev/null
  day 2026-12-01
  snapshot
  run --separate-stderr cs consent "$ID" --withdraw 1 --date 2026-11-11
  assert_refused dates.order "withdrawal of consent 1" "on or after 2026-11-12"
  run --separate-stderr cs consent "$ID" --withdraw 1 --date 2026-11-12
  EVENT_DATE=2026-11-12 assert_committed "consent $ID: consent 1 withdrawn" active
  [ "$(json_of 'r["consents"][0]["withdrawn"]')" = 2026-11-12 ]
}

@test "a consent needs party, scope and who gave it (consent.*-required)" {
  case_at active
  day 2026-11-12
  snapshot
  run --separate-stderr cs consent "$ID" --scope share-plan --given-by mother
  assert_refused consent.party-required "consent 1"
  run --separate-stderr cs consent "$ID" --party school --given-by mother
  assert_refused consent.scope-required "consent 1" "what may be shared"
  run --separate-stderr cs consent "$ID" --party school --scope share-plan
  assert_refused consent.given-by-required "consent 1" "who gave the consent"
}

@test "a consent expiring before it was given is refused (dates.order)" {
  case_at active
  day 2026-11-12
  snapshot
  run --separate-stderr cs consent "$ID" --party school --scope share-plan --given-by mother \
    --expires 2026-11-01
  assert_refused dates.order "expiry of consent 1" "on or after 2026-11-12"
}

@test "a consent dated after today is refused (dates.future)" {
  case_at active
  day 2026-11-12
  snapshot
  run --separate-stderr cs consent "$ID" --party school --scope share-plan --given-by mother \
    --date 2026-11-13
  assert_refused dates.future "consent 1" "2026-11-13"
}

@test "consent on a closed case is refused (status.transition, exit 3): reopen it first" {
  case_at closed
  day 2026-12-20
  snapshot
  run --separate-stderr cs consent "$ID" --party school --scope share-closure --given-by mother
  assert_refused status.transition "not allowed while the case is closed" "casectl reopen"
}

@test "a consent is withdrawn on a closed case too (the family's right), leaving it closed" {
  case_at achieved
  cs consent "$ID" --party school --scope share-plan --given-by mother >/dev/null || fail "consent failed"
  day 2026-12-11
  cs close "$ID" --reason goals-achieved --evaluation "Went well" >/dev/null || fail "close failed"
  day 2026-12-20
  snapshot
  run --separate-stderr cs consent "$ID" --withdraw 1
  assert_committed "consent $ID: consent 1 withdrawn" closed
}
@test "a hand edit of case.yaml not committed stops consent with exit 5, nothing written" {
  case_at active
  day 2026-11-12
  hand_edit
  run --separate-stderr cs consent "$ID" --party school --scope share-plan --given-by mother
  assert_hand_edit_kept
}
