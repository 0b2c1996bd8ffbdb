# casectl clone, sync and status (issue 14): a bare repository as the team's server and two
# clones of it, as two workers' laptops. Records merge by meaning through the merge driver that
# clone installs; the same field changed on both sides stops with exit 5 and loses nothing; an
# unreachable remote is exit 70 with nothing changed; a push refused because the remote moved
# is fetched, merged and pushed again.

bats_require_minimum_version 1.5.0
load helpers
load helpers_sync

@test "clone: files 0600, folders 0700, the merge driver installed, the worker as git identity" {
  server_and_clones
  run find "$A" -path "$A/.git" -prune -o -type f ! -perm 600 -print
  assert_output ""
  run find "$A" -path "$A/.git" -prune -o -type d ! -perm 700 -print
  assert_output ""
  assert_equal "$(git -C "$A" config --local merge.casectl.driver)" "'$(readlink -f "$CASECTL_BIN")' merge-driver %O %A %B %P"
  assert_equal "$(git -C "$A" config user.email)" sato@example.org
  assert_equal "$(git -C "$B" config user.email)" tanaka@example.org
  run casectl -C "$A" note "$ID" "Called the school" --date 2026-11-09
  assert_success
  assert_equal "$(git -C "$A" log -1 --format=%ae)" sato@example.org
}

@test "clone: an unknown worker, a folder that is not a case directory, an unreachable URL: nothing left behind" {
  server_and_clones
  run casectl clone "$T/server.git" "$T/c" --worker nobody
  assert_failure 2
  assert_output --partial "nobody"
  [ ! -e "$T/c" ]
  git init -q --bare -b main "$T/empty.git"
  git clone -q "$T/empty.git" "$T/seed" 2>/dev/null
  echo x >"$T/seed/readme" && git -C "$T/seed" add readme && git -C "$T/seed" commit -qm x && git -C "$T/seed" push -q origin HEAD
  run casectl clone "$T/empty.git" "$T/c"
  assert_failure 4
  assert_output --partial "casectl.yaml"
  [ ! -e "$T/c" ]
  run casectl clone "https://user:secret@127.0.0.1:1/cases.git" "$T/c"
  assert_failure 70
  refute_output --partial secret
  [ ! -e "$T/c" ]
  run casectl clone "$T/server.git" "$A"
  assert_failure 5
}

@test "sync: disjoint changes go both ways; the second sync is up to date" {
  server_and_clones
  casectl -C "$A" note "$ID" "Called the school" --date 2026-11-09 >/dev/null
  run casectl -C "$A" sync
  assert_success
  assert_output --partial "1 commits pushed"
  casectl -C "$B" --worker sato new --name "Kato Ren" --birth-date 2019-01-02 --sex male --source police \
    --urgency routine --concern neglect --reason "Left alone" >/dev/null
  run casectl -C "$B" sync
  assert_success
  assert_output --partial "1 commits came in"
  assert_output --partial "cases changed: $ID"
  assert_output --partial "2 commits pushed"
  run casectl -C "$A" sync
  assert_success
  assert_output --partial "C-2026-0002"
  assert_equal "$(git -C "$A" rev-parse HEAD)" "$(git -C "$B" rev-parse HEAD)"
  assert_equal "$(git -C "$A" rev-parse HEAD)" "$(git --git-dir="$T/server.git" rev-parse main)"
  stat -c %a "$A/cases/2026/00/C-2026-0002/case.yaml" | grep -qx 600
  stat -c %a "$A/cases/2026/00/C-2026-0002" | grep -qx 700
  run casectl -C "$A" sync
  assert_success
  assert_output "main: up to date with origin"
  run casectl -C "$A" validate
  assert_success
}

@test "sync: notes added to one case on both sides are all kept, in a merge commit by the worker" {
  server_and_clones
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  casectl -C "$A" sync >/dev/null
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  run casectl -C "$B" sync
  assert_success
  assert_output --partial "(merged)"
  record_in "$B" | grep -q "Phone call with the school"
  record_in "$B" | grep -q "Home visit, all calm"
  assert_equal "$(git -C "$B" log -1 --format='%P' | wc -w)" 2
  assert_equal "$(git -C "$B" log -1 --format='%ae %s')" "tanaka@example.org sync: merge origin/main"
  run casectl -C "$B" validate
  assert_success
  casectl -C "$A" sync >/dev/null
  assert_equal "$(record_in "$A")" "$(record_in "$B")"
}

@test "sync: the same field changed on both sides stops with exit 5, names case and field, pushes nothing, loses nothing" {
  server_and_clones
  casectl -C "$A" --worker tanaka assign "$ID" sato --reason "back from leave" >/dev/null 2>&1 || true
  python3 - "$A/$(case_file)" "$B/$(case_file)" <<'PY'
import sys
for path, v in zip(sys.argv[1:], ["Sakura school", "Midori school"]):
    t = open(path, encoding="utf-8").read()
    import re
    t2 = re.sub(r"(?m)^(  school: ).*$", r"\g<1>" + v, t, count=1)
    if t2 == t:
        t2 = re.sub(r"(?m)^(  name: .*)$", r"\1\n  school: " + v, t, count=1)
    open(path, "w", encoding="utf-8").write(t2)
PY
  git -C "$A" commit -qam "edit $ID"
  git -C "$B" commit -qam "edit $ID"
  casectl -C "$A" sync >/dev/null
  local server_before
  server_before="$(git --git-dir="$T/server.git" rev-parse main)"
  run casectl -C "$B" sync
  assert_failure 5
  assert_output --partial "merge conflict in $ID"
  assert_output --partial "school"
  refute_output --partial "Midori"
  refute_output --partial "Sakura"
  assert_equal "$(git --git-dir="$T/server.git" rev-parse main)" "$server_before"
  # Both versions kept; the other commands see the unfinished merge.
  grep -q "Midori school" "$B/$(case_file)"
  grep -q "Sakura school" "$B/$(case_file)"
  run casectl -C "$B" status
  assert_success
  assert_output --partial "In conflict (an unfinished merge): $ID"
  run casectl -C "$B" note "$ID" "x" --date 2026-11-09
  assert_failure 5
  # A sync that stopped on a conflict was not killed: the next one leaves the merge to the worker.
  run casectl -C "$B" sync
  assert_failure 5
  refute_output --partial "recovered an interrupted sync"
  grep -q "Midori school" "$B/$(case_file)"
  grep -q "Sakura school" "$B/$(case_file)"
  # Going back loses nothing: B's commit is HEAD, A's is on the server.
  git -C "$B" merge --abort
  grep -q "Midori school" "$B/$(case_file)"
  run casectl -C "$B" status
  refute_output --partial "In conflict"
}

@test "sync: an unreachable remote is exit 70 naming it, not its credentials; nothing changes" {
  server_and_clones
  casectl -C "$A" note "$ID" "Called the school" --date 2026-11-09 >/dev/null
  git -C "$A" remote set-url origin "https://user:secret@127.0.0.1:1/cases.git"
  local head
  head="$(git -C "$A" rev-parse HEAD)"
  run casectl -C "$A" sync
  assert_failure 70
  assert_output --partial "cannot reach remote origin"
  refute_output --partial secret
  assert_equal "$(git -C "$A" rev-parse HEAD)" "$head"
  run casectl -C "$A" sync --remote nowhere
  assert_failure 4
  run casectl -C "$A" status
  assert_success
  assert_output --partial "Not yet pushed to origin (1):"
}

@test "sync: a push refused because the remote moved meanwhile is fetched, merged and pushed again" {
  server_and_clones
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  # A's first push: just before it, B's commit reaches the server (the remote moves after A fetched).
  cat >"$A/.git/hooks/pre-push" <<HOOK
#!/bin/sh
if [ ! -e "$T/raced" ]; then touch "$T/raced"; env -u GIT_DIR -u GIT_WORK_TREE git -C "$B" push -q origin main; fi
exit 0
HOOK
  chmod +x "$A/.git/hooks/pre-push"
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  run casectl -C "$A" sync
  assert_success
  assert_output --partial "the remote moved meanwhile: 2 rounds"
  [ -e "$T/raced" ]
  git --git-dir="$T/server.git" show main:"$(case_file)" | grep -q "Home visit, all calm"
  git --git-dir="$T/server.git" show main:"$(case_file)" | grep -q "Phone call with the school"
}

@test "sync refuses an uncommitted hand edit (exit 5), naming the file" {
  server_and_clones
  sed -i 's/^worker: sato$/worker: tanaka/' "$A/$(case_file)"
  run casectl -C "$A" sync
  assert_failure 5
  assert_output --partial "$ID"
  assert_output --partial "not committed"
  run casectl -C "$A" status --format json
  assert_success
  assert_equal "$(echo "$output" | python3 -c 'import json,sys; print(json.load(sys.stdin)["uncommitted"][0])')" "$(case_file)"
}

@test "status: what is not pushed, what the last sync brought, as table and JSON" {
  server_and_clones
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  casectl -C "$B" sync >/dev/null
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  run casectl -C "$A" status
  assert_success
  assert_output --partial "Not yet pushed to origin (1):"
  assert_output --partial "note $ID"
  casectl -C "$A" sync >/dev/null
  run casectl -C "$A" status --format json
  assert_success
  echo "$output" | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["remote"] == "origin" and s["branch"] == "main", s
assert s["unpushed"] == [], s
subjects = [c["subject"] for c in s["came_in"]]
assert any(x.startswith("note ") for x in subjects), subjects
assert s["last_sync"], s
assert s["conflicts"] == [] and s["uncommitted"] == [], s
'
}

@test "sync: a push the server refuses without moving is exit 5 with its reason, the commits kept" {
  server_and_clones
  printf '#!/bin/sh\necho "closed for the night" >&2\nexit 1\n' >"$T/server.git/hooks/pre-receive"
  chmod +x "$T/server.git/hooks/pre-receive"
  casectl -C "$A" note "$ID" "Called the school" --date 2026-11-09 >/dev/null
  local head
  head="$(git -C "$A" rev-parse HEAD)"
  run casectl -C "$A" sync
  assert_failure 5
  assert_output --partial "refused the push"
  assert_output --partial "pre-receive hook declined"
  assert_equal "$(git -C "$A" rev-parse HEAD)" "$head"
  rm "$T/server.git/hooks/pre-receive"
  run casectl -C "$A" sync
  assert_success
}

@test "sync: git's environment of the caller (index, directory, config) does not lead it astray" {
  server_and_clones
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  casectl -C "$B" sync >/dev/null
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  run env GIT_DIR="$B/.git" GIT_WORK_TREE="$B" GIT_INDEX_FILE="$T/other-index" \
    GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0="url.$T/nowhere.git.insteadOf" GIT_CONFIG_VALUE_0="$T/server.git" \
    "$CASECTL_BIN" -C "$A" sync
  assert_success
  assert_output --partial "(merged)"
  [ ! -e "$T/other-index" ]
  git --git-dir="$T/server.git" show main:"$(case_file)" | grep -q "Phone call with the school"
  run git -C "$A" status --porcelain --untracked-files=no
  assert_output ""
}

@test "sync: a server with other branches but not this one is refused; an empty server gets the branch" {
  case_at active
  git init -q --bare -b main "$T/other.git"
  git -C "$DIR" push -q "$T/other.git" main:elsewhere
  git -C "$DIR" remote add other "$T/other.git"
  run casectl -C "$DIR" sync --remote other
  assert_failure 5
  assert_output --partial "has no branch main"
  git init -q --bare -b main "$T/empty.git"
  git -C "$DIR" remote add empty "$T/empty.git"
  run casectl -C "$DIR" sync --remote empty
  assert_success
  assert_equal "$(git --git-dir="$T/empty.git" rev-parse main)" "$(git -C "$DIR" rev-parse HEAD)"
}

# A new case in clone $1 (its ID printed), by the defaults of new_case with the flags given.
new_in() {
  local dir="$1"
  shift
  DIR="$dir" new_case "$@"
}

# The ID collision of the renumbering tests: A opens C-2026-0002 and pushes it; B, offline,
# opens another case that takes C-2026-0002 too (not yet synced).
one_id_twice() {
  server_and_clones
  day 2026-11-12
  new_in "$A" --name "青木 一郎" >/dev/null
  casectl -C "$A" sync >/dev/null
  new_in "$B" --name "鈴木 次郎" >/dev/null
}

@test "sync: two cases opened offline with one ID: the one here is renumbered, its documents and links follow" {
  server_and_clones
  day 2026-11-12
  # Sato opens C-2026-0002 and syncs first.
  assert_equal "$(new_in "$A" --name "青木 一郎")" C-2026-0002
  casectl -C "$A" sync >/dev/null
  # Tanaka, offline, opens another case that takes C-2026-0002 too, links it with $ID and
  # plans it (plan-1.md names the case), and a third case C-2026-0003 the server's next free ID
  # would otherwise be.
  assert_equal "$(new_in "$B" --name "鈴木 次郎")" C-2026-0002
  casectl -C "$B" --worker tanaka link "$ID" C-2026-0002 --relation sibling >/dev/null
  casectl -C "$B" assess C-2026-0002 --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  casectl -C "$B" plan C-2026-0002 --file "$STAGE_FORMS/plan-1.yaml" >/dev/null
  assert_equal "$(new_in "$B" --name "鈴木 三郎")" C-2026-0003
  run --separate-stderr casectl -C "$B" sync
  assert_success
  # Both of B's cases collide with nothing of A's but C-2026-0002; renumbered to the next ID free
  # on both sides (0003 is B's own third case, so 0004), and told.
  assert_output --partial "C-2026-0002"
  assert_output --partial "C-2026-0004"
  local old="$B/cases/2026/00/C-2026-0002" new="$B/cases/2026/00/C-2026-0004"
  grep -q "name: 青木 一郎" "$old/case.yaml"
  grep -q "name: 鈴木 次郎" "$new/case.yaml"
  grep -q "^id: C-2026-0004$" "$new/case.yaml"
  grep -q "^renumbered_from: C-2026-0002$" "$new/case.yaml"
  # The document is the renumbered record's, not the old text moved.
  grep -q "C-2026-0004" "$new/plan-1.md"
  run grep -c "C-2026-0002" "$new/plan-1.md"
  assert_output 0
  # $ID links to both: A's link did not exist on B; B's link now names the new ID.
  run casectl -C "$B" show "$ID" --format json
  assert_success
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); cases=sorted(l["case"] for l in r.get("links",[])); assert cases==["C-2026-0004"], cases' "$output"
  grep -q "case: C-2026-0004" "$(DIR="$B" rec "$ID")"
  run casectl -C "$B" validate
  assert_success
  # One commit of its own, in the project's format, then the merge; all of it pushed.
  run git -C "$B" log --format=%s -3
  assert_line --index 1 "renumber C-2026-0004: from C-2026-0002"
  git -C "$B" log --format=%B -1 HEAD^ | grep -q "^Renumbered-From: C-2026-0002$"
  assert_equal "$(git -C "$B" rev-parse HEAD)" "$(git -C "$T/server.git" rev-parse main)"
  # The log follows the case across its renumbering; the old ID's log points at the new one.
  run casectl -C "$B" log C-2026-0004 --format csv
  assert_success
  assert_output --partial "renumber"
  assert_output --partial "plan"
  # A gets everything: its own case kept as it was.
  casectl -C "$A" sync >/dev/null
  grep -q "name: 青木 一郎" "$A/cases/2026/00/C-2026-0002/case.yaml"
  grep -q "name: 鈴木 次郎" "$A/cases/2026/00/C-2026-0004/case.yaml"
  grep -q "name: 鈴木 三郎" "$A/cases/2026/00/C-2026-0003/case.yaml"
  run casectl -C "$A" validate
  assert_success
}

@test "sync: a case added on both sides with the same record is one case, not renumbered" {
  server_and_clones
  day 2026-11-12
  assert_equal "$(new_in "$A" --name "青木 一郎")" C-2026-0002
  # The same commit reaches B by another road (a patch applied): the same record.
  git -C "$A" format-patch -1 --stdout HEAD | git -C "$B" am -q
  casectl -C "$A" sync >/dev/null
  casectl -C "$B" note "$ID" "Called the school" --date 2026-11-12 >/dev/null
  run --separate-stderr casectl -C "$B" sync
  assert_success
  refute_output --partial "now C-2026"
  [ ! -e "$B/cases/2026/00/C-2026-0003" ]
}

@test "sync: killed while renumbering, the next sync puts the files back and renumbers again" {
  one_id_twice
  head="$(git -C "$B" rev-parse HEAD)"
  # A renumbering cut off after its files were written, before its commit: the marker and the
  # half-moved folders are what a kill there leaves.
  local gitdir="$B/.git"
  printf '%s\ncases/2026/00/C-2026-0002\ncases/2026/00/C-2026-0003\n' "$head" >"$gitdir/casectl-renumbering"
  mkdir -p "$B/cases/2026/00/C-2026-0003"
  sed 's/^id: C-2026-0002$/id: C-2026-0003/' "$B/cases/2026/00/C-2026-0002/case.yaml" >"$B/cases/2026/00/C-2026-0003/case.yaml"
  git -C "$B" rm -q -r --cached cases/2026/00/C-2026-0002
  rm -r "$B/cases/2026/00/C-2026-0002"
  run --separate-stderr casectl -C "$B" sync
  assert_success
  assert_output --partial "C-2026-0003"
  [ ! -e "$gitdir/casectl-renumbering" ]
  grep -q "name: 鈴木 次郎" "$B/cases/2026/00/C-2026-0003/case.yaml"
  grep -q "name: 青木 一郎" "$B/cases/2026/00/C-2026-0002/case.yaml"
  assert_equal "$(git -C "$B" status --porcelain)" ""
  run casectl -C "$B" validate
  assert_success
}

@test "sync: a document both sides amended is rendered again from the merged record, never merged as text" {
  server_and_clones
  day 2026-11-20
  # Each side corrects another fact the plan shows: plan-1.md changes on both sides, in lines
  # next to each other (a text conflict), while the record merges (two fields, two amendments).
  local f="cases/2026/00/$ID/case.yaml"
  printf '#!/bin/sh\nsed -i "s/^  birth_date: 2018-04-12$/  birth_date: 2018-04-13/" "$1"\n' >"$T/ed-a.sh"
  printf '#!/bin/sh\nsed -i "s/^  name: 山田 花子$/  name: 山田 華子/" "$1"\n' >"$T/ed-b.sh"
  chmod +x "$T/ed-a.sh" "$T/ed-b.sh"
  EDITOR="$T/ed-a.sh" casectl -C "$A" edit "$ID" --reason typo >/dev/null
  EDITOR="$T/ed-b.sh" casectl -C "$B" edit "$ID" --reason correction >/dev/null
  grep -q "2018-04-13" "$A/$f"
  grep -q "山田 華子" "$B/$f"
  casectl -C "$A" sync >/dev/null
  run --separate-stderr casectl -C "$B" sync
  assert_success
  assert_equal "$(git -C "$B" status --porcelain)" ""
  grep -q "birth_date: 2018-04-13" "$B/$f"
  grep -q "name: 山田 華子" "$B/$f"
  # The committed plan is what the merged record renders: both corrections, both amendments.
  run casectl -C "$B" doc "$ID" plan 1
  assert_success
  assert_output "cases/2026/00/$ID/plan-1.md is up to date"
  grep -q "13 April 2018" "$B/cases/2026/00/$ID/plan-1.md"
  grep -q "山田 華子" "$B/cases/2026/00/$ID/plan-1.md"
  run grep -c "^<<<<<<<\|^>>>>>>>" "$B/cases/2026/00/$ID/plan-1.md"
  assert_output 0
  run casectl -C "$B" validate
  assert_success
}

@test "sync after a killed sync: its git lock files and half-done merge are cleared, then it syncs" {
  server_and_clones
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  casectl -C "$A" sync >/dev/null
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  # Without the mark of a killed sync, a git lock file may be a live git's: sync leaves it.
  mkdir -p "$B/.git/refs/remotes/origin" && touch "$B/.git/refs/remotes/origin/main.lock"
  run casectl -C "$B" sync
  assert_failure 70
  [ -e "$B/.git/refs/remotes/origin/main.lock" ]
  # What a sync killed in its merge leaves: the mark, git's lock files, a file half merged,
  # MERGE_HEAD, merge temp files in the top folder.
  printf 'origin\nmerging %s\n' "$(git -C "$B" rev-parse HEAD)" >"$B/.casectl/sync-running"
  touch "$B/.git/index.lock" "$B/.git/ORIG_HEAD.lock" "$B/.merge_file_Ab12Cd" "$B/..merge_file_Ab12Cd.tmp-99-1"
  git -C "$B" fetch -q origin 2>/dev/null || true
  git -C "$B" rev-parse origin/main >"$B/.git/MERGE_HEAD"
  echo "half written" >>"$B/$(case_file)"
  run casectl -C "$B" sync
  assert_success
  assert_output --partial "recovered an interrupted sync"
  assert_output --partial "(merged)"
  record_in "$B" | grep -q "Phone call with the school"
  record_in "$B" | grep -q "Home visit, all calm"
  run grep -c "half written" "$B/$(case_file)"
  assert_output 0
  run git -C "$B" status --porcelain --untracked-files=all
  assert_output ""
  [ ! -e "$B/.casectl/sync-running" ]
  assert_equal "$(git -C "$B" rev-parse HEAD)" "$(git --git-dir="$T/server.git" rev-parse main)"
}

@test "sync after a sync stopped before it merged: a hand edit made since is refused, never reset" {
  server_and_clones
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  casectl -C "$A" sync >/dev/null
  # A sync cut off while fetching (Ctrl-C, a hung connection): its mark without "merging".
  mkdir -p -m 700 "$B/.casectl"
  echo "origin" >"$B/.casectl/sync-running"
  touch "$B/.git/index.lock"
  echo "# checked with the school" >>"$B/$(case_file)"
  run casectl -C "$B" sync
  assert_failure 5
  assert_output --partial "changed and not committed: $ID"
  grep -q "^# checked with the school$" "$B/$(case_file)"
  [ ! -e "$B/.git/index.lock" ]
}

@test "sync: a case to renumber whose folder holds a file git does not track stops with exit 5, nothing changed" {
  one_id_twice
  echo "draft" >"$B/cases/2026/00/C-2026-0002/draft.txt"
  local head
  head="$(git -C "$B" rev-parse HEAD)"
  run casectl -C "$B" sync
  assert_failure 5
  assert_output --partial "C-2026-0002"
  assert_output --partial "track"
  assert_equal "$(git -C "$B" rev-parse HEAD)" "$head"
  [ -e "$B/cases/2026/00/C-2026-0002/draft.txt" ]
  grep -q "name: 鈴木 次郎" "$B/cases/2026/00/C-2026-0002/case.yaml"
  assert_equal "$(git -C "$B" status --porcelain --untracked-files=no)" ""
  # Moved out, the next sync renumbers it.
  mv "$B/cases/2026/00/C-2026-0002/draft.txt" "$T/"
  run casectl -C "$B" sync
  assert_success
  assert_output --partial "C-2026-0003"
}

@test "sync: a renumbering is told even when the sync then stops on a conflict; settings in conflict are named as such" {
  server_and_clones
  day 2026-11-12
  new_in "$A" --name "青木 一郎" >/dev/null
  # casectl.yaml changed on both sides (a conflict), and $ID changed on both sides (merges).
  sed -i 's/^agency: .*/agency: North office/' "$A/casectl.yaml"
  git -C "$A" commit -qam "settings: agency"
  casectl -C "$A" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  casectl -C "$A" sync >/dev/null
  new_in "$B" --name "鈴木 次郎" >/dev/null
  sed -i 's/^agency: .*/agency: South office/' "$B/casectl.yaml"
  git -C "$B" commit -qam "settings: agency"
  casectl -C "$B" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  run casectl -C "$B" sync
  assert_failure 5
  assert_output --partial "merge conflict in casectl.yaml"
  assert_output --partial "C-2026-0002"
  assert_output --partial "C-2026-0003"
  grep -q "name: 鈴木 次郎" "$B/cases/2026/00/C-2026-0003/case.yaml"
}
