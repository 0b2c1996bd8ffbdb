# Helpers for the signed-commit scenarios (SPEC section 6, issue 10): a case directory and two
# key pairs, git set to sign, the verdicts `log` gives. Load after helpers.bash:
#
#   load helpers
#   load helpers_signing

# Every test: $DIR made (workers sato and tanaka) and a key pair each, $T/sato and $T/tanaka.
setup() {
  command -v ssh-keygen >/dev/null || skip "ssh-keygen is missing (install openssh-client)"
  check_env
  T="$BATS_TEST_TMPDIR"
  isolate_env "$T"
  DIR="$T/cases"
  cd "$T" || return 1
  make_dir
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/sato"
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$T/tanaka"
}

# The workers' public keys in casectl.yaml (unsigned commits: signing is not set up yet).
register_keys() {
  casectl -C "$DIR" --worker sato worker set sato --signing-key "@$T/sato.pub" >/dev/null
  casectl -C "$DIR" --worker tanaka worker set tanaka --signing-key "@$T/tanaka.pub" >/dev/null
}

# git in $DIR set to sign every commit with key file $1.
sign_with() {
  git -C "$DIR" config commit.gpgsign true
  git -C "$DIR" config gpg.format ssh
  git -C "$DIR" config user.signingkey "$1"
}

# The signature of the newest change of the log (of case $1 or the whole directory).
last_signature() {
  casectl -C "$DIR" log "$@" --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["signature"])'
}

# "ACTION SIGNATURE" of every change of `log --format json` on stdin, newest first, one a line.
signature_lines() {
  python3 -c '
import json, sys
for c in json.load(sys.stdin): print(c["action"], c["signature"])'
}

# Every signature of the log of $DIR, as signature_lines gives them.
signatures() { casectl -C "$DIR" log --format json | signature_lines; }

# Turns policy.require_signed on with a plain git commit (casectl.yaml ends with the policy).
require_signed() {
  printf '  require_signed: true\n' >>"$DIR/casectl.yaml"
  git -C "$DIR" commit -qam "require signed commits"
}
