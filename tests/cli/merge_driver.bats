# casectl merge-driver: git's merge driver for case records and casectl.yaml (issue 14), so that
# a plain `git pull` merges by meaning: items added on both sides kept (renumbered), different
# fields merged, the same field changed on both sides a conflict that loses nothing; workers
# added on both sides kept. Two clones of one bare repository, set up as init sets a case
# directory up (.gitattributes committed, merge.casectl.driver in each clone's .git/config).

bats_require_minimum_version 1.5.0
load helpers

# $DIR: case $ID active, pushed to a bare repository; clones $A and $B of it with the driver.
two_clones() {
  case_at active
  git init -q --bare "$T/server.git"
  git -C "$DIR" remote add origin "$T/server.git"
  git -C "$DIR" push -q origin main
  A="$T/a" B="$T/b"
  local c
  for c in "$A" "$B"; do
    git clone -q -b main "$T/server.git" "$c"
    git -C "$c" config merge.casectl.driver "'$CASECTL_BIN' merge-driver %O %A %B %P"
    git -C "$c" config pull.rebase false
  done
}

# A hand edit of the record in clone $1 (python: r is the text), committed with plain git.
edit_commit() {
  local clone="$1" code="$2"
  python3 - "$clone/$(case_file)" "$code" <<'EOF'
import sys
path, code = sys.argv[1], sys.argv[2]
r = open(path, encoding="utf-8").read()
exec(code)
open(path, "w", encoding="utf-8").write(r)
EOF
  git -C "$clone" commit -qam "edit $ID"
}

@test "init writes .gitattributes and the driver (this binary) into the repository's git config" {
  make_dir
  run git -C "$DIR" ls-files .gitattributes
  assert_output .gitattributes
  grep -qx 'cases/\*\*/case.yaml merge=casectl' "$DIR/.gitattributes"
  grep -qx 'casectl.yaml merge=casectl' "$DIR/.gitattributes"
  assert_equal "$(git -C "$DIR" config --local merge.casectl.driver)" "'$(readlink -f "$CASECTL_BIN")' merge-driver %O %A %B %P"
  assert_equal "$(git -C "$DIR" check-attr merge -- "$(case_file)" | sed 's/.*: //')" casectl
  assert_equal "$(git -C "$DIR" check-attr merge -- cases/2026/00/$ID/plan-1.md | sed 's/.*: //')" unspecified
}

@test "git pull merges notes and consents added on both sides: all kept, renumbered, valid" {
  two_clones
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  casectl -C "$A" consent "$ID" --party hospital --scope share-plan --given-by mother >/dev/null
  git -C "$A" push -q origin main
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  casectl -C "$B" consent "$ID" --party police --scope share-plan --given-by mother >/dev/null
  run git -C "$B" pull -q origin main
  assert_success
  local f="$B/$(case_file)"
  grep -q 'Phone call with the school' "$f"
  grep -q 'Home visit, all calm' "$f"
  # Notes in date order: B's (11-08) before A's (11-09).
  run python3 -c 'import sys; t=open(sys.argv[1]).read(); print(t.index("Home visit, all calm") < t.index("Phone call with the school"))' "$f"
  assert_output True
  # The consents numbered 1, 2, ... without a gap or a repeat, the two added last, one each.
  run --separate-stderr casectl -C "$B" show "$ID" --format json
  run python3 -c 'import json,sys
cs = json.load(sys.stdin)["consents"]
print([c["n"] for c in cs] == list(range(1, len(cs) + 1)), sorted(c["party"] for c in cs[-2:]))' <<<"$output"
  assert_output "True ['hospital', 'police']"
  run --separate-stderr casectl -C "$B" validate
  assert_success
  # A merge commit, and nothing left to resolve.
  assert_equal "$(git -C "$B" rev-list --count --merges HEAD)" 1
  [ -z "$(git -C "$B" status --porcelain)" ]
}

@test "git pull merges different fields changed on each side" {
  two_clones
  edit_commit "$A" 'r = r.replace("  urgency: urgent", "  urgency: immediate")'
  git -C "$A" push -q origin main
  edit_commit "$B" 'r = r.replace("  sex: female", "  sex: unknown")'
  run git -C "$B" pull -q origin main
  assert_success
  grep -q '^  urgency: immediate$' "$B/$(case_file)"
  grep -q '^  sex: unknown$' "$B/$(case_file)"
  run --separate-stderr casectl -C "$B" validate
  assert_success
}

@test "the same field changed on both sides: git pull fails, the conflict names codes, nothing is lost" {
  two_clones
  edit_commit "$A" 'r = r.replace("  urgency: urgent", "  urgency: immediate"); r = r.replace("  address: 桜町2丁目5-3", "  address: 松山1丁目")'
  git -C "$A" push -q origin main
  edit_commit "$B" 'r = r.replace("  urgency: urgent", "  urgency: routine"); r = r.replace("  address: 桜町2丁目5-3", "  address: 梅田3丁目")'
  run --separate-stderr git -C "$B" pull -q origin main
  assert_failure
  assert_output --partial "CONFLICT (content): Merge conflict in $(case_file)"
  # The driver's lines (on stderr, as git passes it on) name the case, the fields and codes only.
  [[ "$stderr" == *"casectl: merge conflict: $ID: referral.urgency: ours routine, theirs immediate"* ]] ||
    fail "stderr: $stderr"
  [[ "$stderr" == *"casectl: merge conflict: $ID: client.address: ours (text differs), theirs (text differs)"* ]] ||
    fail "stderr: $stderr"
  [[ "$output$stderr" != *松山* && "$output$stderr" != *梅田* ]] || fail "personal data printed"
  local f="$B/$(case_file)"
  grep -q '^  urgency: routine$' "$f"
  grep -q '^  urgency: immediate$' "$f"
  grep -q '松山1丁目' "$f"
  grep -q '梅田3丁目' "$f"
  grep -qx '<<<<<<< merged (ours where they conflict)' "$f"
  grep -qx '=======' "$f"
  grep -qx '>>>>>>> theirs' "$f"
  run git -C "$B" status --porcelain
  assert_output "UU $(case_file)"
}

@test "git pull keeps the workers added to casectl.yaml on both sides" {
  two_clones
  casectl -C "$A" --worker tanaka worker add ito --name "Ito Mei" --email ito@example.org >/dev/null
  git -C "$A" push -q origin main
  casectl -C "$B" --worker tanaka worker add kato --name "Kato Jun" --email kato@example.org >/dev/null
  run git -C "$B" pull -q origin main
  assert_success
  run --separate-stderr casectl -C "$B" worker list --format csv
  assert_success
  assert_line --partial "ito,Ito Mei,ito@example.org"
  assert_line --partial "kato,Kato Jun,kato@example.org"
  assert_line --partial "sato,Sato Yuki"
}

@test "merge-driver keeps all three versions of a file that does not load, and exits 1" {
  case_at active
  local f="$DIR/$(case_file)"
  cp "$f" "$T/base.yaml"
  cp "$f" "$T/theirs.yaml"
  printf 'status: [broken\n' >"$T/ours.yaml"
  run --separate-stderr casectl merge-driver "$T/base.yaml" "$T/ours.yaml" "$T/theirs.yaml" "$(case_file)"
  assert_failure 1
  grep -qx '<<<<<<< ours' "$T/ours.yaml"
  grep -qx 'status: \[broken' "$T/ours.yaml"
  grep -qx '||||||| base' "$T/ours.yaml"
  grep -qx '>>>>>>> theirs' "$T/ours.yaml"
  [ "$(grep -c "^id: $ID" "$T/ours.yaml")" = 2 ]
}

@test "merge-driver keeps both versions of a record added on both sides (no base), and exits 1" {
  case_at active
  cp "$DIR/$(case_file)" "$T/ours.yaml"
  sed 's/^  sex: female$/  sex: male/' "$DIR/$(case_file)" >"$T/theirs.yaml"
  : >"$T/base.yaml"
  run --separate-stderr casectl merge-driver "$T/base.yaml" "$T/ours.yaml" "$T/theirs.yaml" "$(case_file)"
  assert_failure 1
  [[ "$stderr" == *"added on both sides"* ]] || fail "stderr: $stderr"
  grep -qx '  sex: female' "$T/ours.yaml"
  grep -qx '  sex: male' "$T/ours.yaml"
}

@test "merge-driver is not listed in --help" {
  run casectl --help
  assert_success
  refute_output --partial merge-driver
}

@test "a comment written by hand on one side survives a git pull that merges a note from the other" {
  two_clones
  edit_commit "$A" 'r = "# checked with the supervisor\n" + r'
  git -C "$A" push -q origin main
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  run git -C "$B" pull -q origin main
  assert_success
  local f="$B/$(case_file)"
  head -1 "$f" | grep -qx '# checked with the supervisor' || fail "the comment was lost: $(head -3 "$f")"
  grep -q 'Home visit, all calm' "$f"
  run casectl -C "$B" validate "$ID"
  assert_success
}
