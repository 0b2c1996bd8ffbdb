#!/usr/bin/env bats
# Signed commits (SPEC section 6, issue 10): casectl signs its commits when git is set to sign
# with SSH keys, `log` tells for each change whether it is signed by the worker it names, and
# policy.require_signed makes validate and doctor report the changes that are not. A read-only
# copy: signing_readonly.bats.

bats_require_minimum_version 1.5.0
load helpers
load helpers_signing

teardown() {
  if [ -n "${SSH_AGENT_PID:-}" ]; then ssh-agent -k >/dev/null; fi
}

# doctor, not looking at other tests' editor copies in /tmp.
doctor() { mkdir -p "$T/tmpdir" && TMPDIR="$T/tmpdir" "$CASECTL_BIN" -C "$DIR" doctor; }

@test "signing: a change signed with its worker's key is signed in log, and plain git says Good" {
  register_keys
  sign_with "$T/sato"
  ID="$(new_case)"
  run last_signature "$ID"
  assert_output signed
  git -C "$DIR" cat-file commit HEAD | grep -q '^gpgsig -----BEGIN SSH SIGNATURE-----$'
  printf 'sato@example.org namespaces="git" %s\n' "$(cat "$T/sato.pub")" >"$T/allowed"
  run git -C "$DIR" -c gpg.ssh.allowedSignersFile="$T/allowed" log -1 --show-signature
  assert_success
  assert_output --partial 'Good "git" signature for sato@example.org'
  git -C "$DIR" -c gpg.ssh.allowedSignersFile="$T/allowed" verify-commit HEAD 2>/dev/null
  run casectl -C "$DIR" log "$ID"
  assert_output --partial SIGNATURE
  assert_line --regexp '^.* new .* signed +[0-9a-f]{10}$'
  assert_clean
  run ls -A "$DIR/.casectl/tmp"
  assert_output ""
}

@test "signing: a literal public key in user.signingkey signs through ssh-agent" {
  command -v ssh-agent >/dev/null || skip "ssh-agent is missing"
  register_keys
  eval "$(ssh-agent -s)" >/dev/null
  ssh-add -q "$T/sato" 2>/dev/null
  sign_with "$(cat "$T/sato.pub")"
  ID="$(new_case)"
  run last_signature "$ID"
  assert_output signed
  run ls -A "$DIR/.casectl/tmp"
  assert_output ""
}

@test "signing: a change by one worker signed with another's key is not-the-author" {
  register_keys
  sign_with "$T/tanaka"
  ID="$(new_case)"  # as sato
  run last_signature "$ID"
  assert_output not-the-author
}

@test "signing: a key unknown to casectl.yaml is not-the-author; without any worker key, none" {
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/stranger"
  ID="$(new_case)"
  run last_signature "$ID"
  assert_output none
  run casectl -C "$DIR" log "$ID"
  refute_output --partial SIGNATURE
  sign_with "$T/stranger"
  casectl -C "$DIR" --worker sato note "$ID" "Phoned the school" --kind phone >/dev/null
  run signatures
  assert_line --index 0 "note not-the-author"
  assert_line --index 1 "new none"
}

@test "signing: a signed commit altered afterwards is bad" {
  register_keys
  sign_with "$T/sato"
  ID="$(new_case)"
  run last_signature "$ID"
  assert_output signed
  git -C "$DIR" cat-file commit HEAD >"$T/commit"
  sed 's/^Stage: intake$/Stage: intakE/' "$T/commit" >"$T/altered"
  run cmp -s "$T/commit" "$T/altered"
  assert_failure
  grep -q '^gpgsig ' "$T/altered"
  new="$(git -C "$DIR" hash-object -t commit -w "$T/altered")"
  git -C "$DIR" update-ref HEAD "$new"
  run last_signature
  assert_output bad
}

# sato signs a case's changes with key sato, replaces it (`worker set`, signed with the key it
# replaces) by key sato-new, signs with that one, then once more with the old key.
replace_key() {
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/sato-new"
  sign_with "$T/sato"
  ID="$(new_case)"
  casectl -C "$DIR" --worker sato note "$ID" "Phoned the school" --kind phone >/dev/null
  casectl -C "$DIR" --worker sato worker set sato --signing-key "@$T/sato-new.pub" >/dev/null
  sign_with "$T/sato-new"
  casectl -C "$DIR" --worker sato note "$ID" "Visited the family" --kind home-visit >/dev/null
  sign_with "$T/sato"
  casectl -C "$DIR" --worker sato note "$ID" "Phoned the doctor" --kind phone >/dev/null
  OLD_KEY_COMMIT="$(git -C "$DIR" rev-parse --short=10 HEAD)"
}

@test "signing: each change is judged by the keys in force when it was made (a replaced key leaves earlier changes signed)" {
  register_keys
  replace_key
  want() {
    run signatures
    assert_line --index 0 "note not-the-author"  # after the switch, with the replaced key
    assert_line --index 1 "note signed"           # with the new key
    assert_line --index 2 "worker signed"         # the switch itself: with the key it replaced
    assert_line --index 3 "note signed"           # before the switch, with the old key
    assert_line --index 4 "new signed"
    assert_line --index 5 "worker unsigned"       # tanaka's key: sato's was in force
    assert_line --index 6 "worker none"           # sato's key: no key was in force yet
  }
  want
  want  # from the verdicts kept in the history index
  rm -f "$DIR"/.casectl/history.sqlite*
  want  # verified again
}

@test "signing: require_signed with a replaced key reports only the change signed with the key no longer in force" {
  register_keys
  require_signed
  replace_key
  run --separate-stderr casectl -C "$DIR" validate
  assert_failure 1
  [ "$(grep -c signature. <<<"$output")" = 1 ] || fail "not one signature problem: $output"
  assert_output --regexp "^cases/.*/$ID/case.yaml: $ID: signature.not-the-author: the change $OLD_KEY_COMMIT \(note, entered "
  run --separate-stderr casectl -C "$DIR" validate
  assert_failure 1
  [ "$(grep -c signature. <<<"$output")" = 1 ] || fail "not one signature problem from the index: $output"
}

@test "signing: configured with a missing key -> exit 70 naming it, nothing changed" {
  ID="$(new_case)"
  sign_with "$T/missing-key"
  snapshot
  run casectl -C "$DIR" --worker sato note "$ID" "Phoned the school" --kind phone
  assert_failure 70
  assert_output --partial "cannot sign the commit"
  assert_output --partial "missing-key"
  assert_unchanged
  assert_clean
  [ ! -e "$DIR/.casectl/journal" ]
  run ls -A "$DIR/.casectl/tmp"
  assert_output ""
}

@test "signing: ssh-keygen cannot be run -> exit 70 naming it, nothing changed" {
  ID="$(new_case)"
  sign_with "$T/sato"
  git -C "$DIR" config gpg.ssh.program "$T/no-ssh-keygen"
  snapshot
  run casectl -C "$DIR" --worker sato note "$ID" "Phoned the school" --kind phone
  assert_failure 70
  assert_output --partial "no-ssh-keygen could not be run"
  assert_unchanged
  run ls -A "$DIR/.casectl/tmp"
  assert_output ""
}

@test "signing: commit.gpgsign with another gpg.format -> exit 70, never an unsigned commit" {
  ID="$(new_case)"
  git -C "$DIR" config commit.gpgsign true
  snapshot
  run casectl -C "$DIR" --worker sato note "$ID" "Phoned the school" --kind phone
  assert_failure 70
  assert_output --partial "gpg.format ssh"
  assert_unchanged
}

@test "signing: require_signed -> validate and doctor report unsigned changes made since it was turned on" {
  register_keys
  OLD="$(new_case)"  # before the policy: never reported
  require_signed
  ID="$(new_case --name "Kato Rin")"
  commit="$(git -C "$DIR" rev-parse --short=10 HEAD)"
  run --separate-stderr casectl -C "$DIR" validate
  assert_failure 1
  assert_output --regexp "^cases/.*/$ID/case.yaml: $ID: signature.unsigned: the change $commit \(new, entered .*\) is not signed"
  [ "$(grep -c signature. <<<"$output")" = 1 ]
  refute_output --partial "$OLD"
  refute_output --partial "Kato"
  run doctor
  assert_failure 1
  assert_output --partial "signature.unsigned"
  assert_output --partial "$commit"
  # a signed change is no problem; the unsigned one stays reported
  sign_with "$T/sato"
  casectl -C "$DIR" --worker sato note "$OLD" "Phoned the school" --kind phone >/dev/null
  run --separate-stderr casectl -C "$DIR" validate "$OLD"
  assert_success
  run --separate-stderr casectl -C "$DIR" validate "$ID"
  assert_failure 1
}

@test "signing: require_signed reports not-the-author and bad changes of casectl.yaml too" {
  register_keys
  require_signed
  sign_with "$T/tanaka"
  casectl -C "$DIR" --worker sato worker add suzuki --name "Suzuki Aoi" --email suzuki@example.org >/dev/null
  run --separate-stderr casectl -C "$DIR" validate
  assert_failure 1
  assert_output --regexp "^casectl.yaml: signature.not-the-author: the change [0-9a-f]{10} \(worker"
}

@test "signing: without require_signed, unsigned changes are no problem" {
  register_keys
  ID="$(new_case)"
  run --separate-stderr casectl -C "$DIR" validate
  assert_success
  run doctor
  assert_success
}

@test "worker --signing-key: a malformed key is refused with a clear message, the settings unchanged" {
  snapshot
  run casectl -C "$DIR" --worker sato worker set sato --signing-key "ssh-ed25519 not-base64!"
  assert_failure 2
  assert_output --partial "not an OpenSSH public key"
  run casectl -C "$DIR" --worker sato worker set sato --signing-key "ssh-dss AAAAB3NzaC1kc3MAAACBAP"
  assert_failure 2
  assert_output --partial "type"
  # a valid base64 body of another type than named
  body="$(cut -d' ' -f2 "$T/sato.pub")"
  run casectl -C "$DIR" --worker sato worker set sato --signing-key "ssh-rsa $body"
  assert_failure 2
  assert_unchanged
}

@test "worker --signing-key: kept in casectl.yaml without its comment; checked on load" {
  ssh-keygen -q -t ed25519 -N '' -C 'sato@laptop' -f "$T/commented"
  casectl -C "$DIR" --worker sato worker add suzuki --name "Suzuki Aoi" --email suzuki@example.org \
    --signing-key "@$T/commented.pub" >/dev/null
  grep -qF "signing_key: $(cut -d' ' -f1,2 "$T/commented.pub")" "$DIR/casectl.yaml"
  run ! grep -q laptop "$DIR/casectl.yaml"
  casectl -C "$DIR" --worker tanaka worker set suzuki --signing-key '' >/dev/null
  run ! grep -q signing_key "$DIR/casectl.yaml"
  casectl -C "$DIR" --worker tanaka worker set suzuki --signing-key "@$T/commented.pub" >/dev/null
  sed -i 's/signing_key: ssh-ed25519 /signing_key: ssh-ed25519 x/' "$DIR/casectl.yaml"
  run casectl -C "$DIR" worker list
  assert_failure 6
  assert_output --partial "signing_key is not an OpenSSH public key"
}

@test "worker --signing-key: another worker's key is a supervisor's act" {
  run casectl -C "$DIR" --worker sato worker set tanaka --signing-key "@$T/sato.pub"
  assert_failure 3
  assert_output --partial "supervisor"
  casectl -C "$DIR" --worker tanaka worker set sato --signing-key "@$T/sato.pub" >/dev/null
}
