#!/usr/bin/env bats
# Issue 10: a renumbered case (SPEC section 9: the one of two cases that took the same ID offline
# and was not yet pushed) is followed by log, diff and show --at, like `git log --follow`. A
# commit renumbers OLD to NEW when OLD's folder is gone and NEW's is new, and either its message
# carries `Renumbered-From: OLD` or NEW's case.yaml is OLD's with only the id's value changed.

bats_require_minimum_version 1.5.0
load helpers

OLD=C-2026-0001
NEW=C-2026-0105
OLD_DIR=cases/2026/00/C-2026-0001
NEW_DIR=cases/2026/01/C-2026-0105

# casectl entered at a fixed wall-clock time (the commit's committer time), today that date.
at() {
  local when="$1"
  shift
  CASECTL_TODAY="${when%% *}" FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$when" "$CASECTL_BIN" -C "$DIR" --worker sato "$@"
}

# A plain git commit of everything staged in $DIR, entered at $1 (YYYY-MM-DDTHH:MM:SS).
git_commit_at() {
  local when="$1"
  shift
  GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" git -C "$DIR" commit -qm "$@"
}

# Moves case $1's folder to case $2's (in its own shard) with git mv and edits its id with sed,
# as a person renumbering it by hand would; nothing committed.
move_by_hand() {
  local from="$1" to="$2" from_dir to_dir
  from_dir="$(dirname "$(rec "$from")")"
  to_dir="$(dirname "$(rec "$to")")"
  mkdir -p -m 700 "$(dirname "$to_dir")"
  git -C "$DIR" mv "$from_dir" "$to_dir"
  sed -i "s/^id: $from\$/id: $to/" "$to_dir/case.yaml"
  git -C "$DIR" add -A
}

# Case $OLD entered as new (11-02), assessed (11-03) and noted (11-04), renumbered $NEW by hand
# with plain git (11-05), then noted (11-06) and planned (11-10) as $NEW. HEAD~5 is new, HEAD~2
# the renumbering, HEAD the plan.
renumbered_by_hand() {
  make_dir
  at '2026-11-02 10:00:00' new --name "山田 花子" --birth-date 2018-04-12 --sex female --source school \
    --urgency urgent --concern physical-abuse --reason "Bruises" >/dev/null || fail "new failed"
  at '2026-11-03 10:00:00' assess "$OLD" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null || fail "assess failed"
  at '2026-11-04 10:00:00' note "$OLD" "Phoned the school" --kind phone >/dev/null || fail "note failed"
  move_by_hand "$OLD" "$NEW"
  git_commit_at 2026-11-05T11:00:00 "renumbered by hand"
  at '2026-11-06 10:00:00' note "$NEW" "Visited" --kind home-visit >/dev/null || fail "note as $NEW failed"
  at '2026-11-10 10:00:00' plan "$NEW" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null || fail "plan failed"
}

# The JSON log of case $1 as "action case renumbered_from" lines ("-" for an empty field).
log_lines() {
  cs log "$1" --format json | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    print(c["action"], c["case"] or "-", c["renumbered_from"] or "-")'
}

# After `run --separate-stderr`: exit 0 and exactly these lines.
assert_lines_exactly() {
  [ "$status" -eq 0 ] || fail "expected exit 0, got $status; stderr: $stderr"
  local want
  want="$(printf '%s\n' "$@")"
  [ "$output" = "$want" ] || fail "got
$output
expected
$want"
}

@test "log NEW lists every change of the case in order, those before the renumbering under the old ID" {
  renumbered_by_hand
  run log_lines "$NEW"
  assert_lines_exactly "plan $NEW -" "note $NEW -" "git $NEW $OLD" "note $OLD -" "assess $OLD -" "new $OLD -"
  # The same commits as git's own --follow of the record.
  [ "$(cs log "$NEW" --format json | python3 -c 'import json,sys; print("\n".join(c["commit"] for c in json.load(sys.stdin)))')" = \
    "$(git -C "$DIR" log --follow --format=%H -- "$NEW_DIR/case.yaml")" ] || fail "log and git log --follow differ"
  run --separate-stderr cs log "$NEW"
  assert_success
  assert_line --index 0 --regexp '^ENTERED +EVENT +WORKER +NAME +ACTION +CASE +SUMMARY +LATE +COMMIT$'
  assert_line --index 1 --regexp "^2026-11-10 10:00 .* plan +$NEW +"
  assert_line --index 3 --regexp "^2026-11-05 11:00 .* git +$OLD -> $NEW +"
  assert_line --index 6 --regexp "^2026-11-02 10:00 .* new +$OLD +urgent referral"
}

@test "log OLD lists nothing: exit 4 naming the new ID and the renumbering, no personal data" {
  renumbered_by_hand
  run --separate-stderr cs log "$OLD"
  assert_failure 4
  [ -z "$output" ] || fail "log $OLD printed: $output"
  rename_commit="$(git -C "$DIR" rev-parse --short=10 HEAD~2)"
  [[ "$stderr" == *"case $OLD was renumbered to $NEW (commit $rename_commit, entered 2026-11-05 11:00)"* ]] ||
    fail "stderr: $stderr"
  [[ "$stderr" == *"casectl log $NEW"* ]] || fail "stderr does not say where the changes are: $stderr"
  for secret in 山田 花子 Bruises Phoned; do [[ "$stderr" != *"$secret"* ]] || fail "stderr shows $secret"; done
  # A case unknown under any ID is still just not found.
  run --separate-stderr cs log C-2026-0099
  assert_failure 4
  [[ "$stderr" != *renumbered* ]] || fail "stderr: $stderr"
}

@test "show NEW --at a date or commit before the renumbering prints the old version's exact bytes" {
  renumbered_by_hand
  for pair in 2026-11-02:HEAD~5:$OLD_DIR 2026-11-03:HEAD~4:$OLD_DIR 2026-11-04:HEAD~3:$OLD_DIR \
    2026-11-05:HEAD~2:$NEW_DIR 2026-11-06:HEAD~1:$NEW_DIR HEAD~4:HEAD~4:$OLD_DIR; do
    IFS=: read -r rev commit dir <<<"$pair"
    cs --format yaml show "$NEW" --at "$rev" >"$T/at.yaml" || fail "show --at $rev failed"
    git -C "$DIR" show "$commit:$dir/case.yaml" >"$T/git.yaml"
    cmp "$T/at.yaml" "$T/git.yaml" || fail "show $NEW --at $rev is not $commit:$dir/case.yaml"
  done
  run --separate-stderr cs --format json show "$NEW" --at 2026-11-03
  assert_success
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert (r["id"], r["status"]) == (sys.argv[2], "assessed"), r' \
    "$output" "$OLD"
  run --separate-stderr cs show "$NEW" --at 2026-11-01
  assert_failure 4
  [[ "$stderr" == *"$NEW"*2026-11-01* ]] || fail "stderr: $stderr"
}

@test "diff NEW across the renumbering: the id as one line, then what changed under either ID" {
  renumbered_by_hand
  run --separate-stderr cs diff "$NEW" HEAD~3 HEAD~2
  assert_lines_exactly "id: $OLD -> $NEW (renumbered)"
  run --separate-stderr cs diff "$NEW" 2026-11-03 2026-11-06
  assert_lines_exactly "id: $OLD -> $NEW (renumbered)" "note 1 added (phone)" "note 2 added (home-visit)"
  run --separate-stderr cs diff "$NEW" 2026-11-04
  assert_lines_exactly "id: $OLD -> $NEW (renumbered)" "status: assessed -> active" "plan 1 added" \
    "note 2 added (home-visit)" "plan-1.md added"
  run --separate-stderr cs --format json diff "$NEW" HEAD~3 HEAD~2
  assert_success
  python3 -c '
import json, sys
assert json.loads(sys.argv[1]) == [{"path": "id", "change": "changed", "old": sys.argv[2], "new": sys.argv[3]}], sys.argv[1]
' "$output" "$OLD" "$NEW"
  # --patch: as git diff -M prints the rename, but for the similarity percentage (libgit2's
  # estimate, not git's).
  cs diff "$NEW" HEAD~4 HEAD~1 --patch | grep -v '^similarity index ' >"$T/patch"
  git -C "$DIR" diff -M HEAD~4 HEAD~1 -- "$OLD_DIR/case.yaml" "$NEW_DIR/case.yaml" | grep -v '^similarity index ' \
    >"$T/git.patch"
  grep -q "^rename from $OLD_DIR/case.yaml" "$T/git.patch" || fail "git saw no rename"
  cmp "$T/patch" "$T/git.patch"
}

@test "a renumbering committed with git plumbing, told by its Renumbered-From trailer only" {
  renumbered_by_hand
  local to=C-2026-0107 to_dir=cases/2026/01/C-2026-0107 blob tree commit
  # NEW -> C-2026-0107, the worker changed too, so that only the trailer can tell the rename.
  export GIT_INDEX_FILE="$T/index"
  git -C "$DIR" read-tree HEAD
  git -C "$DIR" ls-tree HEAD "$NEW_DIR/" | while read -r mode type sha path; do
    git -C "$DIR" update-index --add --cacheinfo "$mode,$sha,$to_dir/${path##*/}"
    git -C "$DIR" update-index --force-remove "$path"
  done
  blob="$(git -C "$DIR" show "HEAD:$NEW_DIR/case.yaml" |
    sed -e "s/^id: $NEW\$/id: $to/" -e 's/^worker: sato$/worker: tanaka/' | git -C "$DIR" hash-object -w --stdin)"
  git -C "$DIR" update-index --cacheinfo "100644,$blob,$to_dir/case.yaml"
  tree="$(git -C "$DIR" write-tree)"
  commit="$(printf 'renumber %s: from %s\n\nCase: %s\nStage: active\nWorker: sato\nRenumbered-From: %s\n' \
    "$to" "$NEW" "$to" "$NEW" | GIT_COMMITTER_DATE=2026-11-12T09:00:00 git -C "$DIR" commit-tree "$tree" -p HEAD)"
  unset GIT_INDEX_FILE
  git -C "$DIR" update-ref HEAD "$commit"
  git -C "$DIR" reset -q --hard
  run log_lines "$to"
  assert_lines_exactly "renumber $to $NEW" "plan $NEW -" "note $NEW -" "git $NEW $OLD" "note $OLD -" "assess $OLD -" \
    "new $OLD -"
  run --separate-stderr cs diff "$to"
  assert_lines_exactly "id: $NEW -> $to (renumbered)" "worker: sato -> tanaka"
  cs --format yaml show "$to" --at 2026-11-10 >"$T/at.yaml"
  git -C "$DIR" show "HEAD~1:$NEW_DIR/case.yaml" | cmp - "$T/at.yaml"
  run --separate-stderr cs log "$NEW"
  assert_failure 4
  [[ "$stderr" == *"renumbered to $to"* ]] || fail "stderr: $stderr"
}

@test "a case deleted and an unrelated one added in the same commit is no renumbering" {
  renumbered_by_hand
  # C-2026-0105 removed and C-2026-0106 added with its record, the id and the urgency edited.
  local other=C-2026-0106 other_dir=cases/2026/01/C-2026-0106
  move_by_hand "$NEW" "$other"
  sed -i 's/^  urgency: urgent$/  urgency: routine/' "$DIR/$other_dir/case.yaml"
  grep -q '^  urgency: routine$' "$DIR/$other_dir/case.yaml" || fail "the record has no urgency line to edit"
  git -C "$DIR" add -A
  git_commit_at 2026-11-12T11:00:00 "delete one, add one"
  run log_lines "$other"
  assert_lines_exactly "git $other -"
  run log_lines "$NEW"
  assert_lines_exactly "git $NEW -" "plan $NEW -" "note $NEW -" "git $NEW $OLD" "note $OLD -" "assess $OLD -" "new $OLD -"
  run --separate-stderr cs diff "$other"
  assert_lines_exactly "case $other added (status active)" "plan-1.md added"
  run --separate-stderr cs show "$other" --at 2026-11-10
  assert_failure 4
}

@test "the history index made anew, or kept from before renumberings were indexed, gives the same log" {
  renumbered_by_hand
  before="$(cs log "$NEW" --format json)"
  rm -f "$DIR"/.casectl/history.sqlite*
  [ "$(cs log "$NEW" --format json)" = "$before" ] || fail "the log changed when the index was made anew"
  run log_lines "$NEW"
  assert_lines_exactly "plan $NEW -" "note $NEW -" "git $NEW $OLD" "note $OLD -" "assess $OLD -" "new $OLD -"
  # An index of the layout before renumberings were recorded (schema 2) is replaced, not trusted.
  python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM renames")
db.execute("PRAGMA user_version=2")
db.commit()' "$DIR/.casectl/history.sqlite"
  [ "$(cs log "$NEW" --format json)" = "$before" ] || fail "an index of schema 2 was trusted"
}

@test "without a history index on a long history (git asked, or a libgit2 walk), log NEW follows the renumbering the same way" {
  renumbered_by_hand
  at '2026-11-11 10:00:00' new --name "川村 一郎" --birth-date 2016-02-01 --sex male --source school \
    --urgency routine --concern neglect --reason "Alone at night" >/dev/null || fail "second new failed"
  for id in "$NEW" "$OLD" C-2026-0106; do
    cs log "$id" --format json >"$T/indexed-$id.json" 2>"$T/indexed-$id.err" || echo "exit $?" >>"$T/indexed-$id.err"
    for git_path in "$PATH" "$T/nogit"; do
      mkdir -p "$T/nogit"
      rm -f "$DIR"/.casectl/history.sqlite*
      PATH="$git_path" CASECTL_HISTORY_WALK_MIN=1 "$CASECTL_BIN" -C "$DIR" log "$id" --format json >"$T/cold.json" \
        2>"$T/cold.err" || echo "exit $?" >>"$T/cold.err"
      while pgrep -f -- "-C $DIR log --update-inde[x]" >/dev/null; do sleep 0.1; done
      diff "$T/indexed-$id.json" "$T/cold.json" || fail "log $id without an index (PATH=$git_path) differs"
      diff "$T/indexed-$id.err" "$T/cold.err" || fail "log $id without an index (PATH=$git_path): other errors"
    done
  done
  run log_lines "$NEW"
  assert_lines_exactly "plan $NEW -" "note $NEW -" "git $NEW $OLD" "note $OLD -" "assess $OLD -" "new $OLD -"
}
