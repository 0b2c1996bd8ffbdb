#!/usr/bin/env bats
# The progress bar of a cold index build (issue 12, SPEC section 10): on a terminal (stderr),
# once the build has taken a second; never on a pipe or a file. The builds here run under
# faketime at a thousand times the real speed, so that a few hundred records take "minutes" on
# casectl's clock and the second has always passed, on a machine of any speed.

bats_require_minimum_version 1.5.0
load helpers

# $DIR with 600 cases: one opened by `new`, copied under 599 more IDs (a record's id is its
# folder's), all an hour old so that a second run finds nothing to read again.
many_cases() {
  make_dir
  new_case >/dev/null || fail "new failed"
  python3 - "$(rec C-2026-0001)" "$DIR" <<'PY' || fail "copying the record failed"
import os, sys
src, root = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
for n in range(2, 601):
    cid = "C-2026-%04d" % n
    folder = os.path.join(root, "cases", "2026", "%02d" % (n // 100), cid)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "case.yaml"), "w", encoding="utf-8") as f:
        f.write(text.replace("id: C-2026-0001", "id: " + cid))
PY
  find "$DIR/cases" -name case.yaml -exec touch -d '-1 hour' {} +
}

# casectl on $DIR with its clock running a thousand times fast.
fast() { faketime -f '+0 x1000' "$CASECTL_BIN" -C "$DIR" "$@"; }

@test "a cold list or due with stderr on a pipe or a file prints nothing on stderr" {
  command -v faketime >/dev/null || skip "no faketime"
  many_cases
  run --separate-stderr fast --format csv list
  assert_success
  assert_equal "${#lines[@]}" 601
  assert_equal "$stderr" ""
  rm -rf "$DIR/.casectl"
  fast due >/dev/null 2>"$T/err" || fail "due failed"
  [ ! -s "$T/err" ] || fail "due wrote on stderr: $(cat "$T/err")"
}

@test "on a terminal a cold list draws the bar on stderr and clears it; a warm one draws nothing" {
  command -v faketime >/dev/null || skip "no faketime"
  command -v script >/dev/null || skip "no script (util-linux)"
  # A container without /dev/pts has no terminal to give (the drawing itself is unit-tested).
  script -qec true /dev/null >/dev/null 2>&1 || skip "no pseudo-terminal on this machine"
  many_cases
  # stderr alone reaches the terminal, which script copies to its stdout.
  script -qec "faketime -f '+0 x1000' '$CASECTL_BIN' -C '$DIR' list >/dev/null" /dev/null >"$T/cold" ||
    fail "cold list failed"
  python3 - "$T/cold" <<'PY' || fail "the bar: $(od -c "$T/cold" | head -20)"
import re, sys
raw = open(sys.argv[1], "rb").read().decode()
draws = [d for d in raw.split("\r") if d.strip()]
assert draws, "no bar drawn"
for d in draws:
    assert re.fullmatch(r"casectl: indexing cases +[\d,]+/600 \[[#.]+\] +\d+% *", d), repr(d)
# The last thing written blanks the line and returns to its start.
assert re.search(r"\r +\r\Z", raw), repr(raw[-100:])
PY
  script -qec "faketime -f '+0 x1000' '$CASECTL_BIN' -C '$DIR' list >/dev/null" /dev/null >"$T/warm" ||
    fail "warm list failed"
  [ ! -s "$T/warm" ] || fail "a warm list drew: $(od -c "$T/warm" | head)"
}
