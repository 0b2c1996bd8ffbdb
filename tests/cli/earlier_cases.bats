# Earlier cases of the same person (issue 11): `new` warns on stderr (exit 0, stdout still the ID
# alone) when a case with the same name (NFKC, case and every space ignored) and birth date
# exists, naming its ID and status only; `new --link-previous` links the new case to it in the
# same commit; `list --name` finds cases by part of the name. Also new's --category and the
# safety-check deadline it prints.

bats_require_minimum_version 1.5.0
load helpers

NEW=C-2026-0002
new_file() { echo "cases/2026/00/$NEW/case.yaml"; }

@test "new warns of an earlier case with the same name and birth date: ID and status only, exit 0" {
  case_at closed
  day 2026-12-20
  snapshot
  run --separate-stderr new_case --date 2026-12-20
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  assert_output "$NEW"
  [ "$stderr" = "casectl: warning: earlier case $ID (status closed) has the same name and birth date" ] ||
    fail "stderr: $stderr"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not one commit"
  assert_commit_files "$(new_file)"
  ! grep -q '^links:' "$DIR/$(new_file)" || fail "linked without --link-previous"
}

@test "the match ignores full-width letters, ideographic spaces and case (NFKC)" {
  make_dir
  day 2026-11-02
  new_case --name "Yamada Hanako" >/dev/null
  run --separate-stderr new_case --name "ＹＡＭＡＤＡ　ＨＡＮＡＫＯ"
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  assert_output "$NEW"
  grep -qF "earlier case $ID (status intake)" <<<"$stderr" || fail "no warning: $stderr"
  refute_output --partial "ＹＡＭＡＤＡ"
  grep -qi "yamada" <<<"$stderr" && fail "the name is in the message: $stderr"
  run --separate-stderr new_case --name "山田　　花子"
  [ "$status" -eq 0 ] || fail "exit $status"
  [ -z "$stderr" ] || fail "山田 花子 is not Yamada Hanako, but: $stderr"
  run --separate-stderr new_case --name "山田花子"
  grep -qF "earlier case C-2026-0003 (status intake)" <<<"$stderr" || fail "no warning: $stderr"
  grep -qF "山田" <<<"$stderr" && fail "the name is in the message: $stderr"
  true
}

@test "no warning for the same name with another birth date, or another name" {
  make_dir
  day 2026-11-02
  new_case >/dev/null
  run --separate-stderr new_case --birth-date 2019-01-01
  [ "$status" -eq 0 ] && [ -z "$stderr" ] || fail "exit $status, stderr: $stderr"
  run --separate-stderr new_case --name "山田 花"
  [ "$status" -eq 0 ] && [ -z "$stderr" ] || fail "exit $status, stderr: $stderr"
}

@test "new --link-previous links the new case to the earlier one in the same commit" {
  case_at closed
  day 2026-12-20
  snapshot
  run --separate-stderr new_case --date 2026-12-20 --link-previous
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  assert_output "$NEW"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not one commit"
  assert_commit_files "$(new_file)" "$(case_file)"
  [ "$(git -C "$DIR" log -1 --format=%s)" = "new $NEW: urgent referral from school, previous-case $ID" ] ||
    fail "subject: $(git -C "$DIR" log -1 --format=%s)"
  run grep -A2 '^links:$' "$DIR/$(new_file)"
  assert_output "links:
  - case: $ID
    relation: previous-case"
  run grep -A2 '^links:$' "$DIR/$(case_file)"
  assert_output "links:
  - case: $NEW
    relation: previous-case"
  assert_status closed
  run --separate-stderr cs validate
  assert_success
  assert_clean
}

@test "new --link-previous with no earlier case exits 4, nothing written" {
  make_dir
  day 2026-11-02
  new_case >/dev/null
  snapshot
  run --separate-stderr new_case --name "佐藤 一郎" --link-previous
  [ "$status" -eq 4 ] || fail "expected exit 4, got $status"
  assert_unchanged
}

@test "list --name finds cases by part of the name, after NFKC with spaces ignored" {
  make_dir
  day 2026-11-02
  new_case >/dev/null
  new_case --name "Yamada Taro" --birth-date 2016-01-01 >/dev/null
  new_case --name "佐藤 一郎" --birth-date 2015-01-01 >/dev/null
  run --separate-stderr cs list --name "田　花" --format csv
  assert_success
  assert_output --partial "C-2026-0001"
  refute_output --partial "C-2026-0002"
  refute_output --partial "C-2026-0003"
  run --separate-stderr cs list --name "ＹＡＭＡＤＡ" --format csv
  assert_output --partial "C-2026-0002"
  refute_output --partial "C-2026-0001"
  run --separate-stderr cs list --name "鈴木" --format csv
  assert_success
  refute_output --partial "C-2026-"
}

@test "new --category sets referral.category, by code or Japanese label" {
  make_dir
  day 2026-11-02
  new_case --category protection >/dev/null
  [ "$(json_of 'r["referral"]["category"]')" = protection ]
  ID=C-2026-0002
  new_case --name "佐藤 一郎" --category 非行相談 >/dev/null
  [ "$(json_of 'r["referral"]["category"]')" = delinquency ]
  run --separate-stderr new_case --category gossip
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status"
}

@test "new prints the safety-check deadline on stderr; stdout stays the ID" {
  make_dir
  day 2026-11-02
  run --separate-stderr new_case --received "2026-11-01 09:30" --date 2026-11-01
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  assert_output "$ID"
  [ "$stderr" = "safety check due by 2026-11-03 09:30 (48 h after the report was received)" ] ||
    fail "stderr: $stderr"
}

# The index's stored HEAD (meta "head"), or a new value for it.
index_head() {
  python3 - "$DIR/.casectl/index.sqlite" "${1:-}" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
if sys.argv[2]:
    db.execute("UPDATE meta SET value=? WHERE key='head'", (sys.argv[2],))
    db.commit()
print(db.execute("SELECT value FROM meta WHERE key='head'").fetchone()[0])
PY
}

@test "new reads only the cases committed since the index's last refresh, and moves the index on" {
  make_dir
  day 2026-11-02
  new_case --name "Suzuki Taro" >/dev/null        # C-2026-0001; the first new builds the index
  casectl -C "$DIR" list >/dev/null
  [ "$(index_head)" = "$(git -C "$DIR" rev-parse HEAD)" ] || fail "list did not store HEAD"
  # A plain git commit renames the child of C-2026-0001: found by comparing trees, not by a scan.
  sed -i 's/^  name: Suzuki Taro$/  name: 山田 花子/' "$DIR/cases/2026/00/$ID/case.yaml"
  git -C "$DIR" commit -qam "hand edit"
  run --separate-stderr new_case
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  [ "$stderr" = "casectl: warning: earlier case $ID (status intake) has the same name and birth date" ] ||
    fail "stderr: $stderr"
  [ "$(index_head)" = "$(git -C "$DIR" rev-parse HEAD~1)" ] || fail "the index's HEAD did not move to the commit new read"
  # An uncommitted copy made by hand after the refresh is not looked for (no scan of every case) ...
  mkdir -p "$DIR/cases/2026/00/C-2026-0009"
  sed 's/C-2026-0001/C-2026-0009/' "$DIR/cases/2026/00/$ID/case.yaml" >"$DIR/cases/2026/00/C-2026-0009/case.yaml"
  run --separate-stderr new_case
  grep -qF "C-2026-0009" <<<"$stderr" && fail "new scanned every case: $stderr"
  grep -qF "earlier case C-2026-0002" <<<"$stderr" || fail "the case new made is not found: $stderr"
  # ... until list refreshes the index.
  casectl -C "$DIR" list >/dev/null
  run --separate-stderr new_case
  grep -qF "earlier case C-2026-0009 (status intake)" <<<"$stderr" || fail "after list: $stderr"
}

@test "when the index's HEAD is not in the history (rewritten), new refreshes the whole index" {
  make_dir
  day 2026-11-02
  new_case --name "Suzuki Taro" >/dev/null
  casectl -C "$DIR" list >/dev/null
  mkdir -p "$DIR/cases/2026/00/C-2026-0009"
  sed 's/C-2026-0001/C-2026-0009/; s/^  name: Suzuki Taro$/  name: 山田 花子/' \
    "$DIR/cases/2026/00/$ID/case.yaml" >"$DIR/cases/2026/00/C-2026-0009/case.yaml"
  index_head 0123456789abcdef0123456789abcdef01234567 >/dev/null
  run --separate-stderr new_case
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  grep -qF "earlier case C-2026-0009 (status intake)" <<<"$stderr" || fail "no full refresh: $stderr"
  [ "$(index_head)" != 0123456789abcdef0123456789abcdef01234567 ] || fail "the stored HEAD was kept"
}
