#!/usr/bin/env bash
# Random kills (issue 9): a long randomized run of SIGKILLs across casectl's changing commands.
# Each trial copies a small case directory, runs one command (new, note, plan, review, close,
# reopen, approve, consent, edit with a scripted EDITOR, worker add, doc) and kills it, either
#   - after a random delay (timeout -s KILL, 0.2 ms up to 1.2 times the command's clean runtime,
#     at most 200 ms), or
#   - at call K of a file-changing system call (strace fault injection, K random among the calls
#     a clean run makes);
# a fifth of the killed trials kill the recovering command too (random delay). Some trials run 2
# to 4 writers (notes) at once on the same case directory, killing some of them at random delays.
# After each trial the next command (a note) must succeed, and then:
#   - git status --porcelain --untracked-files=all is empty, git fsck and casectl validate clean;
#   - no .casectl/journal, nothing in .casectl/tmp/ (an empty edit/ aside), no journal temp file in .casectl/, no
#     .git/index.lock or .git/refs/heads/*.lock, no .git/objects/tmp_object_git2_*, no empty
#     folder under cases/;
#   - single writer: the commits since the base hold exactly the trees of "before" or "after"
#     the killed change, then the notes (the record equals before or after);
#   - concurrent writers: every writer that exited 0 has its note in the record (no lost update),
#     each note at most once, and the others exited 5 (busy) or were killed.
# Counts kills, recoveries (the next command printed "recovered an interrupted change") and
# failures; prints a table; exits 1 on any failure. A failing trial's case directory is kept
# under $WORK/failed/ with what was run.
#
# Usage: bench/kill_random.sh [KILLS]     (default 1000: trials run until that many kills)
# Environment: CASECTL_BIN (default build/casectl), SEED (default: random, printed),
#              WORK (default a new folder on /dev/shm, else /tmp), CONCURRENT (percent of trials
#              with concurrent writers, default 10), DOUBLE (percent of killed trials whose
#              recovery is killed too, default 20).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(dirname "$here")
bin=${CASECTL_BIN:-build/casectl}
[[ $bin = /* ]] || bin="$checkout/$bin"
[[ -x $bin ]] || { echo "kill_random: no casectl binary at $bin (set CASECTL_BIN)" >&2; exit 2; }
for tool in strace timeout git; do
  command -v "$tool" >/dev/null || { echo "kill_random: $tool is needed" >&2; exit 2; }
done
strace -qq -o /dev/null true 2>/dev/null || { echo "kill_random: strace cannot trace here (no ptrace)" >&2; exit 2; }
target=${1:-1000}
seed=${SEED:-$(( $(date +%s%N) % 1000000 ))}
RANDOM=$seed
concurrent_pct=${CONCURRENT:-10}
double_pct=${DOUBLE:-20}
if [[ -z ${WORK:-} ]]; then
  if [[ -d /dev/shm && -w /dev/shm ]]; then WORK=$(mktemp -d /dev/shm/casectl-kills.XXXXXX)
  else WORK=$(mktemp -d /tmp/casectl-kills.XXXXXX); fi
fi
mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)
forms="$checkout/tests/data/forms/stage"
syscalls=(write fsync rename link unlink unlinkat mkdir)

# A private environment: HOME with a git identity that is no worker, no inherited settings.
export HOME="$WORK/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
unset GIT_CONFIG_GLOBAL GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE XDG_CONFIG_HOME CASECTL_DIR EDITOR VISUAL
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE
printf '[user]\n\tname = Plain Git User\n\temail = nobody@example.net\n[init]\n\tdefaultBranch = master\n' >"$HOME/.gitconfig"
export CASECTL_WORKER=sato
# edit's temp file for the editor goes to TMPDIR: counted there after each trial (a killed edit
# leaves it, see the README).
export TMPDIR="$WORK/tmpdir"
mkdir -p "$TMPDIR"
EDITOR_LEFT=0
ID=C-2026-0001

die() { echo "kill_random: $*" >&2; exit 2; }
cs() { "$bin" -C "$@"; }

# ---- the base case directories, one per stage ----

make_bases() {
  local b="$WORK/base"
  mkdir -p "$b"
  export CASECTL_TODAY=2026-11-02
  "$bin" init "$b/intake" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null || die "init failed"
  cs "$b/intake" worker add tanaka --name "Tanaka Ken" --email tanaka@example.org --role supervisor >/dev/null || die "worker add failed"
  [[ $(cs "$b/intake" new --name "Yamada Hana" --birth-date 2018-04-12 --sex female --source school --urgency urgent \
    --concern physical-abuse --reason "Bruises on both arms" --date 2026-11-02) = "$ID" ]] || die "new failed"
  cp -a "$b/intake" "$b/assessed"
  CASECTL_TODAY=2026-11-03 cs "$b/assessed" assess "$ID" --file "$forms/assess-unsafe.yaml" >/dev/null || die "assess failed"
  cp -a "$b/assessed" "$b/active"
  CASECTL_TODAY=2026-11-10 cs "$b/active" plan "$ID" --file "$forms/plan-1.yaml" >/dev/null || die "plan failed"
  cp -a "$b/active" "$b/achieved"
  CASECTL_TODAY=2026-12-10 cs "$b/achieved" review "$ID" --file "$forms/review-achieved.yaml" >/dev/null || die "review failed"
  cp -a "$b/achieved" "$b/closed"
  CASECTL_TODAY=2026-12-11 cs "$b/closed" close "$ID" --reason goals-achieved --evaluation "Shelter and follow-up worked" \
    >/dev/null || die "close failed"
  unset CASECTL_TODAY
  # doc: a template override committed with plain git, so that plan-1.md renders anew.
  cp -a "$b/active" "$b/template"
  mkdir -p "$b/template/templates/en"
  printf '%s\n' '# Family meeting: plan {{plan_n}} of {{case_id}}' '' '{{#goals}}' '- {{id}}: {{text}} (by {{due}})' \
    '{{/goals}}' >"$b/template/templates/en/plan.md.mustache"
  git -C "$b/template" add templates && git -C "$b/template" commit -qm "plan template" || die "git commit failed"
}

# The commands: base, today, worker, EDITOR, then casectl's arguments (after -C DIR).
commands=(new note plan review close reopen approve consent edit worker doc)
cmd_setup() {
  CMD_EDITOR=""
  CMD_WORKER=sato
  case "$1" in
    new) CMD_BASE=intake CMD_TODAY=2026-11-10
      CMD_ARGS=(new --name "Kato Ren" --birth-date 2016-05-01 --sex male --source police --urgency routine
        --concern neglect --reason "Left alone at night" --date 2026-11-02) ;;
    note) CMD_BASE=intake CMD_TODAY=2026-11-10 CMD_ARGS=(note "$ID" "Home visit: mother and child at home" --kind home-visit) ;;
    plan) CMD_BASE=assessed CMD_TODAY=2026-11-10 CMD_ARGS=(plan "$ID" --file "$forms/plan-1.yaml") ;;
    review) CMD_BASE=active CMD_TODAY=2026-12-10 CMD_ARGS=(review "$ID" --file "$forms/review-continue.yaml") ;;
    close) CMD_BASE=achieved CMD_TODAY=2026-12-11
      CMD_ARGS=(close "$ID" --reason goals-achieved --evaluation "Shelter and follow-up worked") ;;
    reopen) CMD_BASE=closed CMD_TODAY=2026-12-20 CMD_ARGS=(reopen "$ID" --reason "New report from the school") ;;
    approve) CMD_BASE=achieved CMD_TODAY=2026-12-10 CMD_WORKER=tanaka CMD_ARGS=(approve "$ID" closure --note "Safety plan holds") ;;
    consent) CMD_BASE=active CMD_TODAY=2026-11-10
      CMD_ARGS=(consent "$ID" --party school --scope share-plan --given-by mother --expires 2027-11-10) ;;
    edit) CMD_BASE=active CMD_TODAY=2026-11-10 CMD_EDITOR="sed -i 's/free from physical harm/free from any harm/'"
      CMD_ARGS=(edit "$ID" --reason late-information) ;;
    worker) CMD_BASE=intake CMD_TODAY=2026-11-10 CMD_ARGS=(worker add ito --name "Ito Mei" --email ito@example.org) ;;
    doc) CMD_BASE=template CMD_TODAY=2026-11-10 CMD_ARGS=(doc "$ID" plan) ;;
    *) die "unknown command $1" ;;
  esac
}

# Runs the command set up by cmd_setup on folder $1, with any prefix (timeout, strace) in PREFIX.
run_cmd() {
  local w="$1"
  shift
  CASECTL_TODAY=$CMD_TODAY CASECTL_WORKER=$CMD_WORKER EDITOR=$CMD_EDITOR "$@" "$bin" -C "$w" "${CMD_ARGS[@]}" </dev/null
}

# The next command after a kill: a note by sato.
next_cmd() {
  CASECTL_TODAY=$CMD_TODAY CASECTL_WORKER=sato "$@" "$bin" -C "$W" note "$ID" "Phone call after the kill" --kind phone </dev/null
}

now_s() { date +%s.%N; }
# A random number in [0, 1) with 30 bits.
rand01() { echo "$(( (RANDOM << 15) | RANDOM ))" | awk '{ printf "%.6f", $1 / 1073741824 }'; }

declare -A TREE_B TREE_A NEXT_B NEXT_A NEXT2_B NEXT2_A BASE_HEAD CLEAN_S COUNT NEXT_S

# For each command: the trees before and after it, then after one and two notes; its clean
# runtime (median of 5); its calls of each syscall (strace of casectl alone: an editor's calls are
# not counted, so that K is always casectl's own call).
measure() {
  local c sc t0 t1 i times W
  for c in "${commands[@]}"; do
    cmd_setup "$c"
    local base="$WORK/base/$CMD_BASE"
    BASE_HEAD[$c]=$(git -C "$base" rev-parse HEAD)
    TREE_B[$c]=$(git -C "$base" rev-parse 'HEAD^{tree}')
    times=()
    for i in 1 2 3 4 5; do
      W="$WORK/m"
      rm -rf "$W" && cp -a "$base" "$W"
      t0=$(now_s)
      run_cmd "$W" >/dev/null 2>&1 || die "$c: the clean run failed"
      t1=$(now_s)
      times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')")
    done
    CLEAN_S[$c]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    TREE_A[$c]=$(git -C "$W" rev-parse 'HEAD^{tree}')
    [[ ${TREE_A[$c]} != "${TREE_B[$c]}" ]] || die "$c: the clean run changed nothing"
    CASECTL_TODAY=$CMD_TODAY "$bin" -C "$W" validate >/dev/null 2>&1 || die "$c: validate fails after the clean run"
    next_cmd >/dev/null || die "$c: the next command fails after the clean run"
    NEXT_A[$c]=$(git -C "$W" rev-parse 'HEAD^{tree}')
    t0=$(now_s)
    next_cmd >/dev/null || die "$c: the next command fails twice"
    t1=$(now_s)
    NEXT_S[$c]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    NEXT2_A[$c]=$(git -C "$W" rev-parse 'HEAD^{tree}')
    rm -rf "$W" && cp -a "$base" "$W"
    next_cmd >/dev/null || die "$c: the next command fails on the base"
    NEXT_B[$c]=$(git -C "$W" rev-parse 'HEAD^{tree}')
    next_cmd >/dev/null || die "$c: the next command fails twice on the base"
    NEXT2_B[$c]=$(git -C "$W" rev-parse 'HEAD^{tree}')
    rm -rf "$W" && cp -a "$base" "$W"
    run_cmd "$W" strace -qq -o "$WORK/trace" -e trace="$(IFS=,; echo "${syscalls[*]}")" >/dev/null 2>&1 ||
      die "$c: the traced run failed"
    for sc in "${syscalls[@]}"; do
      COUNT[$c,$sc]=$(grep -cE "^$sc\(" "$WORK/trace")
    done
  done
}

# ---- one trial ----

declare -A T_TRIALS T_KILLS T_DELAY T_INJECT T_DOUBLE T_REC T_FAIL T_DONE
FAILURES=0
CW_WRITERS=0 CW_OK=0 CW_BUSY=0 CW_KILLED=0
fail_trial() {
  local why="$1" keep="$WORK/failed/trial-$trial"
  FAILURES=$((FAILURES + 1))
  T_FAIL[$tname]=$(( ${T_FAIL[$tname]:-0} + 1 ))
  mkdir -p "$WORK/failed"
  rm -rf "$keep" && cp -a "$W" "$keep"
  printf '%s\n' "$how" >"$keep.how"
  echo "FAIL trial $trial ($how): $why" | tee -a "$WORK/failures.log" >&2
}

# The next command after a trial (it must succeed), counting a recovery for command $c (the
# caller's); records the failure and returns 1 when it failed.
next_ok() {
  local rc=0
  next_cmd >/dev/null 2>"$WORK/next.err" || rc=$?
  if (( rc != 0 )); then
    fail_trial "the next command failed (exit $rc): $(head -3 "$WORK/next.err" | tr '\n' ' ')"
    return 1
  fi
  grep -q "recovered an interrupted change" "$WORK/next.err" && T_REC[$c]=$(( ${T_REC[$c]:-0} + 1 ))
  return 0
}

# The checks after the next command; $1 = single (before/after trees) or concurrent.
check_state() {
  local st f
  st=$(git -C "$W" status --porcelain --untracked-files=all 2>&1)
  [[ -z $st ]] || fail_trial "git status: $(echo "$st" | tr '\n' ' ')"
  for f in "$W"/.casectl/journal "$W"/.casectl/tmp/* "$W"/.casectl/tmp/.[!.]* "$W"/.casectl/.journal.tmp-* \
    "$W"/.casectl/tmp/edit/* "$W"/.git/index.lock "$W"/.git/refs/heads/*.lock "$W"/.git/objects/tmp_object_git2_*; do
    [[ ! -e $f || $f = "$W/.casectl/tmp/edit" ]] || fail_trial "left behind: ${f#"$W"/}"
  done
  st=$(find "$W/cases" -type d -empty 2>/dev/null)
  [[ -z $st ]] || fail_trial "empty folder left: ${st//$W\//}"
  git -C "$W" fsck --no-progress >/dev/null 2>"$WORK/fsck.err" || fail_trial "git fsck: $(head -3 "$WORK/fsck.err" | tr '\n' ' ')"
  CASECTL_TODAY=$CMD_TODAY "$bin" -C "$W" validate >"$WORK/validate.out" 2>&1 || fail_trial "validate: $(head -3 "$WORK/validate.out" | tr '\n' ' ')"
  [[ $1 = single ]] || return 0
  # The trees of the commits since the base: the killed change (if it went through), then the
  # killed recovery's note (if it went through), then the next command's note.
  local c=$tname trees
  trees=$(git -C "$W" log --reverse --format=%T "${BASE_HEAD[$c]}..HEAD" | tr '\n' ' ')
  trees=${trees% }
  case "$trees" in
    "${NEXT_B[$c]}" | "${TREE_A[$c]} ${NEXT_A[$c]}") ;;
    "${NEXT_B[$c]} ${NEXT2_B[$c]}" | "${TREE_A[$c]} ${NEXT_A[$c]} ${NEXT2_A[$c]}")
      [[ $double = 1 ]] || fail_trial "two notes after a single kill" ;;
    *) fail_trial "the record is neither before nor after the change (commits since the base: $trees)" ;;
  esac
}

# A random delay for command $1's clean runtime: 0.2 ms to 1.2 times it, at most 0.2 s.
delay_for() {
  awk -v r="$(rand01)" -v c="$1" 'BEGIN { d = r * 1.2 * c; if (d < 0.0002) d = 0.0002; if (d > 0.2) d = 0.2; printf "%.4f", d }'
}

single_trial() {
  local c=$tname mode sc k n d rc=0 killed=0
  cmd_setup "$c"
  W="$WORK/w"
  rm -rf "$W" && cp -a "$WORK/base/$CMD_BASE" "$W"
  double=0
  if (( RANDOM % 2 )); then
    mode=delay
    d=$(delay_for "${CLEAN_S[$c]}")
    how="$c killed after ${d}s"
    run_cmd "$W" timeout --foreground --preserve-status -s KILL "$d" >/dev/null 2>&1 || rc=$?
  else
    mode=inject
    local -a choices=()
    for sc in "${syscalls[@]}"; do (( ${COUNT[$c,$sc]} > 0 )) && choices+=("$sc"); done
    sc=${choices[RANDOM % ${#choices[@]}]}
    n=${COUNT[$c,$sc]}
    k=$(( RANDOM % n + 1 ))
    how="$c killed at $sc call $k of $n"
    run_cmd "$W" strace -qq -o /dev/null -e trace="$sc" -e inject="$sc:signal=KILL:when=$k" >/dev/null 2>&1 || rc=$?
  fi
  T_TRIALS[$c]=$(( ${T_TRIALS[$c]:-0} + 1 ))
  if (( rc == 137 )); then
    killed=1
    KILLS=$((KILLS + 1))
    T_KILLS[$c]=$(( ${T_KILLS[$c]:-0} + 1 ))
    [[ $mode = delay ]] && T_DELAY[$c]=$(( ${T_DELAY[$c]:-0} + 1 ))
    [[ $mode = inject ]] && T_INJECT[$c]=$(( ${T_INJECT[$c]:-0} + 1 ))
  elif (( rc == 0 )); then
    T_DONE[$c]=$(( ${T_DONE[$c]:-0} + 1 ))  # ran to its end before the kill
  else
    fail_trial "exit $rc: neither killed nor done"
  fi
  # Sometimes the recovering command is killed too.
  if (( killed && RANDOM % 100 < double_pct )); then
    d=$(delay_for "${NEXT_S[$c]}")
    how+=", then the next command killed after ${d}s"
    rc=0
    next_cmd timeout --foreground --preserve-status -s KILL "$d" >/dev/null 2>"$WORK/next.err" || rc=$?
    if (( rc == 137 )); then
      double=1
      KILLS=$((KILLS + 1))
      T_KILLS[$c]=$(( ${T_KILLS[$c]:-0} + 1 ))
      T_DOUBLE[$c]=$(( ${T_DOUBLE[$c]:-0} + 1 ))
    elif (( rc == 0 )); then
      double=1  # it made its note: a second note follows
      grep -q "recovered an interrupted change" "$WORK/next.err" && T_REC[$c]=$(( ${T_REC[$c]:-0} + 1 ))
    else
      fail_trial "the next command (killed too) exited $rc: $(head -2 "$WORK/next.err" | tr '\n' ' ')"
    fi
  fi
  next_ok || return
  check_state single
}

# 2 to 4 writers noting the same case at once, some killed at random delays.
concurrent_trial() {
  local c=concurrent nw i rc d pids=() tokens=() delays=() rcs=() ok=0
  tname=$c
  cmd_setup note
  W="$WORK/w"
  rm -rf "$W" && cp -a "$WORK/base/active" "$W"
  nw=$(( RANDOM % 3 + 2 ))
  how="$nw concurrent notes:"
  for ((i = 0; i < nw; i++)); do
    tokens[i]="cw-$trial-$i"
    if (( i == 0 || RANDOM % 2 )); then delays[i]=$(delay_for "$(awk -v c="${CLEAN_S[note]}" -v n="$nw" 'BEGIN { print c * n }')")
    else delays[i]=""; fi
    how+=" ${tokens[i]}${delays[i]:+ killed after ${delays[i]}s}"
  done
  for ((i = 0; i < nw; i++)); do
    if [[ -n ${delays[i]} ]]; then
      CASECTL_TODAY=2026-11-10 timeout --foreground --preserve-status -s KILL "${delays[i]}" "$bin" -C "$W" note "$ID" "${tokens[i]}" --kind other \
        </dev/null >/dev/null 2>"$WORK/cw.$i.err" &
    else
      CASECTL_TODAY=2026-11-10 "$bin" -C "$W" note "$ID" "${tokens[i]}" --kind other </dev/null >/dev/null 2>"$WORK/cw.$i.err" &
    fi
    pids[i]=$!
  done
  T_TRIALS[$c]=$(( ${T_TRIALS[$c]:-0} + 1 ))
  for ((i = 0; i < nw; i++)); do
    rc=0
    wait "${pids[i]}" || rc=$?
    CW_WRITERS=$((CW_WRITERS + 1))
    case $rc in
      0) ok=$((ok + 1)); rcs[i]=0; CW_OK=$((CW_OK + 1)) ;;
      137) KILLS=$((KILLS + 1)); T_KILLS[$c]=$(( ${T_KILLS[$c]:-0} + 1 )); T_DELAY[$c]=$(( ${T_DELAY[$c]:-0} + 1 ))
        rcs[i]=137; CW_KILLED=$((CW_KILLED + 1)) ;;
      5) rcs[i]=5; CW_BUSY=$((CW_BUSY + 1)) ;;  # busy, or HEAD moved meanwhile: refused, nothing written
      *) rcs[i]=$rc; fail_trial "writer ${tokens[i]} exited $rc: $(head -2 "$WORK/cw.$i.err" | tr '\n' ' ')" ;;
    esac
    grep -q "recovered an interrupted change" "$WORK/cw.$i.err" && T_REC[$c]=$(( ${T_REC[$c]:-0} + 1 ))
  done
  CMD_TODAY=2026-11-10
  next_ok || return
  check_state concurrent
  local rec="$W/cases/2026/00/$ID/case.yaml" hits
  for ((i = 0; i < nw; i++)); do
    hits=$(grep -cF -- "${tokens[i]}" "$rec")
    (( hits <= 1 )) || fail_trial "note ${tokens[i]} is in the record $hits times"
    if (( rcs[i] == 0 && hits != 1 )); then fail_trial "lost update: ${tokens[i]} exited 0 but is not in the record"; fi
    if (( rcs[i] == 5 && hits != 0 )); then fail_trial "${tokens[i]} exited 5 (refused) yet is in the record"; fi
  done
}

# ---- main ----

echo "kill_random: casectl $bin, seed $seed, target $target kills, work $WORK" >&2
start=$(now_s)
make_bases
measure
{
  printf 'clean runtime (median of 5) and calls per command:\n'
  for c in "${commands[@]}"; do
    printf '  %-8s %6.1f ms ' "$c" "$(awk -v s="${CLEAN_S[$c]}" 'BEGIN { print s * 1000 }')"
    for sc in "${syscalls[@]}"; do printf ' %s %s' "$sc" "${COUNT[$c,$sc]}"; done
    printf '\n'
  done
} >&2
KILLS=0
trial=0
while (( KILLS < target )); do
  trial=$((trial + 1))
  if (( RANDOM % 100 < concurrent_pct )); then
    concurrent_trial
  else
    tname=${commands[RANDOM % ${#commands[@]}]}
    single_trial
  fi
  # A killed edit leaves its editor's temp file (a copy of the record) in TMPDIR.
  for f in "$TMPDIR"/casectl-*; do
    [[ -e $f ]] || continue
    EDITOR_LEFT=$((EDITOR_LEFT + 1))
    rm -f "$f"
  done
  if (( trial % 100 == 0 )); then
    echo "kill_random: trial $trial, $KILLS kills, $FAILURES failures, $(awk -v a="$start" -v b="$(now_s)" 'BEGIN { printf "%.0f", b - a }') s" >&2
  fi
done
elapsed=$(awk -v a="$start" -v b="$(now_s)" 'BEGIN { printf "%.0f", b - a }')

printf '\n| command | trials | kills | by delay | by injection | recovery killed too | not killed (ran to the end) | recoveries | failures |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
tot=(0 0 0 0 0 0 0 0)
for c in "${commands[@]}" concurrent; do
  row=("${T_TRIALS[$c]:-0}" "${T_KILLS[$c]:-0}" "${T_DELAY[$c]:-0}" "${T_INJECT[$c]:-0}" "${T_DOUBLE[$c]:-0}" "${T_DONE[$c]:-0}" "${T_REC[$c]:-0}" "${T_FAIL[$c]:-0}")
  name=$c
  [[ $c = worker ]] && name="worker add"
  [[ $c = concurrent ]] && name="2-4 concurrent notes"
  printf '| %s | %s |\n' "$name" "$(IFS='|'; echo "${row[*]}" | sed 's/|/ | /g')"
  for i in "${!row[@]}"; do tot[i]=$(( tot[i] + row[i] )); done
done
printf '| **total** | %s |\n\n' "$(IFS='|'; echo "${tot[*]}" | sed 's/|/ | /g')"
printf 'seed %s, %s trials, %s kills, %s recoveries, %s failures, %s s (load average %s)\n' \
  "$seed" "$trial" "$KILLS" "${tot[6]}" "$FAILURES" "$elapsed" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'concurrent writers: %s, of which %s exited 0 (each note in the record once), %s exited 5 (busy: nothing written), %s killed\n' \
  "$CW_WRITERS" "$CW_OK" "$CW_BUSY" "$CW_KILLED"
printf 'edit: %s killed runs left a copy of the record in TMPDIR (cli/editor.cpp; not a failure here)\n' "$EDITOR_LEFT"
printf 'repeat: SEED=%s CASECTL_BIN=%s nice bench/kill_random.sh %s\n' "$seed" "${CASECTL_BIN:-build/casectl}" "$target"
if (( FAILURES > 0 )); then
  printf 'failures by kind:\n'
  sed -E 's/^FAIL trial [0-9]+ \(([a-z]+|[0-9] concurrent) [^)]*\): /\1: /; s/[0-9a-f]{16,}/.../g; s/(tmp-)[0-9]+-[0-9a-f]+/\1.../g' \
    "$WORK/failures.log" | sort | uniq -c | sort -rn
  echo "failures: $WORK/failures.log; their case directories: $WORK/failed/" >&2
  exit 1
fi
rm -rf "$WORK"
exit 0
