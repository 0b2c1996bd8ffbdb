#!/usr/bin/env bats
# casectl list: one line per case as an aligned table (Japanese names included), csv or json;
# filters; --redact; unreadable records; the .casectl index is a cache only (NEXT DEADLINE:
# list_deadlines.bats).

load helpers

# Puts a whole record (tests/data/forms/record-*.yaml) in place as case $1, committed with git.
add_record() {
  local f
  f="$(rec "$1")"
  mkdir -p "$(dirname "$f")"
  sed "s/^id: .*/id: $1/" "$FORMS/$2" >"$f"
  git -C "$DIR" add "$f"
  git -C "$DIR" commit -qm "add $1 by hand"
}

# Four cases: 0001 山田 花子 (sato, intake, physical-abuse), 0002 鈴木 一郎 (form; sato, intake,
# neglect housing), 0003 John Smith (tanaka, active, risk high, domestic-violence),
# 0004 Ana (tanaka, intake, neglect).
four_cases() {
  make_dir
  new_case >/dev/null
  casectl -C "$DIR" --worker sato new --file "$FORMS/full.yaml" >/dev/null
  add_record C-2026-0003 record-active.yaml
  casectl -C "$DIR" --worker tanaka new --name Ana --birth-date 2020-02-02 --source family \
    --urgency routine --concern neglect >/dev/null
}

# The IDs in list's csv output (first column, header skipped), one a line.
ids_of() { tail -n +2 <<<"$1" | cut -d, -f1; }

@test "list prints a header and one line per case, in ID order" {
  four_cases
  run --separate-stderr casectl -C "$DIR" list
  assert_success
  [ -z "$stderr" ]
  assert_equal "${#lines[@]}" 5
  assert_line --index 0 --regexp '^ID +STATUS +WORKER +NAME +AGE +BORN +OPENED +URGENCY +RISK +SAFETY +OUTSTANDING +NEXT DEADLINE +CONCERNS$'
  assert_line --index 1 --regexp '^C-2026-0001 +intake +sato +山田 花子 +8 +2018-04-12 +2026-11-10 +urgent +assessment +assessment 2026-11-12 23:59 +physical-abuse$'
  assert_line --index 3 --regexp '^C-2026-0003 +active +tanaka +John Smith +14 +2012-01-20 +2026-10-02 +immediate +high +unsafe +review +OVERDUE review 2026-11-09 23:59 +domestic-violence$'
  assert_line --index 4 --regexp '^C-2026-0004 +intake +tanaka +Ana +'
}

@test "the table aligns every column with Japanese (double-width) names" {
  four_cases
  casectl -C "$DIR" --worker sato new --name "長谷川 あいうえおかきくけこ" --source self --urgency routine \
    --concern isolation >/dev/null
  run casectl -C "$DIR" list
  assert_success
  python3 - "$output" <<'PY'
import re, sys, unicodedata

def cells(line):
    """The line as terminal cells: a wide character fills two (the second is None)."""
    out = []
    for ch in line:
        out.append(ch)
        if unicodedata.east_asian_width(ch) in "WF":
            out.append(None)
    return out

lines = sys.argv[1].splitlines()
header = lines[0]
assert header.isascii(), header
start = {m.group(): m.start() for m in re.finditer(r"[A-Z]+", header)}
for line in lines[1:]:
    c = cells(line)
    text = lambda a, b: "".join(x for x in c[a:b] if x is not None)
    # Left-aligned columns after the name start exactly under their heading.
    for col in ("STATUS", "WORKER", "NAME", "OPENED", "URGENCY", "OUTSTANDING", "NEXT", "CONCERNS"):
        at = start[col]
        assert c[at - 1] == " " and c[at] not in (" ", None), (col, line)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text(start["OPENED"], start["OPENED"] + 10)), line
    # AGE is right-aligned: its last digit sits under the heading's last letter.
    end = start["AGE"] + 3
    if text(start["AGE"], end).strip():
        assert c[end - 1].isdigit() and c[end] == " ", ("AGE", line)
PY
}

@test "list --format csv: the stable header and one row per case, quoted where needed" {
  four_cases
  casectl -C "$DIR" --worker sato new --name 'Smith, "Jo"' --source school --urgency urgent \
    --concern other >/dev/null
  run --separate-stderr casectl -C "$DIR" --format csv list
  assert_success
  assert_line --index 0 "id,status,worker,name,age,birth_date,opened,urgency,risk,safety,outstanding,concerns,next_deadline,next_deadline_due,next_deadline_ref,next_deadline_urgent,next_deadline_overdue"
  assert_line --index 1 "C-2026-0001,intake,sato,山田 花子,8,2018-04-12,2026-11-10,urgent,,,assessment,physical-abuse,assessment,2026-11-12 23:59,,false,false"
  assert_line --index 3 "C-2026-0003,active,tanaka,John Smith,14,2012-01-20,2026-10-02,immediate,high,unsafe,review,domestic-violence,review,2026-11-09 23:59,plan 1,false,true"
  python3 - "$output" <<'PY'
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1])))
assert [r["id"] for r in rows] == ["C-2026-000%d" % i for i in range(1, 6)], rows
assert rows[4]["name"] == 'Smith, "Jo"', rows[4]
assert rows[1]["concerns"].split() == ["neglect", "housing"], rows[1]
PY
}

@test "list --format csv --bom: a byte order mark and CRLF line ends for spreadsheets; same cells" {
  four_cases
  casectl -C "$DIR" --worker sato new --name 'Smith, "Jo"' --source school --urgency urgent \
    --concern other >/dev/null
  casectl -C "$DIR" --format csv list >"$T/plain.csv"
  casectl -C "$DIR" --format csv list --bom >"$T/sheet.csv"
  [ "$(head -c 3 "$T/sheet.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no byte order mark"
  [ "$(grep -c $'\r$' "$T/sheet.csv")" -eq 6 ] || fail "not every line ends in CRLF: $(od -c "$T/sheet.csv" | head)"
  # Without the mark and the CRs it is the plain csv, byte for byte.
  tail -c +4 "$T/sheet.csv" | tr -d '\r' | cmp - "$T/plain.csv"
  python3 - "$T/sheet.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[4]["name"] == 'Smith, "Jo"' and rows[0]["name"] == "山田 花子", rows
PY
  run --separate-stderr casectl -C "$DIR" --format json list --bom
  assert_failure 2
  [[ "$stderr" == *"--bom is for --format csv"* ]] || fail "stderr: $stderr"
}

@test "list --format json parses, one object per case" {
  four_cases
  run --separate-stderr casectl -C "$DIR" --format json list
  assert_success
  python3 - "$output" <<'PY'
import json, sys
rows = json.loads(sys.argv[1])
assert [r["id"] for r in rows] == ["C-2026-0001", "C-2026-0002", "C-2026-0003", "C-2026-0004"], rows
r = rows[2]
assert (r["status"], r["worker"], r["name"], r["risk"], r["safety"], r["outstanding"]) == \
    ("active", "tanaka", "John Smith", "high", "unsafe", "review"), r
assert [r["outstanding"] for r in rows] == ["assessment", "assessment", "review", "assessment"], rows
assert rows[0]["name"] == "山田 花子", rows[0]
assert rows[0]["age"] == 8, rows[0]
assert rows[0]["concerns"] == ["physical-abuse"], rows[0]
assert all(isinstance(r["concerns"], list) for r in rows), rows
PY
}

@test "list filters by --status, --worker, --risk and --concern" {
  four_cases
  run casectl -C "$DIR" --format csv list --status active
  assert_success
  assert_equal "$(ids_of "$output")" "C-2026-0003"
  run casectl -C "$DIR" --format csv list --status intake
  assert_equal "$(ids_of "$output" | tr '\n' ' ')" "C-2026-0001 C-2026-0002 C-2026-0004 "
  run casectl -C "$DIR" --format csv list --worker tanaka
  assert_equal "$(ids_of "$output" | tr '\n' ' ')" "C-2026-0003 C-2026-0004 "
  run casectl -C "$DIR" --format csv list --risk high
  assert_equal "$(ids_of "$output")" "C-2026-0003"
  run casectl -C "$DIR" --format csv list --risk low
  assert_success
  assert_equal "$(ids_of "$output")" ""
  run casectl -C "$DIR" --format csv list --concern neglect
  assert_equal "$(ids_of "$output" | tr '\n' ' ')" "C-2026-0002 C-2026-0004 "
  # Filters combine (and), and a repeated filter is any of its values.
  run casectl -C "$DIR" --format csv list --concern neglect --worker sato
  assert_equal "$(ids_of "$output")" "C-2026-0002"
  run casectl -C "$DIR" --format csv list --status active --status closed
  assert_equal "$(ids_of "$output")" "C-2026-0003"
  run casectl -C "$DIR" --format csv list --worker sato --worker tanaka
  assert_equal "$(ids_of "$output" | wc -l)" 4
}

@test "list refuses a filter value outside its enumeration (exit 2)" {
  four_cases
  run casectl -C "$DIR" list --status open
  assert_failure 2
  assert_output --partial "intake"
  run casectl -C "$DIR" list --risk extreme
  assert_failure 2
  run casectl -C "$DIR" list --concern bruises
  assert_failure 2
}

@test "list --redact shows no names and no birth dates, in every format" {
  four_cases
  for fmt in table csv json; do
    run --separate-stderr casectl -C "$DIR" --format "$fmt" list --redact
    assert_success
    for secret in 山田 花子 鈴木 John Smith Ana 2018-04-12 2015-06-30 2012-01-20 2020-02-02 Bruises; do
      refute_output --partial "$secret"
    done
    assert_output --partial C-2026-0004
  done
  run casectl -C "$DIR" --format csv list --redact
  assert_line --index 0 --regexp '^id,status,worker,age,'
  assert_line --partial "C-2026-0003,active,tanaka,14,"
}

@test "a hand-broken record is reported on stderr; list still lists the others (exit 0)" {
  four_cases
  casectl -C "$DIR" list >/dev/null
  printf 'schema: 1\nid: C-2026-0002\nclient: [\n' >"$(rec C-2026-0002)"
  run --separate-stderr casectl -C "$DIR" --format csv list
  assert_success
  [[ "$stderr" == *"C-2026-0002"* ]] || fail "stderr does not name the case: $stderr"
  [[ "$stderr" == *"cannot be read"* ]] || fail "stderr does not say unreadable: $stderr"
  assert_line --partial "C-2026-0001,intake,sato,山田 花子"
  assert_line --partial "C-2026-0003,active"
  assert_line --partial "C-2026-0004,intake"
  assert_line --partial "C-2026-0002,unreadable"
  refute_output --partial "鈴木"
}

@test "list needs no acting worker and changes nothing in git" {
  four_cases
  snapshot
  run casectl -C "$DIR" list
  assert_success
  assert_unchanged
  assert_clean
}

@test "the index is only a cache: deleting .casectl changes nothing in what list shows" {
  four_cases
  casectl -C "$DIR" --format csv list >"$T/first.csv"
  rm -rf "$DIR/.casectl"
  run casectl -C "$DIR" --format csv list
  assert_success
  assert_equal "$output" "$(cat "$T/first.csv")"
  assert_equal "${#lines[@]}" 5
  # A broken index is rebuilt, too.
  for f in "$DIR"/.casectl/*; do
    [ "$(basename "$f")" = lock ] || printf 'garbage' >"$f"
  done
  run casectl -C "$DIR" --format csv list
  assert_success
  assert_equal "$output" "$(cat "$T/first.csv")"
}

@test "list sees new cases and changed files after the index was built" {
  four_cases
  casectl -C "$DIR" list >/dev/null
  new_case --name "Later Case" >/dev/null
  run casectl -C "$DIR" --format csv list
  assert_line --partial "C-2026-0005,intake,sato,Later Case"
  # A hand edit (not committed) of the same size is seen as well.
  sed -i 's/^  name: Ana$/  name: Ann/' "$(rec C-2026-0004)"
  run casectl -C "$DIR" --format csv list
  assert_line --partial "C-2026-0004,intake,tanaka,Ann,"
  # A removed case disappears.
  git -C "$DIR" rm -rq "$(dirname "$(rec C-2026-0001)")"
  run casectl -C "$DIR" --format csv list
  refute_output --partial C-2026-0001
}

@test "list of a case directory without cases prints the header only" {
  make_dir
  run casectl -C "$DIR" --format csv list
  assert_success
  assert_output "id,status,worker,name,age,birth_date,opened,urgency,risk,safety,outstanding,concerns,next_deadline,next_deadline_due,next_deadline_ref,next_deadline_urgent,next_deadline_overdue"
  run casectl -C "$DIR" --format json list
  assert_success
  python3 -c 'import json,sys; assert json.loads(sys.argv[1]) == []' "$output"
}

@test "OUTSTANDING names the next stage due, and is empty for a closed case (issue 8)" {
  case_at achieved
  run --separate-stderr casectl -C "$DIR" --format json list
  assert_success
  [ "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0]["outstanding"])' "$output")" = closure ]
  day 2026-12-11
  cs close "$ID" --reason goals-achieved --evaluation "Worked" >/dev/null
  run --separate-stderr casectl -C "$DIR" --format csv list
  assert_success
  assert_line --index 1 --regexp "^$ID,closed,sato,.*,low,safe,,physical-abuse,,,,false,false\$"
}
