#!/usr/bin/env bats
# casectl worker add|list (worker set and retire: integrity.bats), and who the acting worker is (SPEC section 2): --worker, else
# $CASECTL_WORKER, else the worker whose email is git's user.email.

load helpers

@test "worker add registers a worker in one commit authored by the acting worker" {
  make_dir
  before="$(commit_count)"
  run --separate-stderr casectl -C "$DIR" --worker sato worker add suzuki --name "鈴木 葵" \
    --email suzuki@example.org
  assert_success
  assert_output suzuki
  assert_equal "$(commit_count)" $((before + 1))
  assert_equal "$(git -C "$DIR" log -1 --format='%an <%ae>|%cn <%ce>')" \
    "Sato Yuki <sato@example.org>|Sato Yuki <sato@example.org>"
  assert_equal "$(git -C "$DIR" log -1 --format=%s)" "worker add suzuki: worker"
  run git -C "$DIR" log -1 --format=%b
  assert_line "Worker: sato"
  run git -C "$DIR" show --name-only --format= HEAD
  assert_output casectl.yaml
  run casectl -C "$DIR" worker list --format csv
  assert_line "suzuki,鈴木 葵,suzuki@example.org,worker,active"
  assert_clean
}

@test "worker add --role supervisor is recorded; the author is whoever acts" {
  make_dir
  run casectl -C "$DIR" --worker tanaka worker add kato --name "Kato Mei" --email kato@example.org \
    --role supervisor
  assert_success
  assert_equal "$(git -C "$DIR" log -1 --format='%an <%ae>')" "Tanaka Ken <tanaka@example.org>"
  assert_equal "$(git -C "$DIR" log -1 --format=%s)" "worker add kato: supervisor"
  run casectl -C "$DIR" worker list --format csv
  assert_line "kato,Kato Mei,kato@example.org,supervisor,active"
}

@test "a newly added worker can act at once" {
  make_dir
  casectl -C "$DIR" --worker sato worker add suzuki --name "Suzuki Aoi" --email suzuki@example.org
  run casectl -C "$DIR" --worker suzuki new --source family --urgency routine --concern poverty
  assert_success
  assert_equal "$(git -C "$DIR" log -1 --format='%an <%ae>')" "Suzuki Aoi <suzuki@example.org>"
  grep -qx "worker: suzuki" "$(rec C-2026-0001)"
}

@test "worker add refuses a registered id or email (exit 3), nothing written" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato worker add tanaka --name "Tanaka Two" --email t2@example.org
  assert_failure 3
  assert_output --partial tanaka
  run casectl -C "$DIR" --worker sato worker add tanaka2 --name "Tanaka Two" --email tanaka@example.org
  assert_failure 3
  assert_output --partial email
  assert_unchanged
}

@test "worker add refuses a bad role, a bad id or a missing field (exit 2), nothing written" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker sato worker add suzuki --name S --email s@example.org --role boss
  assert_failure 2
  assert_output --partial "supervisor"
  for bad in Suzuki "su zuki" 9suzuki "../x" "a/b"; do
    run casectl -C "$DIR" --worker sato worker add "$bad" --name S --email s@example.org
    assert_failure 2
    assert_output --partial "worker id"
  done
  run casectl -C "$DIR" --worker sato worker add suzuki --name S
  assert_failure 2
  assert_output --partial -- --email
  run casectl -C "$DIR" --worker sato worker add --name S --email s@example.org
  assert_failure 2
  run casectl -C "$DIR" --worker sato worker
  assert_failure 2
  assert_unchanged
}

@test "an unknown acting worker is a usage error (exit 2) naming the known workers" {
  make_dir
  snapshot
  run casectl -C "$DIR" --worker nobody worker add suzuki --name S --email s@example.org
  assert_failure 2
  assert_output --partial nobody
  assert_output --partial "sato"
  assert_output --partial "worker add"
  CASECTL_WORKER=nobody run casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_failure 2
  assert_output --partial CASECTL_WORKER
  assert_unchanged
}

@test "with no acting worker at all the command stops (exit 2) and says how to set one" {
  make_dir
  snapshot
  # git's user.email (nobody@example.net) is no worker's.
  run casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_failure 2
  assert_output --partial -- --worker
  assert_output --partial CASECTL_WORKER
  assert_output --partial user.email
  run casectl -C "$DIR" worker add suzuki --name S --email s@example.org
  assert_failure 2
  git config --global --unset user.email
  run casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_failure 2
  assert_output --partial -- --worker
  assert_unchanged
}

@test "the acting worker comes from --worker" {
  make_dir
  casectl -C "$DIR" --worker tanaka new --source school --urgency urgent --concern neglect
  assert_equal "$(git -C "$DIR" log -1 --format=%an)" "Tanaka Ken"
  grep -qx "worker: tanaka" "$(rec C-2026-0001)"
  run git -C "$DIR" log -1 --format=%b
  assert_line "Worker: tanaka"
}

@test "the acting worker comes from CASECTL_WORKER" {
  make_dir
  CASECTL_WORKER=tanaka casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_equal "$(git -C "$DIR" log -1 --format=%an)" "Tanaka Ken"
  grep -qx "worker: tanaka" "$(rec C-2026-0001)"
}

@test "the acting worker comes from git's global user.email" {
  make_dir
  git config --global user.email tanaka@example.org
  casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_equal "$(git -C "$DIR" log -1 --format='%an <%ae>')" "Tanaka Ken <tanaka@example.org>"
  grep -qx "worker: tanaka" "$(rec C-2026-0001)"
}

@test "the acting worker comes from the repository's own user.email" {
  make_dir
  git -C "$DIR" config user.email sato@example.org
  casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_equal "$(git -C "$DIR" log -1 --format=%an)" "Sato Yuki"
}

@test "--worker wins over CASECTL_WORKER, which wins over git's user.email" {
  make_dir
  git config --global user.email sato@example.org
  CASECTL_WORKER=tanaka casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_equal "$(git -C "$DIR" log -1 --format=%an)" "Tanaka Ken"
  CASECTL_WORKER=tanaka casectl -C "$DIR" --worker sato new --source school --urgency urgent --concern neglect
  assert_equal "$(git -C "$DIR" log -1 --format=%an)" "Sato Yuki"
  casectl -C "$DIR" new --source school --urgency urgent --concern neglect
  assert_equal "$(git -C "$DIR" log -1 --format=%an)" "Sato Yuki"
  # An unknown --worker is not silently replaced by the email's worker.
  run casectl -C "$DIR" --worker nobody new --source school --urgency urgent --concern neglect
  assert_failure 2
}

@test "worker list needs no acting worker and gives table, csv and json" {
  make_dir
  run casectl -C "$DIR" worker list
  assert_success
  assert_line --index 0 --regexp '^ID +NAME +EMAIL +ROLE +STATUS$'
  assert_line --regexp '^tanaka +Tanaka Ken +tanaka@example.org +supervisor +active$'
  run casectl -C "$DIR" --format csv worker list
  assert_output "id,name,email,role,status
sato,Sato Yuki,sato@example.org,worker,active
tanaka,Tanaka Ken,tanaka@example.org,supervisor,active"
  run casectl -C "$DIR" --format json worker list
  assert_success
  python3 -c '
import json, sys
w = json.loads(sys.argv[1])
assert [x["id"] for x in w] == ["sato", "tanaka"], w
assert w[1]["role"] == "supervisor", w
assert [x["status"] for x in w] == ["active", "active"], w
' "$output"
}

@test "the last active supervisor can be neither retired nor demoted (worker.last-supervisor), nothing written" {
  # review finding: with no supervisor left, any worker could make themselves one
  make_dir
  snapshot
  run --separate-stderr casectl -C "$DIR" --worker tanaka worker retire tanaka
  [ "$status" -eq 3 ] || fail "retire: expected exit 3, got $status: $stderr"
  [[ "$stderr" == *"worker.last-supervisor"* ]] || fail "stderr: $stderr"
  run --separate-stderr casectl -C "$DIR" --worker tanaka worker set tanaka --role worker
  [ "$status" -eq 3 ] || fail "demote: expected exit 3, got $status: $stderr"
  assert_unchanged
  # With a second supervisor, the first may go.
  casectl -C "$DIR" --worker tanaka worker set sato --role supervisor >/dev/null
  casectl -C "$DIR" --worker sato worker retire tanaka >/dev/null
}
