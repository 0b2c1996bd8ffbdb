# casectl resolve (issue 14): finishing a merge that sync or a plain git pull left unfinished on
# a conflict in a case record. A bare repository as the server, clones $A (sato) and $B
# (tanaka); the same fields changed on both sides, A's pushed first, so that B's sync stops.
# --take settles conflicts by a side (choices kept across resolves), --done checks a hand edit;
# when nothing is left in conflict the merge is committed by the worker and sync sends it.

bats_require_minimum_version 1.5.0
load helpers
load helpers_sync

# A hand edit of the record in clone $1 (python: r is the text), committed with plain git.
edit_commit() {
  local clone="$1" code="$2"
  python3 - "$clone/$(case_file)" "$code" <<'EOF'
import re, sys
path, code = sys.argv[1], sys.argv[2]
r = open(path, encoding="utf-8").read()
def date_in(r, section, old, new):
    """The first `date: old` line after the line `section:` set to new."""
    at = r.index("\n" + section + ":\n")
    m = re.compile(r"(?m)^(\s+)date: " + old + "$").search(r, at)
    return r[:m.start()] + m.group(1) + "date: " + new + r[m.end():]
exec(code)
open(path, "w", encoding="utf-8").write(r)
EOF
  git -C "$clone" commit -qam "edit $ID"
}

# Urgency (and, with $1 = two, sex) changed on both sides: A immediate/male pushed, B
# routine/unknown; B's sync stops with exit 5.
conflict_in_b() {
  server_and_clones
  local a='r = r.replace("  urgency: urgent", "  urgency: immediate")'
  local b='r = r.replace("  urgency: urgent", "  urgency: routine")'
  if [ "${1:-}" = two ]; then
    a+='; r = r.replace("  sex: female", "  sex: male")'
    b+='; r = r.replace("  sex: female", "  sex: unknown")'
  fi
  edit_commit "$A" "$a"
  casectl -C "$A" sync >/dev/null
  edit_commit "$B" "$b"
  run casectl -C "$B" sync
  assert_failure 5
  assert_output --partial "merge conflict in $ID"
  assert_output --partial "casectl resolve ID --take ours|theirs"
}

# Fails unless B's merge is committed by tanaka as sync's merge, the work tree clean and valid.
assert_merged_by_b() {
  assert_equal "$(git -C "$B" log -1 --format='%ae %s')" "tanaka@example.org sync: merge origin/main"
  assert_equal "$(git -C "$B" log -1 --format='%P' | wc -w)" 2
  [ -z "$(git -C "$B" status --porcelain --untracked-files=no)" ] || fail "not clean: $(git -C "$B" status --porcelain)"
  [ ! -e "$B/.git/MERGE_HEAD" ] || fail "the merge is still in progress"
  [ ! -e "$B/.git/casectl-resolve" ] || fail "the choices were not removed"
  ! grep -qE '^(<<<<<<<|=======|>>>>>>>)' "$B/$(case_file)" || fail "marker lines left"
  run casectl -C "$B" validate "$ID"
  assert_success
}

# Fails unless B's record is still in conflict, nothing of it staged.
assert_still_unmerged() {
  assert_equal "$(git -C "$B" status --porcelain --untracked-files=no -- "$(case_file)")" "UU $(case_file)"
  [ -e "$B/.git/MERGE_HEAD" ] || fail "the merge was ended"
  assert_equal "$(git -C "$B" ls-files -u -- "$(case_file)" | wc -l)" 3
}

@test "resolve --take theirs: their value, the merge committed by the worker, sync sends it, the other clone gets it" {
  conflict_in_b
  run casectl -C "$B" status
  assert_output --partial "casectl resolve ID --take ours|theirs"
  run casectl -C "$B" resolve "$ID" --take theirs
  assert_success
  assert_output --partial "$ID: resolved and staged"
  assert_output --partial "The merge is finished"
  assert_output --partial "casectl sync"
  grep -qx '  urgency: immediate' "$B/$(case_file)"
  assert_merged_by_b
  run casectl -C "$B" sync
  assert_success
  assert_output --partial "commits pushed"
  run casectl -C "$A" sync
  assert_success
  assert_equal "$(record_in "$A")" "$(record_in "$B")"
  assert_equal "$(git -C "$A" rev-parse HEAD)" "$(git --git-dir="$T/server.git" rev-parse main)"
}

@test "resolve --take ours: our value kept, the merge committed, the other clone gets it" {
  conflict_in_b
  run casectl -C "$B" resolve "$ID" --take ours
  assert_success
  grep -qx '  urgency: routine' "$B/$(case_file)"
  assert_merged_by_b
  casectl -C "$B" sync >/dev/null
  casectl -C "$A" sync >/dev/null
  grep -qx '  urgency: routine' "$A/$(case_file)"
}

@test "resolve: two conflicts settled one by one with different sides; the first choice is kept" {
  conflict_in_b two
  run casectl -C "$B" resolve "$ID" --take theirs referral.urgency
  assert_failure 5
  assert_output --partial "$ID is still in conflict"
  assert_output --partial "$ID: client.sex: ours unknown, theirs male"
  refute_output --partial "referral.urgency: ours"
  assert_still_unmerged
  # Both versions still in the file, the choice named.
  grep -qx '  sex: unknown' "$B/$(case_file)"
  grep -qx '  sex: male' "$B/$(case_file)"
  grep -q '^# chosen: theirs at referral.urgency$' "$B/$(case_file)"
  run casectl -C "$B" resolve "$ID" --take ours
  assert_success
  grep -qx '  urgency: immediate' "$B/$(case_file)"
  grep -qx '  sex: unknown' "$B/$(case_file)"
  assert_merged_by_b
}

@test "resolve --done after a hand edit: checked, written in the stable form, documents staged, the merge committed" {
  conflict_in_b
  # Keep theirs' version with a third urgency, markers and comments removed by hand.
  python3 - "$B/$(case_file)" <<'EOF'
import sys
path = sys.argv[1]
t = open(path, encoding="utf-8").read()
theirs = t.split("\n=======\n", 1)[1].split(">>>>>>> theirs\n")[0]
open(path, "w", encoding="utf-8").write(theirs.replace("  urgency: immediate", "  urgency: urgent"))
EOF
  run casectl -C "$B" resolve "$ID" --done
  assert_success
  assert_output --partial "The merge is finished"
  grep -qx '  urgency: urgent' "$B/$(case_file)"
  assert_merged_by_b
  # The plan's document is as casectl renders it from the merged record.
  assert_equal "$(cat "$B/$(doc_file plan-1.md)")" "$(casectl -C "$B" doc "$ID" plan 1 --stdout)"
}

@test "resolve --done with a marker line left: exit 6 naming file, line and rule; nothing staged" {
  conflict_in_b
  local before
  before="$(cat "$B/$(case_file)")"
  # Theirs' part and its end marker deleted; the other markers left.
  python3 - "$B/$(case_file)" <<'EOF'
import sys
path = sys.argv[1]
t = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(t.split("\n=======\n", 1)[0] + "\n")
EOF
  local line
  line="$(grep -n '^<<<<<<< ' "$B/$(case_file)" | cut -d: -f1)"
  run casectl -C "$B" resolve "$ID" --done
  assert_failure 6
  assert_output --partial "$(case_file):$line:1:"
  assert_output --partial "conflict marker line is left"
  assert_still_unmerged
  # --take still works from git's versions once the file is back as resolve or git wrote it.
  printf '%s\n' "$before" >"$B/$(case_file)"
  run casectl -C "$B" resolve "$ID" --take theirs
  assert_success
}

@test "resolve: a hand edit that breaks a rule is refused with exit 3, nothing staged" {
  conflict_in_b
  python3 - "$B/$(case_file)" <<'EOF'
import sys
path = sys.argv[1]
t = open(path, encoding="utf-8").read()
theirs = t.split("\n=======\n", 1)[1].split(">>>>>>> theirs\n")[0]
open(path, "w", encoding="utf-8").write(theirs)
EOF
  sed -i 's/^worker: sato$/worker: nobody/' "$B/$(case_file)"
  grep -qx 'worker: nobody' "$B/$(case_file)"
  run casectl -C "$B" resolve "$ID" --done
  assert_failure 3
  assert_output --partial "refused"
  assert_output --partial "$(case_file):"
  assert_still_unmerged
}

@test "resolve: choices that make the record break a rule are still a conflict; choosing again settles it" {
  server_and_clones
  # Each side alone is valid: the plan follows its assessment, its review within 30 days.
  edit_commit "$A" 'r = date_in(r, "assessments", "2026-11-03", "2026-11-04"); r = date_in(r, "plans", "2026-11-10", "2026-11-05")
r = r.replace("next_review: 2026-12-10", "next_review: 2026-12-05", 1)'
  casectl -C "$A" sync >/dev/null
  edit_commit "$B" 'r = date_in(r, "assessments", "2026-11-03", "2026-11-08"); r = date_in(r, "plans", "2026-11-10", "2026-11-09")
r = r.replace("next_review: 2026-12-10", "next_review: 2026-12-09", 1)'
  run casectl -C "$B" sync
  assert_failure 5
  run casectl -C "$B" resolve "$ID" --take ours assessments[n=1].date
  assert_failure 5
  assert_output --partial "plans[n=1].date: ours 2026-11-09, theirs 2026-11-05"
  assert_output --partial "plans[n=1].next_review: ours 2026-12-09, theirs 2026-12-05"
  # Ours' assessment (11-08) with theirs' plan (11-05): the plan before its assessment.
  run casectl -C "$B" resolve "$ID" --take theirs plans[n=1]
  assert_failure 5
  assert_output --partial "the merged record breaks rule dates.order"
  assert_still_unmerged
  # Chosen again: the plan's choice replaces the earlier one.
  run casectl -C "$B" resolve "$ID" --take ours plans[n=1]
  assert_success
  assert_merged_by_b
  assert_equal "$(casectl -C "$B" show "$ID" --format json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["assessments"][0]["date"], r["plans"][0]["date"])')" "2026-11-08 2026-11-09"
  # The plan's document was rendered again from the merged record and committed.
  assert_equal "$(cat "$B/$(doc_file plan-1.md)")" "$(casectl -C "$B" doc "$ID" plan 1 --stdout)"
}

@test "resolve refuses: no merge in progress, a case not in conflict, an unknown field, --take with --done or neither" {
  conflict_in_b
  # A has no merge in progress.
  run casectl -C "$A" resolve "$ID" --take theirs
  assert_failure 4
  assert_output --partial "no merge in progress"
  run casectl -C "$B" resolve C-2026-0002 --take theirs
  assert_failure 4
  assert_output --partial "C-2026-0002 is not in conflict (in conflict: $ID)"
  run casectl -C "$B" resolve casectl.yaml --take theirs
  assert_failure 4
  assert_output --partial "casectl.yaml is not in conflict"
  run casectl -C "$B" resolve nope --take theirs
  assert_failure 2
  run casectl -C "$B" resolve "$ID" --take theirs client.name
  assert_failure 2
  assert_output --partial "no conflict at client.name in $ID; its conflicts: referral.urgency"
  run casectl -C "$B" resolve "$ID" --take theirs --done
  assert_failure 2
  run casectl -C "$B" resolve "$ID"
  assert_failure 2
  run casectl -C "$B" resolve "$ID" --take both
  assert_failure 2
  assert_still_unmerged
  # Settled by hand, then --take: the hand edit is never overwritten.
  sed -i '/^# /d; /^<<<<<<< /,/^=======$/d; /^>>>>>>> /d' "$B/$(case_file)"
  local edited
  edited="$(cat "$B/$(case_file)")"
  run casectl -C "$B" resolve "$ID" --take ours
  assert_failure 5
  assert_output --partial "edited by hand"
  assert_equal "$(cat "$B/$(case_file)")" "$edited"
  # git writes the conflict file again: resolve starts afresh.
  git -C "$B" checkout --merge -- "$(case_file)"
  run casectl -C "$B" resolve "$ID" --take ours
  assert_success
  grep -qx '  urgency: routine' "$B/$(case_file)"
}

@test "resolve finishes the merge of a plain git pull too" {
  server_and_clones
  git -C "$B" config pull.rebase false
  edit_commit "$A" 'r = r.replace("  urgency: urgent", "  urgency: immediate")'
  git -C "$A" push -q origin main
  edit_commit "$B" 'r = r.replace("  urgency: urgent", "  urgency: routine")'
  run git -C "$B" pull -q origin main
  assert_failure
  assert_still_unmerged
  run casectl -C "$B" resolve "$ID" --take theirs
  assert_success
  grep -qx '  urgency: immediate' "$B/$(case_file)"
  assert_merged_by_b
  run casectl -C "$B" sync
  assert_success
  git --git-dir="$T/server.git" show main:"$(case_file)" | grep -qx '  urgency: immediate'
}

@test "resolve casectl.yaml: a setting changed on both sides takes the side chosen" {
  server_and_clones
  sed -i 's/^  plan_due: 30 /  plan_due: 20 /' "$A/casectl.yaml"
  git -C "$A" commit -qam "policy: plan_due 20"
  casectl -C "$A" sync >/dev/null
  sed -i 's/^  plan_due: 30 /  plan_due: 25 /' "$B/casectl.yaml"
  git -C "$B" commit -qam "policy: plan_due 25"
  run casectl -C "$B" sync
  assert_failure 5
  assert_output --partial "casectl.yaml: policy.plan_due: ours 25, theirs 20"
  run casectl -C "$B" status
  assert_output --partial "In conflict (an unfinished merge): casectl.yaml"
  run casectl -C "$B" resolve casectl.yaml --take theirs policy.custody_days
  assert_failure 2
  assert_output --partial "its conflicts: policy.plan_due"
  run casectl -C "$B" resolve casectl.yaml --take theirs policy.plan_due
  assert_success
  assert_output --partial "The merge is finished"
  grep -q '^  plan_due: 20' "$B/casectl.yaml"
  assert_merged_by_b
  run casectl -C "$B" sync
  assert_success
}

@test "resolve after a plain git pull: documents in conflict as text are rendered again from the merged record" {
  server_and_clones
  day 2026-11-20
  local f="cases/2026/00/$ID/case.yaml" doc="cases/2026/00/$ID/plan-1.md"
  printf '#!/bin/sh\nsed -i "s/^  birth_date: 2018-04-12$/  birth_date: 2018-04-13/" "$1"\n' >"$T/ed-a.sh"
  printf '#!/bin/sh\nsed -i "s/^  name: 山田 花子$/  name: 山田 華子/" "$1"\n' >"$T/ed-b.sh"
  chmod +x "$T/ed-a.sh" "$T/ed-b.sh"
  EDITOR="$T/ed-a.sh" casectl -C "$A" edit "$ID" --reason typo >/dev/null
  EDITOR="$T/ed-b.sh" casectl -C "$B" edit "$ID" --reason correction >/dev/null
  casectl -C "$A" sync >/dev/null
  # Plain git: the record merges by meaning (the driver), the plan as text, in conflict.
  run git -C "$B" pull -q --no-rebase origin main
  assert_failure
  assert_equal "$(git -C "$B" diff --name-only --diff-filter=U)" "$doc"
  grep -q "^<<<<<<<" "$B/$doc"
  run --separate-stderr casectl -C "$B" resolve "$ID" --done
  assert_success
  assert_equal "$(git -C "$B" status --porcelain)" ""
  [ -z "$(git -C "$B" rev-parse -q --verify MERGE_HEAD)" ]
  run casectl -C "$B" doc "$ID" plan 1
  assert_output "$doc is up to date"
  grep -q "13 April 2018" "$B/$doc"
  grep -q "山田 華子" "$B/$doc"
  grep -q "birth_date: 2018-04-13" "$B/$f"
  grep -q "name: 山田 華子" "$B/$f"
}

@test "resolve --take refuses a conflict file partly settled by hand (markers still in it): nothing overwritten" {
  conflict_in_b two
  # The worker settles part of it by hand and keeps the markers of the rest.
  sed -i '1i # settled the phone number with the family' "$B/$(case_file)"
  cp "$B/$(case_file)" "$T/by-hand"
  run --separate-stderr casectl -C "$B" resolve "$ID" --take theirs
  assert_failure 5
  [[ "$stderr" == *"edited by hand"* ]] || fail "not said: $stderr"
  cmp "$B/$(case_file)" "$T/by-hand"
}
