#!/usr/bin/env bats
# casectl new: opening a case from flags, from a form file and from stdin; the record, its folder,
# its one commit; and every refusal leaving the case directory as it was.

load helpers

@test "new from flags prints the ID alone and writes cases/2026/00/C-2026-0001/case.yaml" {
  make_dir
  run --separate-stderr new_case
  assert_success
  assert_output C-2026-0001
  [ -z "$stderr" ]
  f="$DIR/cases/2026/00/C-2026-0001/case.yaml"
  [ -f "$f" ]
  run cat "$f"
  assert_line --index 0 --regexp '^# .*schema 1'
  assert_line "schema: 1"
  assert_line "id: C-2026-0001"
  assert_line "status: intake"
  assert_line "opened: 2026-11-10"
  assert_line "worker: sato"
  assert_line "  name: 山田 花子"
  assert_line "  birth_date: 2018-04-12"
  assert_line "  sex: female"
  assert_line "  source: school"
  assert_line "  urgency: urgent"
  assert_line "    - physical-abuse"
  assert_line "  reason: Bruises on both arms"
  # The referral date defaults to the opening date.
  assert_line "  date: 2026-11-10"
  assert_equal "$(rec C-2026-0001)" "$f"
}

@test "new makes exactly one commit, by the acting worker, with the message of SPEC section 6" {
  make_dir
  before="$(commit_count)"
  new_case
  assert_equal "$(commit_count)" $((before + 1))
  assert_equal "$(git -C "$DIR" log -1 --format='%an <%ae>|%cn <%ce>')" \
    "Sato Yuki <sato@example.org>|Sato Yuki <sato@example.org>"
  assert_equal "$(git -C "$DIR" log -1 --format=%s)" "new C-2026-0001: urgent referral from school"
  run git -C "$DIR" log -1 --format=%b
  assert_line "Case: C-2026-0001"
  assert_line "Stage: intake"
  assert_line "Worker: sato"
  # The commit holds the record and nothing else.
  run git -C "$DIR" show --name-only --format= HEAD
  assert_output cases/2026/00/C-2026-0001/case.yaml
  assert_equal "$(git -C "$DIR" log -1 --format=%ad --date=short)" 2026-11-10
  assert_clean
}

@test "no personal data reaches the commit messages, authors or branch names" {
  make_dir
  new_case --school "桜町小学校" --reporter "担任 佐々木" >/dev/null
  casectl -C "$DIR" --worker sato new --file "$FORMS/full.yaml" >/dev/null
  meta="$(git -C "$DIR" log --all --format='%an%n%ae%n%cn%n%ce%n%B'; git -C "$DIR" for-each-ref --format='%(refname)')"
  for secret in 山田 花子 Bruises 桜町 佐々木 2018-04-12 鈴木 一郎 梅ヶ丘 "Child left alone" 2015-06-30 隣人; do
    if grep -qF -- "$secret" <<<"$meta"; then
      fail "personal data \"$secret\" in git metadata"
    fi
  done
  # ...while the records do hold it (so the grep above could find it).
  grep -qF 山田 "$(rec C-2026-0001)"
  grep -qF 梅ヶ丘 "$(rec C-2026-0002)"
}

@test "the record is 0600 and its folders 0700 even with umask 022" {
  make_dir
  umask 022
  new_case >/dev/null
  assert_equal "$(stat -c %a "$DIR/cases/2026/00/C-2026-0001/case.yaml")" 600
  for d in cases cases/2026 cases/2026/00 cases/2026/00/C-2026-0001; do
    assert_equal "$d $(stat -c %a "$DIR/$d")" "$d 700"
  done
}

@test "IDs count up within the year" {
  make_dir
  run new_case
  assert_output C-2026-0001
  run --separate-stderr new_case  # the same name and birth date: a warning on stderr
  assert_output C-2026-0002
  run --separate-stderr new_case --urgency routine
  assert_output C-2026-0003
  [ -f "$DIR/cases/2026/00/C-2026-0003/case.yaml" ]
  assert_equal "$(git -C "$DIR" log -1 --format=%s)" "new C-2026-0003: routine referral from school"
}

@test "the 100th case of a year goes to shard 01" {
  make_dir
  new_case >/dev/null
  # Case 0099 committed with plain git (opening 98 cases one by one would be slow).
  mkdir -p "$DIR/cases/2026/00/C-2026-0099"
  sed 's/^id: C-2026-0001$/id: C-2026-0099/' "$(rec C-2026-0001)" >"$DIR/cases/2026/00/C-2026-0099/case.yaml"
  git -C "$DIR" add cases && git -C "$DIR" commit -qm "case 99 by hand"
  run --separate-stderr new_case
  assert_success
  assert_output C-2026-0100
  [ -f "$DIR/cases/2026/01/C-2026-0100/case.yaml" ]
  grep -qx "id: C-2026-0100" "$DIR/cases/2026/01/C-2026-0100/case.yaml"
  run --separate-stderr new_case
  assert_output C-2026-0101
  [ -f "$DIR/cases/2026/01/C-2026-0101/case.yaml" ]
  run casectl -C "$DIR" path C-2026-0100
  assert_output "$DIR/cases/2026/01/C-2026-0100"
  assert_clean
}

@test "--opened in another year numbers the case in that year" {
  make_dir
  new_case >/dev/null
  run --separate-stderr new_case --opened 2025-12-20
  assert_success
  assert_output C-2025-0001
  f="$DIR/cases/2025/00/C-2025-0001/case.yaml"
  [ -f "$f" ]
  grep -qx "opened: 2025-12-20" "$f"
  grep -qx "  date: 2025-12-20" "$f"
  run --separate-stderr new_case
  assert_output C-2026-0002
}

@test "--date sets the referral date before the opening" {
  make_dir
  new_case --date 2026-11-01 >/dev/null
  grep -qx "  date: 2026-11-01" "$(rec C-2026-0001)"
  grep -qx "opened: 2026-11-10" "$(rec C-2026-0001)"
}

@test "--concern repeats; optional --address, --school, --reporter are recorded" {
  make_dir
  new_case --concern neglect --school "桜町小学校" --reporter "担任" >/dev/null
  run cat "$(rec C-2026-0001)"
  assert_line "    - physical-abuse"
  assert_line "    - neglect"
  assert_line "  address: 桜町2丁目5-3"
  assert_line "  school: 桜町小学校"
  assert_line "  reporter: 担任"
}

@test "new from --file writes the form's fields" {
  make_dir
  run --separate-stderr casectl -C "$DIR" --worker sato new --file "$FORMS/full.yaml"
  assert_success
  assert_output C-2026-0001
  run cat "$(rec C-2026-0001)"
  assert_line "  name: 鈴木 一郎"
  assert_line "  birth_date: 2015-06-30"
  assert_line "  - name: 鈴木 美穂"
  assert_line "    relation: mother"
  assert_line "  date: 2026-11-05"
  assert_line "  source: neighbour"
  assert_line "  urgency: immediate"
  assert_line "    - housing"
  assert_line "    Child left alone at night, no food in the flat."
  assert_equal "$(git -C "$DIR" log -1 --format=%s)" "new C-2026-0001: immediate referral from neighbour"
  assert_clean
}

@test "new from stdin (--file -) gives the same record as from the file" {
  make_dir
  casectl -C "$DIR" --worker sato new --file "$FORMS/full.yaml" >/dev/null
  run --separate-stderr casectl -C "$DIR" --worker sato new --file - <"$FORMS/full.yaml"
  assert_success
  assert_output C-2026-0002
  diff <(sed 's/C-2026-0001/ID/' "$(rec C-2026-0001)") <(sed 's/C-2026-0002/ID/' "$(rec C-2026-0002)")
}

@test "flags override the form's fields" {
  make_dir
  run casectl -C "$DIR" --worker sato new --file "$FORMS/full.yaml" --urgency routine --name "Override Name"
  assert_success
  grep -qx "  urgency: routine" "$(rec C-2026-0001)"
  grep -qx "  name: Override Name" "$(rec C-2026-0001)"
  grep -qx "  source: neighbour" "$(rec C-2026-0001)"
}

@test "the bundled example form opens a case" {
  make_dir
  run casectl -C "$DIR" --worker sato new --file "$CASECTL_SRC/examples/new-case.yaml"
  assert_success
  assert_output C-2026-0001
}

# --- refusals: nothing written ------------------------------------------------------------------

@test "missing source, urgency and concern: exit 3 naming every rule, nothing written" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --name "山田 花子" --reason "Bruises"
  assert_failure 3
  assert_output --partial "source"
  assert_output --partial "urgency"
  assert_output --partial "concern"
  assert_output --partial "nothing was written"
  # No personal data in the error.
  refute_output --partial 山田
  refute_output --partial Bruises
  assert_unchanged
}

@test "a form missing the required fields is refused by the same rules (exit 3)" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --file "$FORMS/missing-rules.yaml"
  assert_failure 3
  assert_output --partial "intake.source-required"
  assert_output --partial "intake.urgency-required"
  assert_output --partial "intake.concern-required"
  refute_output --partial 高橋
  assert_unchanged
}

@test "a value outside an enumeration in a flag is a usage error (exit 2) naming the allowed values" {
  make_dir
  snapshot
  run new_case --source schol
  assert_failure 2
  assert_output --partial "police"
  run new_case --urgency soon
  assert_failure 2
  assert_output --partial "immediate"
  run new_case --concern bruises
  assert_failure 2
  assert_output --partial "neglect"
  run new_case --sex f
  assert_failure 2
  assert_unchanged
}

@test "a date flag that is not a date is a usage error (exit 2)" {
  make_dir
  snapshot
  for bad in "--birth-date 2018-13-01" "--birth-date 2018-02-30" "--date 1/11/2026" "--opened yesterday" \
    "--birth-date 2018-4-12"; do
    # shellcheck disable=SC2086
    run new_case $bad
    assert_failure 2
    assert_output --partial "${bad%% *}"
  done
  assert_unchanged
}

@test "a referral or opening date after today is refused (exit 3), nothing written" {
  make_dir
  snapshot
  run new_case --date 2026-11-11
  assert_failure 3
  assert_output --partial "dates.future"
  run new_case --opened 2027-01-01
  assert_failure 3
  run casectl -C "$DIR" --worker sato new --file "$FORMS/future-date.yaml"
  assert_failure 3
  assert_output --partial "2027-01-15"
  assert_unchanged
}

@test "a referral after the opening is refused (exit 3)" {
  make_dir
  snapshot
  run new_case --date 2026-11-05 --opened 2026-11-01
  assert_failure 3
  assert_output --partial "dates.order"
  assert_unchanged
}

@test "a form with an unknown key: exit 6 at FILE:LINE:COL naming the allowed keys, nothing written" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --file "$FORMS/unknown-key.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: $FORMS/unknown-key.yaml:3:[0-9]+: .*colour"
  assert_output --partial "birth_date"
  run casectl -C "$DIR" --worker sato new --file "$FORMS/unknown-section.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: $FORMS/unknown-section.yaml:5:[0-9]+: .*assessments"
  assert_unchanged
}

@test "a form with a wrong type: exit 6 at FILE:LINE:COL, nothing written" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --file "$FORMS/wrong-type.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: $FORMS/wrong-type.yaml:6:[0-9]+: .*referral.concerns"
  assert_unchanged
}

@test "a form with a value outside an enumeration: exit 6 naming the allowed values" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --file "$FORMS/bad-enum.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: $FORMS/bad-enum.yaml:6:[0-9]+: .*very-urgent"
  assert_output --partial "immediate (immediate / 緊急), urgent (urgent / 至急), routine (routine / 通常)"
  run casectl -C "$DIR" --worker sato new --file "$FORMS/bad-date.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: $FORMS/bad-date.yaml:3:[0-9]+: .*birth_date"
  assert_unchanged
}

@test "a form with a YAML syntax error or not a map: exit 6 with a place, nothing written" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --file "$FORMS/syntax-error.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: $FORMS/syntax-error.yaml:[0-9]+:[0-9]+: "
  run casectl -C "$DIR" --worker sato new --file "$FORMS/not-a-map.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: $FORMS/not-a-map.yaml:1:1: "
  assert_unchanged
}

@test "a malformed form on stdin is placed as <stdin>" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --file - <"$FORMS/unknown-key.yaml"
  assert_failure 6
  assert_output --regexp "^casectl: <stdin>:3:[0-9]+: "
  assert_unchanged
}

@test "a form file that does not exist: exit 4 naming it, nothing written" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato new --file "$T/no-such-form.yaml"
  assert_failure 4
  assert_output --partial "no-such-form.yaml"
  assert_unchanged
}

@test "a form naming an unknown worker is refused (exit 3)" {
  make_dir
  snapshot
  printf 'worker: nobody\nreferral:\n  source: school\n  urgency: urgent\n  concerns: [neglect]\n' >"$T/f.yaml"
  run casectl -C "$DIR" --worker sato new --file "$T/f.yaml"
  assert_failure 3
  assert_output --partial nobody
  assert_unchanged
}

@test "a form may name the case's worker, who need not be the acting worker" {
  make_dir
  printf 'worker: tanaka\nreferral:\n  source: school\n  urgency: urgent\n  concerns: [neglect]\n' >"$T/f.yaml"
  run casectl -C "$DIR" --worker sato new --file "$T/f.yaml"
  assert_success
  grep -qx "worker: tanaka" "$(rec C-2026-0001)"
  assert_equal "$(git -C "$DIR" log -1 --format=%an)" "Sato Yuki"
}

@test "new killed at any of its mkdir calls leaves no empty folder, and the next new takes that ID" {
  # An empty case folder left by a kill would use up its ID (IDs are allocated from the folders);
  # folders are made only after the journal, and recovery removes those it leaves empty.
  command -v strace >/dev/null || skip "strace is not installed"
  strace -f -o /dev/null true 2>/dev/null || skip "strace cannot trace here (no ptrace)"
  make_dir
  new_case >/dev/null
  local base="$T/base" k n id want
  mv "$DIR" "$base"
  # The mkdir calls of a clean run, counted; then a kill at each of them.
  rm -rf "$DIR" && cp -a "$base" "$DIR"
  strace -f -qq -e trace=mkdir -o "$T/trace" "$CASECTL_BIN" -C "$DIR" --worker sato new --source police \
    --urgency routine --concern neglect >/dev/null 2>&1 || true
  n="$(grep -c 'mkdir(' "$T/trace")"
  [ "$n" -gt 4 ] || fail "only $n mkdir calls: the trace found too few"
  for ((k = 1; k <= n; k++)); do
    rm -rf "$DIR" && cp -a "$base" "$DIR"
    strace -f -qq -o /dev/null -e trace=mkdir -e inject=mkdir:signal=KILL:when="$k" \
      "$CASECTL_BIN" -C "$DIR" --worker sato new --source police --urgency routine --concern neglect \
      >/dev/null 2>&1 || true
    # The killed case exists whole (its commit made) or not at all; the next new follows it.
    want=C-2026-0002
    git -C "$DIR" cat-file -e HEAD:cases/2026/00/C-2026-0002/case.yaml 2>/dev/null && want=C-2026-0003
    id="$(new_case)" || fail "mkdir call $k: the next new failed"
    [ "$id" = "$want" ] || fail "mkdir call $k: the next new took $id, not $want"
    [ -z "$(find "$DIR/cases" -type d -empty)" ] || fail "mkdir call $k: empty folders: $(find "$DIR/cases" -type d -empty)"
    assert_clean
  done
}
