#!/usr/bin/env python3
"""Writes N realistic schema-1 case records (~3 KB each, Japanese text) under
DIR/cases/YEAR/SHARD/ID/case.yaml, plus a DIR/casectl.yaml registering every worker they name
(one supervisor, one retired worker). For benchmarks only; `casectl validate` finds no problem.
Usage: gen_cases.py DIR [N]

Records are written from a template (not by casectl's emitter: some lists are in flow style), so
casectl rewrites a record in its own layout when a command changes it. Statuses are mixed (intake,
assessed, active, closed); closures name the plan in force; closures at high risk carry a
supervisor's approval given after the latest review (or are made by the supervisor); a few cases
were reopened and closed again; every referral says when the report was received and its
category; about 90% of children were seen (safety_checks), mostly within 48 hours; a few records
carry an amendment. No generated event is after 2026-11-20."""
import datetime as dt
import os
import random
import sys

SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["花子", "太郎", "結衣", "陽翔", "さくら", "蓮", "美咲", "大翔", "葵", "湊"]
WORKERS = ["sato", "tanaka", "suzuki", "ito", "kato"]
SUPERVISOR = "tanaka"
RETIRED = "yamada"  # retired; still named by old records
CONCERNS = ["physical-abuse", "neglect", "psychological-abuse", "domestic-violence", "poverty",
            "school", "mental-health"]
CATEGORY_FOR = {"school": "upbringing", "mental-health": "health"}  # the rest: protection (養護相談)
RISKS = ["low", "medium", "high", "very-high"]
SAFETY = ["safe", "safe-with-plan", "unsafe"]
STATUSES = ["intake", "assessed", "active", "active", "active", "closed", "closed"]
SOURCES = ["school", "police", "hospital", "neighbour", "family"]
TEXT = ["両腕にあざがあり、本人は家で叩かれると話している。",
        "母親は育児に疲れていると話し、支援を希望している。",
        "学校を休みがちで、昼食をとっていない日が多い。",
        "祖母が近くに住んでおり、協力的である。",
        "家庭訪問を行い、生活状況を確認した。"]
REVIEW_EVERY = {"very-high": 14, "high": 30, "medium": 60, "low": 90}  # casectl's default policy
LAST_EVENT = dt.date(2026, 11, 20)


def days(d, n):
    return d + dt.timedelta(days=n)


def next_review(d, risk):
    """A next review within policy.review_every for the risk (at most a month ahead)."""
    return days(d, min(REVIEW_EVERY[risk], 28))


def assessment(n, d, by, risk, safety, rnd):
    return [
        f"  - n: {n}", f"    date: {d}", f"    by: {by}",
        "    methods: [home-visit, interview-child, interview-family]",
        f"    safety: {safety}", f"    risk: {risk}", "    risks:",
        "      - domain: physical-abuse", f"        level: {risk}",
        f"        evidence: {rnd.choice(TEXT)}", "    needs:",
        "      - id: N1", "        domain: safety", f"        text: {rnd.choice(TEXT)}",
        "      - id: N2", "        domain: education", f"        text: {rnd.choice(TEXT)}",
        "    strengths: [祖母が近くに住み協力的]",
        "    immediate_actions: [一時保護]", f"    summary: {rnd.choice(TEXT)}"]


def plan(n, d, by, a, risk):
    due, start, end = days(d, 92), days(d, 5), days(d, 97)
    return [
        f"  - n: {n}", f"    date: {d}", f"    by: {by}",
        f"    assessment: {a}", "    goals:", "      - id: G1", "        needs: [N1]",
        "        text: 家庭で安全に過ごせる", "        measure: 月1回の家庭訪問で確認",
        f"        due: {due}", "      - id: G2", "        needs: [N2]",
        "        text: 毎日登校する", "        measure: 出席率90%以上",
        f"        due: {due}", "    services:", "      - id: S1",
        "        goals: [G1]", "        type: psychological",
        "        provider: 市家庭相談センター", f"        responsible: {by}",
        "        frequency: weekly", f"        start: {start}",
        f"        end: {end}", "      - id: S2", "        goals: [G2]",
        "        type: educational", "        provider: 第一小学校",
        f"        responsible: {by}", "        frequency: daily",
        f"        start: {start}", f"        end: {end}",
        "    participation:", "      client_views: おうちで安心してくらしたい。",
        "      family_views: 支援を受けながら子育てを続けたい。", "      agreed_by: [mother]",
        f"    next_review: {next_review(d, risk)}"]


def review(n, d, by, p, risk, decision, achieved, rnd):
    status = "achieved" if achieved else "in-progress"
    out = [
        f"  - n: {n}", f"    date: {d}", f"    by: {by}",
        f"    plan: {p}", "    progress:", "      - goal: G1", f"        status: {status}",
        "        note: 改善が見られる", "      - goal: G2", f"        status: {status}",
        "        note: 週4日登校", "    services:", "      - service: S1",
        "        delivered: partly", "      - service: S2", "        delivered: yes",
        f"    safety: {'safe' if risk == 'low' else 'safe-with-plan'}", f"    risk: {risk}",
        f"    decision: {decision}"]
    if decision != "close":
        out.append(f"    next_review: {next_review(d, risk)}")
    return out + [f"    summary: {rnd.choice(TEXT)}"]


class Case:
    """The sections of one record as lines, filled one cycle (assess, plan, review, close) at a
    time; numbers continue across cycles."""

    def __init__(self):
        self.assessments, self.plans, self.reviews = [], [], []
        self.approvals, self.closures = [], []
        self.n_a = self.n_p = self.n_r = self.n_ap = self.n_c = 0

    def cycle(self, rnd, start, status, worker):
        """Events from start to status; returns the last date and the plan in force."""
        last = start
        if status == "intake":
            return last
        risk = rnd.choice(RISKS)
        safety = "unsafe" if risk == "very-high" else rnd.choice(SAFETY)
        self.n_a += 1
        a_date = days(start, 1)
        self.assessments += assessment(self.n_a, a_date, worker, risk, safety, rnd)
        last = a_date
        if status == "assessed":
            return last
        self.n_p += 1
        p_date = days(a_date, 7)
        self.plans += plan(self.n_p, p_date, worker, self.n_a, risk)
        r_date = next_review(p_date, risk)
        r_risk = rnd.choice(RISKS)
        self.n_r += 1
        self.reviews += review(self.n_r, r_date, worker, self.n_p, r_risk, "continue", False, rnd)
        last = r_date
        if status == "active":
            return last
        # Closed: every goal achieved at a final review (risk low), or moved away at the
        # current risk, with a supervisor's approval while that risk is high.
        moved = rnd.random() < 0.3
        f_risk = rnd.choice(["medium", "high", "very-high"]) if moved else "low"
        f_date = next_review(r_date, r_risk)
        self.n_r += 1
        self.reviews += review(self.n_r, f_date, worker, self.n_p, f_risk, "close", not moved, rnd)
        c_date = days(f_date, rnd.randint(1, 10))
        by, approval = worker, None
        if f_risk in ("high", "very-high") and worker != SUPERVISOR:
            if rnd.random() < 0.3:
                by = SUPERVISOR
            else:
                self.n_ap += 1
                approval = self.n_ap
                self.approvals += [f"  - n: {approval}", "    kind: closure",
                                   f"    date: {days(f_date, rnd.randint(0, (c_date - f_date).days))}",
                                   f"    by: {SUPERVISOR}", "    note: 転居先への引継ぎを確認した。"]
        self.n_c += 1
        self.closures += [f"  - n: {self.n_c}", f"    date: {c_date}", f"    by: {by}",
                          f"    plan: {self.n_p}",  # the plan in force
                          f"    reason: {'moved-away' if moved else 'goals-achieved'}"]
        if approval:
            self.closures.append(f"    approval: {approval}")
        status = "not-achieved" if moved else "achieved"
        self.closures += ["    outcomes:", "      - goal: G1", f"        status: {status}",
                          "      - goal: G2", f"        status: {status}",
                          "    evaluation: " + ("転居先の児童相談所へ引き継いだ。" if moved
                                                 else "家庭訪問と学校との連携が有効だった。")]
        return c_date


def record(cid, year, rnd):
    status = rnd.choice(STATUSES)
    reopened = status == "closed" and rnd.random() < 0.08
    m = rnd.randint(1, 5 if reopened else 9)  # every event by 2026-11-20
    opened = dt.date(year, m, 2)
    worker = rnd.choice(WORKERS)
    if status == "closed" and not reopened and year <= 2020 and rnd.random() < 0.3:
        worker = RETIRED  # closed long ago by a worker since retired
    name = rnd.choice(SURNAMES) + " " + rnd.choice(GIVEN)
    c = Case()
    last = c.cycle(rnd, opened, status, worker)
    reopenings = []
    if reopened:
        re_date = days(last, rnd.randint(14, 30))
        reopenings = ["reopenings:", "  - n: 1", f"    date: {re_date}", f"    by: {worker}",
                      "    closure: 1", "    reason: 学校から再び欠席が続いていると連絡があった。"]
        status = rnd.choice(["intake", "active", "closed", "closed"])
        last = c.cycle(rnd, re_date, status, worker)
    assert last <= LAST_EVENT or year < LAST_EVENT.year, (cid, last)
    lines = [
        "# casectl case record, schema 1",
        "schema: 1", f"id: {cid}", f"status: {status}", f"opened: {opened}",
        f"worker: {worker}", "client:", f"  name: {name}",
        f"  birth_date: {dt.date(year - rnd.randint(2, 16), rnd.randint(1, 12), rnd.randint(1, 28))}",
        "  sex: female", "  address: 東京都千代田区千代田1-1-1 サンプルマンション101",
        "  school: 千代田区立第一小学校", "household:",
        f"  - name: {rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}", "    relation: mother",
        "    notes: パート勤務。夜間は不在が多い。", "referral:", f"  date: {dt.date(year, m, 1)}"]
    hour = rnd.randint(8, 19)
    lines.append(f"  received: {dt.date(year, m, 1)} {hour:02d}:{rnd.randrange(0, 60, 5):02d}")
    concern = rnd.choice(CONCERNS)
    lines += [
        f"  source: {rnd.choice(SOURCES)}", "  reporter: 担任教諭", "  urgency: urgent",
        f"  category: {CATEGORY_FOR.get(concern, 'protection')}",
        f"  concerns: [{concern}]", f"  reason: {rnd.choice(TEXT)}"]
    # The child seen (安全確認) in about 90% of cases: mostly the next day (within 48 hours),
    # some on the third day (late). Its own generator, so the rest of the record is as before.
    x = random.Random(f"check-{cid}")
    if x.random() < 0.9:
        day = 3 if x.random() < 0.15 else 2
        lines += ["safety_checks:", "  - n: 1", f"    at: {dt.date(year, m, day)} {x.randint(hour, 20):02d}:00",
                  f"    by: {worker}", f"    method: {x.choice(['seen-at-school', 'seen-at-home', 'seen-at-office'])}",
                  "    outcome: safe"]
    for key, body in (("assessments", c.assessments), ("plans", c.plans), ("reviews", c.reviews)):
        if body:
            lines += [key + ":"] + body
    lines += ["notes:"]
    for k in range(3):
        lines += [f"  - date: {dt.date(year, m, 4 + k)}", f"    by: {worker}", "    kind: home-visit",
                  f"    text: {rnd.choice(TEXT)}"]
    if c.approvals:
        lines += ["approvals:"] + c.approvals
    if rnd.random() < 0.05:
        lines += ["amendments:", f"  - date: {dt.date(year, m, 7)}", f"    by: {worker}", "    reason: typo",
                  "    sections: [client]", "    note: 氏名の漢字の誤りを訂正した。"]
    if c.closures:
        lines += ["closures:"] + c.closures
    return "\n".join(lines + reopenings) + "\n"


def main():
    root = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    rnd = random.Random(1)
    per_year = 9000
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "casectl.yaml"), "w") as f:
        f.write("casectl: 1\nagency: Bench\nlocale: ja\nid_prefix: C\nworkers:\n"
                "  sato: {name: Sato Yuki, email: sato@example.org, role: worker}\n"
                "  tanaka: {name: Tanaka Ken, email: tanaka@example.org, role: supervisor}\n"
                "  suzuki: {name: Suzuki Aoi, email: suzuki@example.org, role: worker}\n"
                "  ito: {name: Ito Ren, email: ito@example.org, role: worker}\n"
                "  kato: {name: Kato Mio, email: kato@example.org, role: worker}\n"
                "  yamada: {name: Yamada Jun, email: yamada@example.org, role: worker, retired: true}\n"
                "policy:\n  approvals: {closure: [high, very-high], plan: []}\n")
    for i in range(n):
        year = 2026 - i // per_year
        seq = i % per_year + 1
        cid = f"C-{year}-{seq:04d}"
        d = os.path.join(root, "cases", str(year), f"{seq // 100:02d}", cid)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "case.yaml"), "w") as f:
            f.write(record(cid, year, rnd))


if __name__ == "__main__":
    main()
