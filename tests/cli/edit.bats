# casectl edit: the record in $EDITOR (a script here), committed only when every rule holds, as
# the stable text casectl writes; nothing written when the edit is malformed, refused, unchanged,
# or a hand edit is pending. Every edit gives --reason (issue 8): the commit carries
# `Amendment: REASON` and the record an amendments entry (amend.bats tests those in detail).

bats_require_minimum_version 1.5.0
load helpers

# An editor script at $T/editor.sh running the given shell lines on the file ("$1").
editor() {
  { printf '#!/bin/sh\nset -e\n'; printf '%s\n' "$@"; } >"$T/editor.sh"
  chmod +x "$T/editor.sh"
  export EDITOR="$T/editor.sh"
}

# ---- accepted ----

@test "edit: a valid change is one commit naming the sections changed, re-emitted stably" {
  case_at active
  snapshot
  # The editor rewrites the text in its own layout: a comment, a flow list, a changed summary.
  editor 'python3 - "$1" <<EOF
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("summary: Child unsafe at home; protective custody arranged the same day.",
              "summary: Child unsafe at home; custody arranged.   # edited")
s = s.replace("    strengths:\n      - Grandmother nearby and supportive\n",
              "    strengths: [Grandmother nearby and supportive]\n")
open(p, "w", encoding="utf-8").write(s)
EOF'
  run --separate-stderr cs edit "$ID" --reason correction
  assert_committed "edit $ID: assessments" active sato "Amendment: correction"
  assert_output --partial "edit $ID: assessments (status active)"
  assert_commit_files "$(case_file)"
  # Stable text: the comment and the flow list are gone; only the summary line changed, and the
  # amendment was added (amendments is the last section of this record).
  run ! grep -q "# edited" "$DIR/$(case_file)"
  grep -qx "      - Grandmother nearby and supportive" "$DIR/$(case_file)"
  [ "$(git -C "$DIR" diff --numstat HEAD^ HEAD | cut -f1,2)" = "$(printf '7\t1')" ]
  [ "$(git -C "$DIR" diff -U0 HEAD^ HEAD | grep -E '^[-+]' | grep -vE '^(---|\+\+\+) ')" = "$(printf '%s\n' \
    "-    summary: Child unsafe at home; protective custody arranged the same day." \
    "+    summary: Child unsafe at home; custody arranged." \
    "+amendments:" "+  - date: 2026-11-10" "+    by: sato" "+    reason: correction" \
    "+    sections:" "+      - assessments")" ] || fail "$(git -C "$DIR" diff HEAD^ HEAD)"
  [ "$(json_of 'r["assessments"][0]["summary"]')" = "Child unsafe at home; custody arranged." ]
  # The committed file is exactly what casectl emits for that record.
  cs show "$ID" --format yaml >"$T/shown.yaml"
  cmp "$T/shown.yaml" "$DIR/$(case_file)"
  assert_private "$(case_file)"
  assert_clean
}

@test "edit: EDITOR may hold arguments (sed -i s/.../.../)" {
  case_at active
  snapshot
  export EDITOR="sed -i s/frequency:\ once/frequency:\ twice/"
  run --separate-stderr cs edit "$ID" --reason correction
  assert_committed "edit $ID: plans" active sato "Amendment: correction"
  [ "$(json_of 'r["plans"][0]["services"][1]["frequency"]')" = twice ]
}

@test "edit: a change shown in a document re-renders that document in the same commit" {
  case_at active
  snapshot
  editor 'sed -i "s/provider: City Hospital paediatrics/provider: Riverside Clinic/" "$1"'
  run --separate-stderr cs edit "$ID" --reason late-information
  assert_committed "edit $ID: plans" active sato "Amendment: late-information"
  assert_commit_files "$(case_file)" "$(doc_file plan-1.md)"
  grep -q "Riverside Clinic" "$DIR/$(doc_file plan-1.md)"
  run ! grep -q "City Hospital paediatrics" "$DIR/$(doc_file plan-1.md)"
  # The re-rendered document says it was amended.
  grep -qx "## Amendments" "$DIR/$(doc_file plan-1.md)"
  grep -qxF -- "- Amended on 10 November 2026 by Sato Yuki (late information)" "$DIR/$(doc_file plan-1.md)"
  # The document is the one `casectl doc` would render: up to date.
  run cs doc "$ID" plan
  assert_success
  assert_output --partial "up to date"
  assert_clean
}

@test "edit: \$VISUAL wins over \$EDITOR" {
  case_at assessed
  snapshot
  editor 'echo visual-not-used >"$1"'
  export VISUAL="sed -i s/risk:\ high/risk:\ very-high/"
  run --separate-stderr cs edit "$ID" --reason correction
  assert_committed "edit $ID: assessments" assessed sato "Amendment: correction"
  [ "$(json_of 'r["assessments"][0]["risk"]')" = very-high ]
}

@test "edit: the editor's copy is private (0600) in .casectl/tmp/edit/, never in \$TMPDIR, and removed afterwards" {
  case_at intake
  mkdir "$T/tmp"
  export TMPDIR="$T/tmp"
  editor 'stat -c "%a %n" "$1" >"'"$T"'/seen"' 'stat -c %a "$(dirname "$1")" >>"'"$T"'/seen"'
  run --separate-stderr cs edit "$ID" --reason typo
  assert_success
  { read -r mode path && read -r folder_mode; } <"$T/seen"
  [ "$mode" = 600 ] || fail "the copy has mode $mode"
  [ "$folder_mode" = 700 ] || fail "its folder has mode $folder_mode"
  [[ "$path" == "$DIR/.casectl/tmp/edit/"*"-$ID.yaml" ]] || fail "the copy is $path"
  [ ! -e "$path" ] || fail "the copy was left behind"
  [ -z "$(ls -A "$T/tmp")" ] || fail "files left in TMPDIR: $(ls -A "$T/tmp")"
}

# An editor that records its file argument, then kills the casectl process that runs it (the
# parent of its parent, sh -c), as a power cut or `kill -9` would.
killing_editor() {
  editor 'echo "$1" >"'"$T"'/seen"' \
    'casectl_pid=$(cut -d" " -f4 "/proc/$PPID/stat")' \
    '[ "$(cat "/proc/$casectl_pid/comm")" = casectl ] || exit 9' \
    'kill -KILL "$casectl_pid"'
}

@test "edit killed while the editor is open: nothing in \$TMPDIR; the copy stays private until the next change removes it" {
  case_at intake
  mkdir "$T/tmp"
  export TMPDIR="$T/tmp"
  snapshot
  killing_editor
  run --separate-stderr cs edit "$ID" --reason typo
  [ "$status" -eq 137 ] || fail "expected casectl killed (137), got $status: $stderr"
  local path
  path="$(cat "$T/seen")"
  [ -z "$(ls -A "$T/tmp")" ] || fail "files left in TMPDIR: $(ls -A "$T/tmp")"
  [ -f "$path" ] && [ "$(stat -c %a "$path")" = 600 ] || fail "the copy $path is not a private file"
  assert_unchanged
  # The next change (its recovery) removes the copy whose casectl process is gone.
  cs note "$ID" "Phone call with the school" --kind phone >/dev/null
  [ ! -e "$path" ] || fail "the copy of the killed edit is still there"
  [ -z "$(ls -A "$DIR/.casectl/tmp/edit")" ] || fail "left in .casectl/tmp/edit: $(ls -A "$DIR/.casectl/tmp/edit")"
}

@test "edit: another process's change (and its recovery) while the editor is open keeps the open copy" {
  case_at intake
  # A leftover of an interrupted change, which the other process's recovery removes.
  mkdir -p "$DIR/.casectl/tmp"
  echo leftover >"$DIR/.casectl/tmp/case.yaml.tmp-1-00000000"
  editor '"'"$CASECTL_BIN"'" -C "'"$DIR"'" new --source police --urgency routine --concern neglect >/dev/null' \
    '[ ! -e "'"$DIR"'/.casectl/tmp/case.yaml.tmp-1-00000000" ] || exit 8' \
    'sed -i "s/^worker: sato$/worker: tanaka/" "$1"'
  snapshot
  run --separate-stderr cs edit "$ID" --reason typo
  [ "$status" -eq 0 ] || fail "expected exit 0, got $status: $stderr"
  [ "$(json_of 'r["worker"]')" = tanaka ]
  [ "$(git -C "$DIR" log -2 --format=%s | tail -1)" = "new C-2026-0002: routine referral from police" ] ||
    fail "$(git -C "$DIR" log -3 --format=%s)"
  assert_clean
}

# ---- nothing to commit ----

@test "edit: saved unchanged -> 'no change', exit 0, no commit" {
  case_at active
  snapshot
  export EDITOR=true
  run --separate-stderr cs edit "$ID" --reason typo
  assert_success
  assert_output "no change"
  assert_unchanged
}

@test "edit: only comments or layout changed -> 'no change', no commit, file as before" {
  case_at active
  snapshot
  editor 'printf "# a comment of mine\n" >>"$1"' 'sed -i "s/^status: active$/status: \"active\"/" "$1"'
  run --separate-stderr cs edit "$ID" --reason typo
  assert_success
  assert_output "no change"
  assert_unchanged
}

# ---- refused: nothing written ----

@test "edit: malformed YAML -> exit 6 naming FILE:LINE:COL, record and HEAD unchanged" {
  case_at active
  snapshot
  editor 'sed -i "s/^status: active$/status: [active/" "$1"'
  run --separate-stderr cs edit "$ID" --reason typo
  [ "$status" -eq 6 ] || fail "expected exit 6, got $status: $stderr"
  [[ "$stderr" == *"casectl: $(case_file):"[0-9]*:[0-9]*": "* ]] || fail "no place: $stderr"
  assert_unchanged
}

@test "edit: a value outside an enumeration -> exit 6 at its line, unchanged" {
  case_at active
  snapshot
  editor 'sed -i "s/^    risk: high$/    risk: hgh/" "$1"'
  local line
  line="$(grep -n '^    risk: high$' "$DIR/$(case_file)" | head -1 | cut -d: -f1)"
  run --separate-stderr cs edit "$ID" --reason typo
  [ "$status" -eq 6 ] || fail "expected exit 6, got $status: $stderr"
  assert_equal "$(head -1 <<<"$stderr")" \
    "casectl: $(case_file):$line:11: assessments[0].risk \"hgh\" is not one of: low | medium | high | very-high"
  assert_unchanged
}

@test "edit: breaking a rule -> exit 3 naming case, rule, field place and fix; unchanged" {
  case_at active
  snapshot
  editor 'sed -i "/^    immediate_actions:$/,+1d" "$1"'
  run --separate-stderr cs edit "$ID" --reason typo
  assert_refused assessment.immediate-actions-required "immediate action"
  # The place is the assessment's, in the edited text (the field itself is gone).
  local line
  line="$(grep -n '^  - n: 1$' "$DIR/$(case_file)" | head -1 | cut -d: -f1)"
  grep -qF "casectl: $(case_file):$line:5: $ID: assessment.immediate-actions-required:" <<<"$stderr" ||
    fail "no place $line:5 in: $stderr"
}

@test "edit: every problem is named, not just the first" {
  case_at active
  snapshot
  editor 'sed -i -e "/^    immediate_actions:$/,+1d" -e "s/^worker: sato$/worker: nobody/" "$1"'
  run --separate-stderr cs edit "$ID" --reason typo
  assert_refused worker.unknown nobody
  assert_refused assessment.immediate-actions-required
}

@test "edit: changing the case ID is refused (edit.id-changed)" {
  case_at intake
  snapshot
  editor "sed -i 's/^id: $ID\$/id: C-2026-0002/' \"\$1\""
  run --separate-stderr cs edit "$ID" --reason typo
  assert_refused edit.id-changed "keep id: $ID"
}

@test "edit: the editor failing -> exit 70, nothing written" {
  case_at active
  snapshot
  editor 'sed -i "s/^worker: sato$/worker: tanaka/" "$1"' 'exit 3'
  run --separate-stderr cs edit "$ID" --reason typo
  [ "$status" -eq 70 ] || fail "expected exit 70, got $status: $stderr"
  assert_output ""
  [[ "$stderr" == *"exited with status 3"* ]] || fail "$stderr"
  assert_unchanged
}

@test "edit: a hand edit pending -> exit 5 before the editor runs, nothing written" {
  case_at active
  hand_edit
  editor 'touch "'"$T"'/editor-ran"'
  run --separate-stderr cs edit "$ID" --reason typo
  assert_hand_edit_kept
  [ ! -e "$T/editor-ran" ] || fail "the editor ran although the edit could not be kept"
}

@test "edit: unknown case -> exit 4; an ID not of the ID form -> exit 2" {
  make_dir
  export CASECTL_WORKER=sato EDITOR=true
  run --separate-stderr cs edit C-2026-0042 --reason typo
  [ "$status" -eq 4 ] || fail "expected 4, got $status"
  run --separate-stderr cs edit ../../etc --reason typo
  [ "$status" -eq 2 ] || fail "expected 2, got $status"
}

# ---- on a terminal: offered again ----

# Skips where no pseudo-terminal can be had (script(1) missing, or no /dev/pts as in a bare chroot).
need_pty() {
  command -v script >/dev/null || skip "script(1) is not installed"
  script -qec true /dev/null </dev/null >/dev/null 2>&1 || skip "no pseudo-terminal here (is /dev/pts mounted?)"
}

# Runs `casectl edit $ID --reason correction` on a pseudo-terminal (script(1)), answering the
# prompt with $1.
edit_on_tty() {
  need_pty
  run --separate-stderr bash -c 'printf "%s\n" "$1" | script -qec "$2" /dev/null' _ "$1" \
    "\"$CASECTL_BIN\" -C \"$DIR\" edit $ID --reason correction"
}

@test "edit on a terminal: a refused edit is offered again with the problems on top; fixed -> one commit" {
  case_at active
  snapshot
  # First round breaks the risk; the second sees the problems as comments and fixes it.
  editor 'if grep -q "^# casectl: " "$1"; then grep "^# casectl: " "$1" >"'"$T"'/comments"; sed -i "s/risk: hgh/risk: medium/" "$1"; else sed -i "s/^    risk: high$/    risk: hgh/" "$1"; fi'
  edit_on_tty y
  [ "$status" -eq 0 ] || fail "exit $status: $output"
  assert_output --partial "edit again? [Y/n]"
  assert_output --partial "edit $ID: assessments (status active)"
  grep -q 'assessments\[0\].risk "hgh" is not one of' "$T/comments"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not exactly one commit"
  [ "$(json_of 'r["assessments"][0]["risk"]')" = medium ]
  run ! grep -q "^# casectl: " "$DIR/$(case_file)"
}

@test "edit on a terminal: answering n keeps nothing (exit 6)" {
  case_at active
  snapshot
  editor 'sed -i "s/^    risk: high$/    risk: hgh/" "$1"'
  edit_on_tty n
  [ "$status" -eq 6 ] || fail "expected exit 6, got $status: $output"
  assert_output --partial "edit again? [Y/n]"
  assert_unchanged
}

@test "edit: the case changed by another command while editing -> exit 5, that change kept" {
  case_at active
  editor '"'"$CASECTL_BIN"'" -C "'"$DIR"'" note '"$ID"' "Phone call with the school" --kind phone >/dev/null' \
    'sed -i "s/^worker: sato$/worker: tanaka/" "$1"'
  run --separate-stderr cs edit "$ID" --reason typo
  [ "$status" -eq 5 ] || fail "expected exit 5, got $status: $stderr"
  [[ "$stderr" == *"changed by another command while it was being edited"* ]] || fail "$stderr"
  [ "$(git -C "$DIR" log -1 --format=%s)" = "$(git -C "$DIR" log -1 --format=%s --grep '^note ')" ] ||
    fail "the note is not the last commit"
  [ "$(json_of 'r["worker"]')" = sato ]
  [ "$(json_of 'len(r["notes"])')" = 1 ]
  assert_clean
}

# ---- stage forms in the editor (on a terminal, fields missing) ----

# Runs casectl with the given arguments on a pseudo-terminal (script(1)) with no input.
on_tty() {
  need_pty
  local cmd="\"$CASECTL_BIN\" -C \"$DIR\""
  local a
  for a in "$@"; do cmd+=" $(printf '%q' "$a")"; done
  run --separate-stderr script -qec "$cmd" /dev/null </dev/null
}

@test "plan on a terminal: the form offered has one goal per need and one service per goal" {
  case_at assessed
  day 2026-11-10
  snapshot
  editor 'cp "$1" "'"$T"'/form.yaml"'
  on_tty plan "$ID"
  [ "$status" -eq 2 ] || fail "an unchanged form must abort with exit 2, got $status: $output"
  assert_output --partial "aborted: the form was left empty or unchanged; nothing written"
  assert_unchanged
  # The form: goals G1 (N1) and G2 (N2), services S1 (G1) and S2 (G2), allowed values listed.
  python3 - "$T/form.yaml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert "  - id: G1\n    needs: [N1]" in text, text
assert "  - id: G2\n    needs: [N2]" in text, text
assert "  - id: S1\n    goals: [G1]" in text, text
assert "  - id: S2\n    goals: [G2]" in text, text
assert re.search(r"^    type: +# psychological \| medical \| ", text, re.M), text
assert re.search(r"^assessment: 1 ", text, re.M), text
assert re.search(r"^  client_views: +# ", text, re.M), text
assert re.search(r"^next_review: +# .*review_every\[high\]", text, re.M), text
# The rules in the header are the rule catalog's own words (core/rule_catalog.cpp).
assert "# Rules:\n" in text, text
assert "#  - every need of the assessment is named by at least one goal\n" in text, text
assert "#  - every goal has at least one service naming it\n" in text, text
PY
}

@test "plan on a terminal: the form filled in the editor is recorded (one commit)" {
  case_at assessed
  day 2026-11-10
  snapshot
  editor 'python3 - "$1" <<PY
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
for g, text in (("G1", "Safe at home"), ("G2", "Bruising examined")):
    s = s.replace("  - id: %s\n" % g, "  - id: %s\n    text: %s\n    measure: Seen by the worker\n    due: 2027-01-31\n" % (g, text), 1)
s = s.replace("    text:\n    measure:\n    due:", "")
s = s.replace("    type:  ", "    type: medical  ")
s = s.replace("  client_views:  ", "  client_views: Wants to stay with her grandmother  ")
s = s.replace("next_review:  ", "next_review: 2026-12-01  ")
open(p, "w", encoding="utf-8").write(s)
PY'
  on_tty plan "$ID"
  [ "$status" -eq 0 ] || fail "exit $status: $output"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not exactly one commit"
  [ "$(json_of '" ".join(g["id"] + ":" + g["text"] for g in r["plans"][0]["goals"])')" = \
    "G1:Safe at home G2:Bruising examined" ]
  [ "$(json_of '" ".join(s["type"] for s in r["plans"][0]["services"])')" = "medical medical" ]
}

@test "review on a terminal: the form rates every goal and service of the plan in force" {
  case_at active
  day 2026-12-10
  editor 'cp "$1" "'"$T"'/form.yaml"'
  on_tty review "$ID"
  [ "$status" -eq 2 ] || fail "exit $status: $output"
  python3 - "$T/form.yaml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert re.search(r"^plan: 1 ", text, re.M), text
for g in ("G1", "G2"):
    assert re.search(r"^  - goal: %s\n    status: +# not-started \| in-progress \| achieved \| not-achieved$" % g, text, re.M), text
for s in ("S1", "S2"):
    assert re.search(r"^  - service: %s\n    delivered: +# yes \| partly \| no$" % s, text, re.M), text
assert re.search(r"^decision: +# continue \| revise-plan \| reassess \| close$", text, re.M), text
PY
}

@test "close on a terminal: outcomes come from the latest review; approval asked at high risk" {
  case_at reviewed
  day 2026-12-11
  editor 'cp "$1" "'"$T"'/form.yaml"'
  on_tty close "$ID"
  [ "$status" -eq 2 ] || fail "exit $status: $output"
  python3 - "$T/form.yaml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert re.search(r"^  - goal: G1\n    status: in-progress ", text, re.M), text
assert re.search(r"^  - goal: G2\n    status: achieved ", text, re.M), text
assert re.search(r"^reason: +# goals-achieved \| no-further-action \| ", text, re.M), text
assert re.search(r"^evaluation: +# required", text, re.M), text
PY
}

@test "assess on a terminal: a form left empty aborts with nothing written" {
  case_at intake
  day 2026-11-03
  snapshot
  editor ': >"$1"'
  on_tty assess "$ID"
  [ "$status" -eq 2 ] || fail "exit $status: $output"
  assert_output --partial "aborted: the form was left empty or unchanged; nothing written"
  assert_unchanged
}
