# casectl link: relate two cases (きょうだい, 同一世帯, 以前のケース). Both records get a link
# {case, relation} to the other, in ONE commit, all or nothing. Refused: a case linked to itself,
# twice; a case that does not exist is not found (exit 4). validate (which sees every case)
# reports a link whose case does not exist or does not link back.

bats_require_minimum_version 1.5.0
load helpers

OTHER=C-2026-0002
other_file() { echo "cases/2026/00/$OTHER/case.yaml"; }

# Case $ID active and a second case $OTHER (a sibling, at intake).
two_cases() {
  case_at active
  day 2026-11-12
  [ "$(new_case --name "山田 次郎" --birth-date 2020-05-01 --sex male 2>/dev/null)" = "$OTHER" ] ||
    fail "second case is not $OTHER"
}

@test "link relates both records in one commit; exact content on both sides" {
  two_cases
  snapshot
  run --separate-stderr cs link "$ID" "$OTHER" --relation sibling
  assert_committed "link $ID: sibling $OTHER" active
  assert_commit_files "$(case_file)" "$(other_file)"
  assert_output "link $ID: sibling $OTHER (status active)"
  run grep -A2 '^links:$' "$DIR/$(case_file)"
  assert_output "links:
  - case: $OTHER
    relation: sibling"
  run grep -A2 '^links:$' "$DIR/$(other_file)"
  assert_output "links:
  - case: $ID
    relation: sibling"
  [ "$(cs show "$OTHER" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = intake ]
  run --separate-stderr cs validate
  assert_success
  # The history of each case shows the one commit.
  [ "$(git -C "$DIR" log --format=%H -- "$(other_file)" | head -1)" = "$(git -C "$DIR" rev-parse HEAD)" ]
  assert_clean
}

@test "the relation by its Japanese label (きょうだい) is stored as its code" {
  two_cases
  run --separate-stderr cs link "$OTHER" "$ID" --relation きょうだい
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  [ "$(json_of 'r["links"][0]["relation"]')" = sibling ]
  [ "$(json_of 'r["links"][0]["case"]')" = "$OTHER" ]
}

@test "previous-case (以前のケース) is kept on both sides" {
  two_cases
  run --separate-stderr cs link "$OTHER" "$ID" --relation 以前のケース
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  [ "$(json_of 'r["links"][0]["relation"]')" = previous-case ]
  run grep -A2 '^links:$' "$DIR/$(other_file)"
  assert_output "links:
  - case: $ID
    relation: previous-case"
}

@test "link on a closed case is allowed (both records written)" {
  case_at closed
  day 2026-12-12
  new_case --name "山田 次郎" --birth-date 2020-05-01 >/dev/null 2>&1
  snapshot
  run --separate-stderr cs link "$OTHER" "$ID" --relation same-household
  [ "$status" -eq 0 ] || fail "exit $status: $stderr"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not one commit"
  assert_status closed
  [ "$(json_of 'r["links"][0]["case"]')" = "$OTHER" ]
}

@test "linking a case to itself is refused (link.self), nothing written" {
  two_cases
  snapshot
  run --separate-stderr cs link "$ID" "$ID" --relation other
  assert_refused link.self "links[0].case"
}

@test "linking the same two cases twice is refused (link.duplicate), from either side, nothing written" {
  two_cases
  cs link "$ID" "$OTHER" --relation sibling >/dev/null
  snapshot
  run --separate-stderr cs link "$ID" "$OTHER" --relation other
  assert_refused link.duplicate "links[1].case" "link 1 already does"  # the new link, naming the old
  ID=$OTHER
  run --separate-stderr cs link "$OTHER" C-2026-0001 --relation sibling
  assert_refused link.duplicate "links[1].case" "link 1 already does"
}

@test "linking to a case that does not exist exits 4, nothing written" {
  two_cases
  snapshot
  run --separate-stderr cs link "$ID" C-2026-0042 --relation sibling
  [ "$status" -eq 4 ] || fail "expected exit 4, got $status"
  assert_unchanged
  run --separate-stderr cs link C-2026-0042 "$ID" --relation sibling
  [ "$status" -eq 4 ] || fail "expected exit 4, got $status"
  assert_unchanged
}

@test "a relation outside the list is a usage error (exit 2), nothing written" {
  two_cases
  snapshot
  run --separate-stderr cs link "$ID" "$OTHER" --relation cousin
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status"
  assert_unchanged
}

@test "a hand edit of the other record stops link (exit 5), nothing written" {
  two_cases
  echo "# hand" >>"$DIR/$(other_file)"
  snapshot
  run --separate-stderr cs link "$ID" "$OTHER" --relation sibling
  [ "$status" -eq 5 ] || fail "expected exit 5, got $status"
  assert_unchanged
}

# ---- validate: links across records (seen only by validate over every case) ----

linked() {
  two_cases
  cs link "$ID" "$OTHER" --relation sibling >/dev/null
}

@test "validate: the link back removed by hand -> link.not-mutual on the other side, at the link" {
  linked
  python3 - "$DIR/$(other_file)" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
t = s.replace("links:\n  - case: C-2026-0001\n    relation: sibling\n", "")
assert t != s
open(p, "w", encoding="utf-8").write(t)
PY
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  local line
  line="$(grep -n "^  - case: $OTHER\$" "$DIR/$(case_file)" | cut -d: -f1)"
  assert_output --partial "$(case_file):$line:5: $ID: link.not-mutual: "  # at the key, as every place
  # validate of one case reads the other from disk
  run --separate-stderr cs validate "$ID"
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: link.not-mutual: "
}

@test "validate: a relation changed on one side -> link.not-mutual" {
  linked
  sed -i 's/^    relation: sibling$/    relation: other/' "$DIR/$(other_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: link.not-mutual: "
  assert_output --partial "$OTHER: link.not-mutual: "
}

@test "validate: a link to a case that does not exist -> link.case-unknown" {
  linked
  sed -i "s/^  - case: $OTHER\$/  - case: C-2026-0077/" "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: link.case-unknown: "
}

@test "validate: a link to itself, twice, or to no case ID -> link.self, link.duplicate, link.case-invalid" {
  linked
  python3 - "$DIR/$(case_file)" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = "links:\n  - case: C-2026-0002\n    relation: sibling\n"
new = old + "  - case: C-2026-0001\n    relation: other\n  - case: C-2026-0002\n    relation: sibling\n" \
    "  - case: somebody\n    relation: other\n"
t = s.replace(old, new)
assert t != s
open(p, "w", encoding="utf-8").write(t)
PY
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: link.self: "
  assert_output --partial "$ID: link.duplicate: "
  assert_output --partial "$ID: link.case-invalid: "
  refute_output --partial "somebody"
}
