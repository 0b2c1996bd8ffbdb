# Helpers for the issue-8 scenarios (closures kept as a list, approvals, amendments, impossible
# facts, outstanding decisions, no personal data in messages): load after helpers.bash.
#
#   load helpers
#   load helpers_integrity

# ---- refusals whose rule name the spec leaves open ----

# After `run --separate-stderr`: fails unless the command was refused by a rule (exit 3) with a
# stderr line "casectl: ...$ID: RULE: ..." (any rule), the whole of stderr saying every further
# argument (case-insensitively) and that nothing was written, and HEAD and every file as at the
# last snapshot.
assert_refused_any() {
  local frag
  [ "$status" -eq 3 ] || fail "expected exit 3 (refused), got $status; stdout: $output; stderr: $stderr"
  grep -qE -- "$ID: [a-z][a-z.-]*: " <<<"$stderr" ||
    fail "stderr has no line naming '$ID: RULE:'; stderr: $stderr"
  for frag in "$@"; do
    grep -qiF -- "$frag" <<<"$stderr" || fail "stderr does not say '$frag': $stderr"
  done
  grep -qF "nothing was written" <<<"$stderr" || fail "stderr does not say nothing was written: $stderr"
  assert_unchanged
}

# After `run --separate-stderr`: fails unless the exit status is $1 and HEAD and every file are as
# at the last snapshot.
assert_exit_unchanged() {
  [ "$status" -eq "$1" ] || fail "expected exit $1, got $status; stdout: $output; stderr: $stderr"
  assert_unchanged
}

# After `run --separate-stderr`: fails unless the command succeeded with exactly one new commit on
# top of the last snapshot, authored by worker $1 (sato or tanaka).
assert_one_commit_by() {
  local author
  [ "$status" -eq 0 ] || fail "expected exit 0, got $status; stdout: $output; stderr: $stderr"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not exactly one new commit"
  case "$1" in
    sato) author="Sato Yuki <sato@example.org>" ;;
    tanaka) author="Tanaka Ken <tanaka@example.org>" ;;
    *) author="$1" ;;
  esac
  [ "$(git -C "$DIR" log -1 --format='%an <%ae>')" = "$author" ] ||
    fail "author is '$(git -C "$DIR" log -1 --format='%an <%ae>')', expected '$author'"
}

# ---- the case record ----

# Python's repr of a field of case $ID (json_of), `None` when the expression raises KeyError.
json_get() {
  cs show "$ID" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
try:
    print('"$1"')
except (KeyError, IndexError):
    print("None")'
}

# Copies a file of the case folder (closure-1.md, ...) to $T/NAME.before.
keep_copy() { cp "$DIR/$(doc_file "$1")" "$T/$1.before" || fail "no $(doc_file "$1")"; }

# Fails unless the document is byte for byte what keep_copy kept.
assert_same_as_kept() {
  cmp "$T/$1.before" "$DIR/$(doc_file "$1")" || {
    diff "$T/$1.before" "$DIR/$(doc_file "$1")" >&2 || true
    fail "$(doc_file "$1") changed"
  }
}

# ---- steps of a year-long case (each on its own day) ----

# From `case_at closed` (closure 1 on 2026-12-11): the school reports again; reopened on
# 2027-03-01, re-assessed (assess-medium.yaml, need N1, risk medium) on 2027-03-02, plan 2
# (plan-medium.yaml, G1 S1) on 2027-03-05.
reopen_and_replan() {
  day 2027-03-01
  cs reopen "$ID" --reason "The school reports new absences" >/dev/null || fail "reopen failed"
  day 2027-03-02
  cs assess "$ID" --file "$STAGE_FORMS/assess-medium.yaml" >/dev/null || fail "re-assessment failed"
  day 2027-03-05
  cs plan "$ID" --file "$STAGE_FORMS/plan-medium.yaml" >/dev/null || fail "plan 2 failed"
}

# After reopen_and_replan: review 2 of plan 2 on 2027-04-30 (G1 achieved, decision close), closure
# 2 on 2027-05-07 (goals-achieved).
second_closure() {
  day 2027-04-30
  cs review "$ID" --progress G1:achieved --delivered S1:yes --safety safe --risk low \
    --decision close >/dev/null || fail "review 2 failed"
  day 2027-05-07
  cs close "$ID" --reason goals-achieved --evaluation "Weekly visits kept the family steady" \
    >/dev/null || fail "closure 2 failed"
}

# Sets policy.approvals in casectl.yaml (YAML flow map $1, e.g. '{closure: [high, very-high],
# plan: [high]}') and commits it with plain git, as an administrator would.
set_approvals_policy() {
  python3 - "$DIR/casectl.yaml" "$1" <<'EOF' || fail "could not set policy.approvals"
import re, sys
p, value = sys.argv[1], sys.argv[2]
s = open(p, encoding="utf-8").read()
s = re.sub(r"(?m)^  approvals:.*\n(    .*\n)*", "", s)
s, n = re.subn(r"(?m)^(policy:.*)$", lambda m: m.group(1) + "\n  approvals: " + value, s, count=1)
if n != 1:
    sys.exit(1)
open(p, "w", encoding="utf-8").write(s)
EOF
  git -C "$DIR" -c user.name=Admin -c user.email=admin@example.org commit -qam "policy: approvals" ||
    fail "could not commit casectl.yaml"
}

# An editor script at $T/editor.sh running the given shell lines on the file ("$1").
use_editor() {
  { printf '#!/bin/sh\nset -e\n'; printf '%s\n' "$@"; } >"$T/editor.sh"
  chmod +x "$T/editor.sh"
  export EDITOR="$T/editor.sh"
}

# ---- case.yaml edited by hand (for validate) ----

# Replaces, in top-level section $1 of case.yaml only (from "^$1:" to the next top-level key),
# the first line matching regex $2 with $3 (a Python re replacement). Fails if nothing changed.
edit_section() {
  python3 - "$DIR/$(case_file)" "$1" "$2" "$3" <<'EOF' || fail "edit_section $1: /$2/ not found"
import re, sys
p, section, regex, repl = sys.argv[1:5]
lines = open(p, encoding="utf-8").read().split("\n")
inside = False
for i, line in enumerate(lines):
    if re.match(r"^[a-z_]+:", line):
        inside = line.startswith(section + ":")
        continue
    if inside and re.search(regex, line):
        lines[i] = re.sub(regex, repl, line, count=1)
        open(p, "w", encoding="utf-8").write("\n".join(lines))
        sys.exit(0)
sys.exit(1)
EOF
}

# The line number of the first line matching regex $2 inside top-level section $1 of case.yaml.
line_in_section() {
  awk -v sec="^$1:" -v re="$2" '
    /^[a-z_]+:/ { inside = ($0 ~ sec); next }
    inside && $0 ~ re { print NR; found = 1; exit }
    END { if (!found) exit 1 }' "$DIR/$(case_file)" || fail "no line /$2/ in section $1"
}

# The column (1-based) of the first non-blank character of line $1 of case.yaml, after a "- ".
col_of_line() {
  sed -n "$1p" "$DIR/$(case_file)" | awk '{ match($0, /[^ -]/); print RSTART }'
}

# After `run --separate-stderr cs validate`: exit 1 and a stdout line starting with
# "case.yaml:LINE:COL: $ID: " for one of the LINE:COL places given.
assert_problem_at() {
  local place
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status; stdout: $output; stderr: $stderr"
  for place in "$@"; do
    grep -qE -- "^$(case_file):$place: $ID: [a-z][a-z.-]*: " <<<"$output" && return 0
  done
  fail "no line at $* of $(case_file) naming $ID and a rule in:
$output"
}

# ---- personal data ----

# Fails unless no marker string of $MARKERS (space-separated) is in $output or $stderr; $1 names
# the command for the message.
assert_no_marker() {
  local m
  for m in $MARKERS; do
    if grep -qF -- "$m" <<<"$output${stderr:+
$stderr}"; then
      fail "$1: the message quotes personal data '$m':
stdout: $output
stderr: ${stderr:-}"
    fi
  done
}
