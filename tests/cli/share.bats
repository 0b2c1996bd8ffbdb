# casectl share: information shared with another party (a school, the regional council
# 要保護児童対策地域協議会), on a consent that covers the party and holds on the date, or on a legal
# basis (SPEC sections 3-5). One commit each, status unchanged, closed cases included; every
# refusal exits 3 with nothing written; validate reports each rule on a hand-broken record.
# The case is active from 2026-11-10 (case_at active); consent 1 is the school's, given by the
# mother on 2026-11-10, expiring 2027-11-10.

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

BASIS="Child Welfare Act art. 25-3"

# The active case with consent 1 (school), today 2026-11-12.
with_consent() {
  case_at active
  cs consent "$ID" --party school --scope share-plan --given-by mother --expires 2027-11-10 >/dev/null ||
    fail "consent failed"
  day 2026-11-12
}

# After validate on a hand-broken record: exit 1 and a line naming $ID and rule $1.
assert_validate_reports() {
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status: $output $stderr"
  grep -qE "^$(case_file):[0-9]+:[0-9]+: $ID: $1: " <<<"$output" || fail "validate does not report $1: $output"
}

# ---- accepted ----

@test "share on a consent: the disclosure as recorded, one commit, status unchanged" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1
  assert_committed "share $ID: disclosure 1 (plan) on consent 1" active
  assert_commit_files "$(case_file)"
  assert_status active
  [ "$(json_of 'len(r["disclosures"])')" = 1 ]
  local d
  d="$(cs show "$ID" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)["disclosures"][0]
print(json.dumps(d, sort_keys=True))')"
  [ "$d" = '{"by": "sato", "consent": 1, "date": "2026-11-12", "n": 1, "what": ["plan"], "with": "school"}' ] ||
    fail "disclosure is $d"
  grep -qE '^disclosures:$' "$DIR/$(case_file)" || fail "no disclosures section"
}

@test "share on a legal basis with the regional council: several --what, --date, the basis kept out of the commit" {
  with_consent
  day 2026-11-20
  snapshot
  run --separate-stderr cs share "$ID" --with regional-council --what assessment --what plan \
    --legal-basis "$BASIS" --date 2026-11-19
  EVENT_DATE=2026-11-19 assert_committed "share $ID: disclosure 1 (assessment, plan) on legal basis" active
  local d
  d="$(cs show "$ID" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)["disclosures"][0]
print(json.dumps(d, sort_keys=True, ensure_ascii=False))')"
  [ "$d" = '{"by": "sato", "date": "2026-11-19", "legal_basis": "Child Welfare Act art. 25-3", "n": 1, "what": ["assessment", "plan"], "with": "regional-council"}' ] ||
    fail "disclosure is $d"
  run git -C "$DIR" log -1 --format=%B
  refute_output --partial "Welfare Act"
  refute_output --partial "regional-council"
}

@test "share: --what by its Japanese label (支援計画, アセスメント) stores the codes" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --what 支援計画 --what アセスメント --consent 1
  assert_committed "share $ID: disclosure 1 (plan, assessment) on consent 1" active
  [ "$(json_of '" ".join(r["disclosures"][0]["what"])')" = "plan assessment" ]
}

@test "share: a second disclosure is numbered 2" {
  with_consent
  cs share "$ID" --with school --what plan --consent 1 >/dev/null
  snapshot
  run --separate-stderr cs share "$ID" --with regional-council --what record --legal-basis "$BASIS"
  assert_committed "share $ID: disclosure 2 (record) on legal basis" active
  [ "$(json_of 'r["disclosures"][1]["n"]')" = 2 ]
}

@test "share on a closed case is allowed and leaves it closed" {
  case_at closed
  day 2026-12-20
  snapshot
  run --separate-stderr cs share "$ID" --with regional-council --what record --legal-basis "$BASIS"
  assert_committed "share $ID: disclosure 1 (record) on legal basis" closed
  assert_status closed
}

@test "share --help names the parties, the values of --what and the grounds" {
  run cs share --help
  assert_success
  assert_output --partial "regional-council"
  assert_output --partial "plan | assessment | review | record | other"
  assert_output --partial "--consent"
  assert_output --partial "--legal-basis"
}

# ---- refused: exit 3, nothing written ----

@test "share without a consent or a legal basis is refused (share.ground-required)" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan
  assert_refused share.ground-required "disclosures[0]" "--legal-basis"
}

@test "share on a consent the case does not have is refused (share.consent-unknown)" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan --consent 2
  assert_refused share.consent-unknown "disclosures[0].consent" "consent 2"
}

@test "share with another party than the consent's is refused (share.consent-other-party), the party never quoted" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with Dr-Yamada --what plan --consent 1
  assert_refused share.consent-other-party "disclosures[0].consent" "consent 1"
  refute grep -q Yamada <<<"$stderr"
}

@test "share on a withdrawn consent is refused (share.consent-withdrawn), also on the day of the withdrawal" {
  with_consent
  cs consent "$ID" --withdraw 1 >/dev/null
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1
  assert_refused share.consent-withdrawn "disclosures[0].consent" "2026-11-12"
}

@test "share before a withdrawal, dated before it, is accepted" {
  with_consent
  day 2026-11-15
  cs consent "$ID" --withdraw 1 >/dev/null
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1 --date 2026-11-14
  EVENT_DATE=2026-11-14 assert_committed "share $ID: disclosure 1 (plan) on consent 1" active
}

@test "share on an expired consent is refused (share.consent-expired); on the expiry date it is accepted" {
  case_at active
  cs consent "$ID" --party school --scope share-plan --given-by mother --expires 2026-11-15 >/dev/null
  day 2026-11-16
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1
  assert_refused share.consent-expired "disclosures[0].consent" "2026-11-15"
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1 --date 2026-11-15
  EVENT_DATE=2026-11-15 assert_committed "share $ID: disclosure 1 (plan) on consent 1" active
}

@test "share dated before the consent was given is refused (share.consent-not-yet-given)" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1 --date 2026-11-09
  assert_refused share.consent-not-yet-given "disclosures[0].consent" "2026-11-10"
}

@test "share without --with is refused (share.with-required)" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --what plan --legal-basis "$BASIS"
  assert_refused share.with-required "disclosures[0].with"
}

@test "share without --what is refused (share.what-required)" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --consent 1
  assert_refused share.what-required "disclosures[0].what" "plan | assessment"
}

@test "share dated after today is refused (dates.future)" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1 --date 2026-11-13
  assert_refused dates.future "disclosures[0].date"
}

@test "share: an unknown --what, or both --consent and --legal-basis, is a usage error, nothing written" {
  with_consent
  snapshot
  run --separate-stderr cs share "$ID" --with school --what diary --consent 1
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status: $stderr"
  grep -qF "plan (plan / 支援計画), assessment (assessment / アセスメント)" <<<"$stderr" || fail "the values are not named: $stderr"
  assert_unchanged
  run --separate-stderr cs share "$ID" --with school --what plan --consent 1 --legal-basis "$BASIS"
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status: $stderr"
  assert_unchanged
}

@test "share on a case that does not exist exits 4, nothing written" {
  make_dir
  export CASECTL_WORKER=sato
  snapshot
  run --separate-stderr cs share C-2026-0042 --with school --what plan --legal-basis "$BASIS"
  [ "$status" -eq 4 ] || fail "expected exit 4, got $status: $stderr"
  assert_unchanged
}

# ---- validate on hand-broken records ----

# The case with disclosure 1 on consent 1 (school), committed; today 2026-11-12.
shared() {
  with_consent
  cs share "$ID" --with school --what plan --consent 1 >/dev/null || fail "share failed"
  run cs validate
  [ "$status" -eq 0 ] || fail "validate before the hand edit: $output"
}

@test "validate: a disclosure naming a consent that does not exist (share.consent-unknown)" {
  shared
  edit_section disclosures '^(\s*)consent: 1$' '\1consent: 7'
  assert_validate_reports share.consent-unknown
}

@test "validate: a disclosure to another party than the consent's (share.consent-other-party)" {
  shared
  edit_section disclosures '^(\s*)with: school$' '\1with: police'
  assert_validate_reports share.consent-other-party
}

@test "validate: a disclosure on a consent withdrawn before it (share.consent-withdrawn)" {
  shared
  edit_section consents '^(\s*)expires: 2027-11-10$' '\1expires: 2027-11-10\n\1withdrawn: 2026-11-11'
  assert_validate_reports share.consent-withdrawn
}

@test "validate: a disclosure on a consent expired before it (share.consent-expired)" {
  shared
  edit_section consents '^(\s*)expires: 2027-11-10$' '\1expires: 2026-11-11'
  assert_validate_reports share.consent-expired
}

@test "validate: a disclosure before its consent was given (share.consent-not-yet-given)" {
  shared
  edit_section disclosures '^(\s*)date: 2026-11-12$' '\1date: 2026-11-05'
  assert_validate_reports share.consent-not-yet-given
}

@test "validate: a disclosure with neither ground (share.ground-required)" {
  shared
  edit_section disclosures '^(\s*)consent: 1$' '\1legal_basis: ""'
  assert_validate_reports share.ground-required
}

@test "validate: a disclosure with both grounds (share.ground-both)" {
  shared
  edit_section disclosures '^(\s*)consent: 1$' '\1consent: 1\n\1legal_basis: Child Welfare Act'
  assert_validate_reports share.ground-both
}

@test "validate: a disclosure with no party (share.with-required)" {
  shared
  edit_section disclosures '^(\s*)with: school$' '\1with: ""'
  assert_validate_reports share.with-required
}

@test "validate: a disclosure that shared nothing (share.what-required)" {
  shared
  edit_section disclosures '^(\s*)what:$' '\1what: []'
  edit_section disclosures '^(\s*)- plan$' ''
  assert_validate_reports share.what-required
}

@test "validate: consents and disclosures are numbered in order (record.n-sequence)" {
  shared
  edit_section consents '^(\s*)- n: 1$' '\1- n: 4'
  assert_validate_reports record.n-sequence
  grep -qF "consent number 4 where 1 was expected" <<<"$output" || fail "consent 1's n not named: $output"
  git -C "$DIR" checkout -q -- .
  edit_section disclosures '^(\s*)- n: 1$' '\1- n: 2'
  assert_validate_reports record.n-sequence
  grep -qE "disclosure number 2 where 1 was expected" <<<"$output" || fail "disclosure 1's n not named: $output"
}
