# casectl doc ID plan|review|closure [N]: a document rendered again with the current templates;
# one commit when its text changed, none when it is up to date.

bats_require_minimum_version 1.5.0
load helpers

# Writes a template override $DIR/templates/en/$1.md.mustache with the text $2.
override() {
  mkdir -p "$DIR/templates/en"
  printf '%s\n' "$2" >"$DIR/templates/en/$1.md.mustache"
}

@test "doc: unchanged templates -> 'up to date', exit 0, no commit" {
  case_at active
  snapshot
  run --separate-stderr cs doc "$ID" plan
  assert_success
  assert_output "$(doc_file plan-1.md) is up to date"
  assert_unchanged
}

@test "doc: after a template override -> one commit 'doc ID: plan-1.md rendered again' with the new text" {
  case_at active
  override plan '# Family meeting: plan {{plan_n}} of {{case_id}}

{{#goals}}
- {{id}}: {{text}} (by {{due}})
{{/goals}}'
  git -C "$DIR" add templates && git -C "$DIR" commit -qm "plan template for family meetings"
  snapshot
  run --separate-stderr cs doc "$ID" plan
  assert_committed "doc $ID: plan-1.md rendered again" active
  assert_output "wrote $(doc_file plan-1.md)"
  assert_commit_files "$(doc_file plan-1.md)"
  [ "$(head -1 "$DIR/$(doc_file plan-1.md)")" = "# Family meeting: plan 1 of $ID" ]
  grep -q "^- G1: The child lives safely, free from physical harm (by " "$DIR/$(doc_file plan-1.md)"
  run ! grep -q "^## Needs" "$DIR/$(doc_file plan-1.md)"
  assert_private "$(doc_file plan-1.md)"
  assert_clean
  # Again: nothing more to do.
  snapshot
  run --separate-stderr cs doc "$ID" plan 1
  assert_success
  assert_output --partial "up to date"
  assert_unchanged
}

@test "doc --stdout: prints the document as rendered now, writes and commits nothing" {
  case_at active
  override plan 'Plan {{plan_n}} for {{case_id}}'
  snapshot
  run --separate-stderr cs doc "$ID" plan --stdout
  assert_success
  assert_output "Plan 1 for $ID"
  assert_unchanged
}

@test "doc: N picks the plan; the latest by default" {
  case_at reviewed
  day 2026-12-10
  # A review that asks for a revised plan, then plan 2.
  override plan 'Plan {{plan_n}}'
  git -C "$DIR" add templates && git -C "$DIR" commit -qm "plan template"
  cs doc "$ID" plan --stdout | grep -qx "Plan 1"
  run --separate-stderr cs doc "$ID" plan 2
  [ "$status" -eq 4 ] || fail "expected 4 for a plan that does not exist, got $status"
  [[ "$stderr" == *"$ID has no plan 2"* ]] || fail "$stderr"
}

@test "doc review and closure, each after its own template change" {
  case_at closed
  override review 'Review {{review_n}} of {{case_id}}'
  override closure 'Closure {{closure_n}} of {{case_id}}'
  git -C "$DIR" add templates && git -C "$DIR" commit -qm "templates"
  snapshot
  run --separate-stderr cs doc "$ID" review
  assert_committed "doc $ID: review-1.md rendered again" closed
  assert_commit_files "$(doc_file review-1.md)"
  [ "$(cat "$DIR/$(doc_file review-1.md)")" = "Review 1 of $ID" ]
  snapshot
  run --separate-stderr cs doc "$ID" closure
  assert_committed "doc $ID: closure-1.md rendered again" closed
  assert_commit_files "$(doc_file closure-1.md)"
  [ "$(cat "$DIR/$(doc_file closure-1.md)")" = "Closure 1 of $ID" ]
}

@test "doc: a document changed by hand and not committed is never overwritten (exit 5)" {
  case_at active
  echo "my own notes" >>"$DIR/$(doc_file plan-1.md)"
  override plan 'Plan {{plan_n}}'
  snapshot
  run --separate-stderr cs doc "$ID" plan
  [ "$status" -eq 5 ] || fail "expected 5, got $status: $stderr"
  [[ "$stderr" == *"$(doc_file plan-1.md)"* ]] || fail "$stderr"
  assert_unchanged
}

@test "doc: no such document -> exit 4; bad kind, bad ID, N 0 -> exit 2; no case -> 4" {
  case_at active
  snapshot
  run --separate-stderr cs doc "$ID" review
  [ "$status" -eq 4 ] || fail "review: $status"
  run --separate-stderr cs doc "$ID" closure
  [ "$status" -eq 4 ] || fail "closure: $status"
  run --separate-stderr cs doc "$ID" letter
  [ "$status" -eq 2 ] || fail "kind: $status"
  [[ "$stderr" == *"plan | review | closure"* ]] || fail "$stderr"
  run --separate-stderr cs doc C-2026-0009 plan
  [ "$status" -eq 4 ] || fail "no case: $status"
  run --separate-stderr cs doc ../x plan
  [ "$status" -eq 2 ] || fail "bad id: $status"
  run --separate-stderr cs doc "$ID" plan 0
  [ "$status" -eq 2 ] || fail "plan 0: $status"
  assert_unchanged
}

@test "doc closure N picks the closure (issue 8): closure 1 is up to date, closure 2 -> exit 4, 0 -> exit 2" {
  case_at closed
  snapshot
  run --separate-stderr cs doc "$ID" closure 1
  assert_success
  assert_output "$(doc_file closure-1.md) is up to date"
  run --separate-stderr cs doc "$ID" closure 2
  [ "$status" -eq 4 ] || fail "expected 4 for a closure that does not exist, got $status"
  [[ "$stderr" == *"$ID has no closure 2"* ]] || fail "$stderr"
  run --separate-stderr cs doc "$ID" closure 0
  [ "$status" -eq 2 ] || fail "closure 0: $status"
  assert_unchanged
}

@test "doc: documents follow the agency's date_style from casectl.yaml (era, Japanese)" {
  case_at active
  sed -i 's/^locale: en/locale: ja/; s/^date_style: western/date_style: era/' "$DIR/casectl.yaml"
  grep -q '^date_style: era' "$DIR/casectl.yaml" || fail "casectl.yaml has no date_style line to change"
  git -C "$DIR" commit -qam "Japanese era dates"
  run --separate-stderr cs doc "$ID" plan
  assert_success
  grep -q '令和8年' "$DIR/$(doc_file plan-1.md)" || fail "plan-1.md has no era date: $(head -12 "$DIR/$(doc_file plan-1.md)")"
  assert_clean
}
