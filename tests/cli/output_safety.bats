#!/usr/bin/env bats
# What casectl writes is safe to open and to look at (SPEC section 8): a CSV cell a spreadsheet
# would run as a formula is made inert; no control character, bidirectional control or line
# separator from a record or an argument reaches the terminal raw (show, list, error messages);
# a multi-line value cannot forge lines of its own; show --format yaml refuses a malformed file.

load helpers

# Bytes that must never reach a terminal raw: RIGHT-TO-LEFT OVERRIDE (U+202E), LINE SEPARATOR
# (U+2028) and ESC (the start of every terminal escape sequence).
RLO="$(printf '\342\200\256')"
LSEP="$(printf '\342\200\250')"
ESC="$(printf '\033')"
HOSTILE="A${RLO}B${LSEP}C${ESC}[31mD${ESC}]0;title$(printf '\007')E"

# Fails unless the file $1 ($2 names what it holds) has none of RLO, LSEP, ESC, BEL.
assert_no_raw() {
  local what
  for what in "$RLO" "$LSEP" "$ESC" "$(printf '\007')"; do
    if LC_ALL=C grep -qF -- "$what" "$1"; then
      fail "$2 carries a raw $(printf '%s' "$what" | od -An -tx1 | tr -d ' '): $(cat -v "$1")"
    fi
  done
}

# A case (the next ID) for a client called $1; prints its ID.
named_case() {
  casectl -C "$DIR" --worker sato new --name "$1" --birth-date 2018-04-12 --source school \
    --urgency urgent --concern physical-abuse --reason "Bruises on both arms"
}

@test "list --format csv: a name that is a formula comes out inert, numbers stay numbers" {
  make_dir
  named_case '=HYPERLINK("http://x","y")' >/dev/null
  named_case '@SUM(1+1)' >/dev/null
  named_case '-2+3' >/dev/null
  named_case '+1' >/dev/null
  named_case 'Plain - name' >/dev/null
  run --separate-stderr casectl -C "$DIR" --format csv list
  assert_success
  python3 - "$output" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
names = [r["name"] for r in rows]
assert names == ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1+1)", "'-2+3", "'+1", "Plain - name"], names
for r in rows:
    assert r["age"] == "8", r
PY
  # No cell of any row starts a formula.
  run python3 -c '
import csv, io, sys
for row in csv.reader(io.StringIO(sys.stdin.read())):
    for cell in row:
        assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), row
' <<<"$output"
  assert_success
  # JSON keeps the name exactly as written.
  run casectl -C "$DIR" --format json list
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r[0]["name"] == "=HYPERLINK(\"http://x\",\"y\")", r' "$output"
}

@test "show never prints a raw bidirectional control, line separator or escape from a name" {
  make_dir
  [ "$(named_case "$HOSTILE")" = C-2026-0001 ]
  casectl -C "$DIR" show C-2026-0001 >"$T/out"
  assert_no_raw "$T/out" show
  # Shown as visible escapes instead.
  grep -qF 'A\u202eB\u2028C\x1b[31mD\x1b]0;title\x07E' "$T/out" || fail "not escaped: $(cat -v "$T/out")"
  # The record and JSON keep the text exactly.
  run casectl -C "$DIR" --format json show C-2026-0001
  python3 -c 'import json,sys; n=json.loads(sys.argv[1])["client"]["name"]; assert n == sys.argv[2], n' \
    "$output" "$HOSTILE"
}

@test "list (table) never prints a raw bidirectional control, line separator or escape" {
  make_dir
  named_case "$HOSTILE" >/dev/null
  named_case "Ann Lee" >/dev/null
  casectl -C "$DIR" list >"$T/out"
  assert_no_raw "$T/out" list
  grep -qF 'A\u202eB\u2028C\x1b[31mD' "$T/out" || fail "not escaped: $(cat -v "$T/out")"
  # Still aligned: the AGE column ends at the same display column on both rows.
  run python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
ends = [l.index(" 8  ") for l in lines[1:]]
assert len(set(ends)) == 1, lines
' "$T/out"
  assert_success
}

@test "an error message never prints a raw bidirectional control, line separator or escape" {
  make_dir
  named_case "Ann Lee" >/dev/null
  run --separate-stderr casectl -C "$DIR" --format "$HOSTILE" list
  assert_failure 2
  printf '%s' "$stderr" >"$T/err"
  assert_no_raw "$T/err" "stderr of --format"
  grep -qF 'A\u202eB' "$T/err" || fail "not escaped: $(cat -v "$T/err")"
  run --separate-stderr casectl -C "$DIR" show "C-2026-${RLO}0001"
  assert_failure
  printf '%s' "$stderr" >"$T/err"
  assert_no_raw "$T/err" "stderr of show"
}

@test "a line feed in an argument cannot forge an error line of its own" {
  make_dir
  run --separate-stderr casectl -C "$DIR" --format "x
casectl: all is well" list
  assert_failure 2
  if grep -q '^casectl: all is well' <<<"$stderr"; then fail "forged line: $stderr"; fi
  grep -q '^  casectl: all is well' <<<"$stderr" || fail "not indented: $stderr"
}

@test "show: every further line of a multi-line name is indented under its field" {
  make_dir
  named_case "Yamada Hanako
Status          closed
C-2026-0099  closed  (worker tanaka)" >/dev/null
  run --separate-stderr casectl -C "$DIR" show C-2026-0001
  assert_success
  assert_line --index 0 'C-2026-0001  intake  (worker sato)'
  assert_line --regexp '^Client +Yamada Hanako$'
  assert_line '                Status          closed'
  assert_line --regexp '^                C-2026-0099  closed  \(worker tanaka\), born 2018-04-12'
  refute_line --regexp '^Status'
  refute_line --regexp '^C-2026-0099'
  # Exactly one line starts with a case ID: the summary's own first line.
  [ "$(grep -c '^C-' <<<"$output")" = 1 ] || fail "$output"
}

@test "list: a multi-line name stays on its row, its line feed shown as \\n" {
  make_dir
  named_case "Yamada
C-2026-0099  closed" >/dev/null
  run --separate-stderr casectl -C "$DIR" list
  assert_success
  assert_equal "${#lines[@]}" 2
  assert_line --index 1 --partial 'Yamada\nC-2026-0099  closed'
}

@test "show --format yaml refuses a malformed case.yaml (exit 6, FILE:LINE:COL) and prints nothing" {
  make_dir
  named_case "Ann Lee" >/dev/null
  f="$(rec C-2026-0001)"
  # A sound file: its exact bytes.
  casectl -C "$DIR" --format yaml show C-2026-0001 >"$T/out"
  cmp "$T/out" "$f"
  # A duplicate key.
  printf 'status: closed\n' >>"$f"
  line="$(wc -l <"$f")"
  run --separate-stderr casectl -C "$DIR" --format yaml show C-2026-0001
  assert_failure 6
  [ -z "$output" ] || fail "printed: $output"
  [[ "$stderr" == *"cases/2026/00/C-2026-0001/case.yaml:$line:1: duplicate key \"status\""* ]] || fail "$stderr"
  # Not YAML at all.
  printf 'client: [unclosed\n' >"$f"
  run --separate-stderr casectl -C "$DIR" --format yaml show C-2026-0001
  assert_failure 6
  [ -z "$output" ] || fail "printed: $output"
  [[ "$stderr" =~ case\.yaml:[0-9]+:[0-9]+: ]] || fail "$stderr"
}

@test "list --format csv: full-width ＝＋－＠ (a Japanese spreadsheet runs them too) come out inert" {
  make_dir
  named_case '＝HYPERLINK("http://x","y")' >/dev/null
  named_case '＋1' >/dev/null
  named_case '－2' >/dev/null
  named_case '＠SUM(1)' >/dev/null
  named_case '山田 ＝ 花子' >/dev/null
  run --separate-stderr casectl -C "$DIR" --format csv list
  assert_success
  python3 - "$output" <<'PY'
import csv, io, sys
names = [r["name"] for r in csv.DictReader(io.StringIO(sys.argv[1]))]
assert names == ["'＝HYPERLINK(\"http://x\",\"y\")", "'＋1", "'－2", "'＠SUM(1)", "山田 ＝ 花子"], names
PY
}

@test "the record file, show --format json|yaml and list --format json carry no raw bidi control or line separator" {
  make_dir
  named_case "$HOSTILE" >/dev/null
  f="$(rec C-2026-0001)"
  # The writer escapes them in the record itself ("\u202E"), and reading it back gives the name.
  assert_no_raw "$f" "case.yaml"
  grep -qF '\u202E' "$f" || fail "case.yaml does not escape U+202E: $(cat "$f")"
  casectl -C "$DIR" --format json show C-2026-0001 >"$T/show.json"
  assert_no_raw "$T/show.json" "show --format json"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["client"]["name"] == sys.argv[2], r["client"]["name"]' \
    "$T/show.json" "$HOSTILE"
  casectl -C "$DIR" --format json list >"$T/list.json"
  assert_no_raw "$T/list.json" "list --format json"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[0]["name"] == sys.argv[2], r[0]["name"]' \
    "$T/list.json" "$HOSTILE"
  # A hand edit that puts raw ones into the file: yaml to a pipe stays the exact bytes (scripts),
  # validate --format json escapes what it quotes.
  printf 'schema: 1\nid: C-2026-0001\nstatus: [%s\n' "$RLO" >"$f"
  run --separate-stderr casectl -C "$DIR" --format json validate
  assert_failure 1
  printf '%s' "$output" >"$T/validate.json"
  assert_no_raw "$T/validate.json" "validate --format json"
}

@test "show --format yaml on a terminal escapes what a hand edit put raw into the file" {
  command -v script >/dev/null || skip "script (util-linux) is not installed"
  script -qec true /dev/null >/dev/null 2>&1 || skip "no pseudo-terminal can be made here (script fails)"
  make_dir
  named_case "Ann Lee" >/dev/null
  f="$(rec C-2026-0001)"
  sed -i "s/^  name: Ann Lee\$/  name: Ann${RLO}Lee/" "$f"
  grep -qF "$RLO" "$f" || fail "the hand edit did not take: $(cat "$f")"
  casectl -C "$DIR" --format yaml show C-2026-0001 >"$T/pipe"
  cmp "$T/pipe" "$f"
  script -qec "$CASECTL_BIN -C $DIR --format yaml show C-2026-0001" /dev/null >"$T/tty"
  grep -qF 'Ann\u202eLee' "$T/tty" || fail "not escaped on a terminal: $(cat -v "$T/tty")"
  assert_no_raw "$T/tty" "show --format yaml on a terminal"
}

@test "list warns of a record whose id disagrees with its folder, and show refuses it (exit 6)" {
  make_dir
  named_case "Ann Lee" >/dev/null
  named_case "Bo Chen" >/dev/null
  f="$(rec C-2026-0002)"
  sed -i 's/^id: C-2026-0002$/id: C-2026-0001/' "$f"
  run --separate-stderr casectl -C "$DIR" --format csv list
  assert_success
  [[ "$stderr" =~ cases/2026/00/C-2026-0002/case\.yaml:3:5:\ the\ record\'s\ id\ disagrees\ with\ its\ folder\ C-2026-0002 ]] ||
    fail "no warning: $stderr"
  assert_line --partial "C-2026-0002,unreadable"
  assert_line --partial "C-2026-0001,intake"
  run --separate-stderr casectl -C "$DIR" show C-2026-0002
  assert_failure 6
  [[ "$stderr" == *"case.yaml:3:5: the record's id disagrees with its folder C-2026-0002"* ]] || fail "$stderr"
  # Uncommitted, it is a hand edit (exit 5); committed with plain git, the change refuses it.
  run --separate-stderr casectl -C "$DIR" --worker sato note C-2026-0002 "seen" --kind other
  assert_failure 5
  git -C "$DIR" commit -qam "moved by hand"
  run --separate-stderr casectl -C "$DIR" --worker sato note C-2026-0002 "seen" --kind other
  assert_failure 6
  [[ "$stderr" == *"case.yaml:3:5: the record's id disagrees with its folder C-2026-0002"* ]] || fail "$stderr"
  run casectl -C "$DIR" validate C-2026-0002
  assert_failure 1
  assert_output --partial "record.id"
}
