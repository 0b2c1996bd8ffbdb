# Helpers for the sharing scenarios (issue 14): a bare repository as the team's server and two
# clones of it, as two workers' laptops. Load after helpers.bash:
#
#   load helpers
#   load helpers_sync

# $DIR: case $ID active, pushed to $T/server.git; clones $A (sato) and $B (tanaka) made with
# casectl clone.
server_and_clones() {
  case_at active
  unset CASECTL_WORKER  # each clone acts as its own git identity
  git init -q --bare -b main "$T/server.git"
  git -C "$DIR" remote add origin "$T/server.git"
  git -C "$DIR" push -q origin main
  A="$T/a" B="$T/b"
  casectl clone "$T/server.git" "$A" --worker sato >/dev/null
  casectl clone "$T/server.git" "$B" --worker tanaka >/dev/null
}

# The record's text in clone $1.
record_in() { cat "$1/$(case_file)"; }
