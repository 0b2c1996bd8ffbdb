#!/usr/bin/env python3
"""Builds a case directory with a long history for the `casectl log` benchmark: `casectl init`,
four more workers, then C cases changed in H commits (default 10,000 and 100,000) written with
one `git fast-import` stream, `git gc` (packs and the commit-graph, as git's own upkeep leaves a
busy repository), and a checkout of the last version.

Each case gets about H/C commits through the year, in casectl's words: new, assess, plan (with
plan-1.md), notes, reviews (review-N.md), close; subject "ACTION ID: SUMMARY" with the trailers
Case, Stage, Worker, authored by the worker; about 1 in 50 is entered a few days after its event
(a late entry), about 1 in 200 is a plain git commit by a person ("fix by hand"). The records
are make_casedir.py's fictional cases (about 3 KB each), one line longer at each change; paths
are sharded (cases/2026/NN/C-2026-NNNN/case.yaml).

Usage: make_history.py [--cases C] [--commits H] DIR
Built directories are cached under bench/.cache/history-C-H-HASH (HASH: this file and
make_casedir.py); DIR gets a fresh copy. Environment: CASECTL_BIN (default build/casectl).
"""
import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_casedir as mc  # noqa: E402  (the records, the workers, run())

NAMES = {"sato": ("Sato Yuki", "sato@example.org")}
NAMES.update({w: (n, e) for w, n, e, _ in mc.MORE_WORKERS})
START = dt.datetime(2026, 1, 5, 9, 0)
TZ = "+0900"
# The actions of a case's life in order, with their stage and a summary; notes fill the gaps.
LIFE = [("new", "intake", "urgent referral from school"),
        ("assess", "assessed", "risk high, safety unsafe"),
        ("plan", "active", "plan 1: 2 goals, 2 services")]


def case_id(n):
    return f"C-{mc.YEAR}-{n:04d}"


def actions_for(k, rnd):
    """The actions of a case changed k times: its life, then notes and reviews, maybe a close."""
    out = list(LIFE[:k])
    reviews = 0
    while len(out) < k:
        if len(out) == k - 1 and rnd.random() < 0.3:
            out.append(("close", "closed", "closure 1, goals-achieved"))
        elif rnd.random() < 0.25:
            reviews += 1
            out.append(("review", "active", f"review {reviews}, decision continue, risk medium"))
        else:
            out.append(("note", "active", None))
    return out


def events(n_cases, n_commits, rnd):
    """Every change: (event time, case number, version, action, stage, summary), in time order."""
    per = [n_commits // n_cases] * n_cases
    for i in rnd.sample(range(n_cases), n_commits - sum(per)):
        per[i] += 1
    out = []
    span = 300 * 24 * 60  # minutes over which cases open
    for c in range(1, n_cases + 1):
        opened = START + dt.timedelta(minutes=(c - 1) * span // n_cases)
        t = opened
        for v, (action, stage, summary) in enumerate(actions_for(per[c - 1], rnd)):
            if v:
                t += dt.timedelta(minutes=rnd.randint(60, 5 * 24 * 60))
            if summary is None:
                summary = f"{rnd.choice(['phone', 'home-visit', 'meeting', 'interview'])} on {t.date().isoformat()}"
            out.append((t, c, v, action, stage, summary))
    out.sort()
    return out


def data(b):
    return b"data %d\n" % len(b) + b + b"\n"


def stream(out, n_cases, n_commits, rnd, records):
    """Writes the fast-import stream of every commit to out (a binary file)."""
    workers = [w for w in NAMES if w != mc.SUPERVISOR]
    owner = {c: rnd.choice(workers) for c in range(1, n_cases + 1)}
    for mark, (t, c, v, action, stage, summary) in enumerate(events(n_cases, n_commits, rnd), 1):
        cid = case_id(c)
        folder = mc.case_rel_dir(cid)
        worker = mc.SUPERVISOR if action == "close" and rnd.random() < 0.2 else owner[c]
        name, email = NAMES[worker]
        event = int(t.replace(tzinfo=dt.timezone(dt.timedelta(hours=9))).timestamp())
        entered = event + (rnd.randint(3, 10) * 86400 if rnd.random() < 0.02 else rnd.randint(5, 300))
        if rnd.random() < 0.005:
            name, email = "Plain Git User", "someone@example.net"
            message = "fix by hand\n"
        else:
            message = f"{action} {cid}: {summary}\n\nCase: {cid}\nStage: {stage}\nWorker: {worker}\n"
        out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
        out.write(f"author {name} <{email}> {event} {TZ}\n".encode())
        out.write(f"committer {name} <{email}> {entered} {TZ}\n".encode())
        out.write(data(message.encode()))
        out.write(b"from refs/heads/main^0\n" if mark == 1 else b"from :%d\n" % (mark - 1))
        record = records[c] + "".join(f"# change {k}\n" for k in range(1, v + 1))
        out.write(f"M 100644 inline {folder}/case.yaml\n".encode())
        out.write(data(record.encode()))
        if action in ("plan", "review"):
            doc = f"# {action} of {cid}\n\n{summary}\n".encode()
            n = summary.split()[1].rstrip(":")
            out.write(f"M 100644 inline {folder}/{action}-{n}.md\n".encode())
            out.write(data(doc))


def build(n_cases, n_commits, root, casectl):
    t0 = time.time()
    env = {"CASECTL_WORKER": "sato", "CASECTL_TODAY": "2026-01-04"}
    mc.run([casectl, "init", root, "--worker", "sato", "--name", "Sato Yuki", "--email", "sato@example.org"], env=env)
    for wid, name, email, role in mc.MORE_WORKERS:
        mc.run([casectl, "-C", root, "worker", "add", wid, "--name", name, "--email", email, "--role", role], env=env)
    rnd = random.Random(20262)
    records = {c: mc.record(c, n_cases, rnd)[1] for c in range(1, n_cases + 1)}
    fi = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=root, stdin=subprocess.PIPE)
    stream(fi.stdin, n_cases, n_commits, rnd, records)
    fi.stdin.write(b"done\n")
    fi.stdin.close()
    if fi.wait() != 0:
        sys.exit("make_history: git fast-import failed")
    t1 = time.time()
    mc.run(["git", "gc", "-q"], cwd=root)
    mc.run(["git", "reset", "-q", "--hard"], cwd=root)
    mc.settle(root)
    print(f"make_history: {n_cases} cases, {n_commits} commits: imported in {t1 - t0:.0f} s, "
          f"packed and checked out in {time.time() - t1:.0f} s", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--commits", type=int, default=100000)
    ap.add_argument("dir", metavar="DIR")
    args = ap.parse_args()
    os.umask(0o077)
    casectl = os.path.abspath(os.path.join(mc.CHECKOUT, os.environ.get("CASECTL_BIN", "build/casectl")))
    dest = os.path.abspath(args.dir)
    if os.path.exists(dest) and os.listdir(dest):
        sys.exit(f"make_history: {dest} exists and is not empty")
    if os.path.isdir(dest):
        os.rmdir(dest)
    h = hashlib.sha256()
    for f in ("make_history.py", "make_casedir.py"):
        with open(os.path.join(HERE, f), "rb") as fh:
            h.update(fh.read())
    cached = os.path.join(HERE, ".cache", f"history-{args.cases}-{args.commits}-{h.hexdigest()[:12]}")
    if not os.path.exists(os.path.join(cached, ".git", "bench-complete")):
        if os.path.exists(cached):
            shutil.rmtree(cached)
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        build(args.cases, args.commits, cached, casectl)
        open(os.path.join(cached, ".git", "bench-complete"), "w").close()
    mc.run(["cp", "-a", cached, dest])
    mc.settle(dest)


if __name__ == "__main__":
    main()
