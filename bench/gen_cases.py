#!/usr/bin/env python3
"""Writes N realistic schema-1 case records (~2.4 KB each, Japanese text) under
DIR/cases/YEAR/SHARD/ID/case.yaml, plus a minimal DIR/casectl.yaml. For benchmarks only.
Usage: gen_cases.py DIR [N]"""
import os
import random
import sys

SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = ["花子", "太郎", "結衣", "陽翔", "さくら", "蓮", "美咲", "大翔", "葵", "湊"]
WORKERS = ["sato", "tanaka", "suzuki", "ito", "kato"]
CONCERNS = ["physical-abuse", "neglect", "psychological-abuse", "domestic-violence", "poverty",
            "school", "mental-health"]
RISKS = ["low", "medium", "high", "very-high"]
SAFETY = ["safe", "safe-with-plan", "unsafe"]
STATUSES = ["intake", "assessed", "active", "active", "active", "closed", "closed"]
SOURCES = ["school", "police", "hospital", "neighbour", "family"]
TEXT = ["両腕にあざがあり、本人は家で叩かれると話している。",
        "母親は育児に疲れていると話し、支援を希望している。",
        "学校を休みがちで、昼食をとっていない日が多い。",
        "祖母が近くに住んでおり、協力的である。",
        "家庭訪問を行い、生活状況を確認した。"]


def date(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


def record(cid, year, rnd):
    status = rnd.choice(STATUSES)
    m = rnd.randint(1, 9)
    name = rnd.choice(SURNAMES) + " " + rnd.choice(GIVEN)
    lines = [
        "# casectl case record, schema 1",
        "schema: 1", f"id: {cid}", f"status: {status}", f"opened: {date(year, m, 2)}",
        f"worker: {rnd.choice(WORKERS)}", "client:", f"  name: {name}",
        f"  birth_date: {date(year - rnd.randint(2, 16), rnd.randint(1, 12), rnd.randint(1, 28))}",
        "  sex: female", "  address: 東京都千代田区千代田1-1-1 サンプルマンション101",
        "  school: 千代田区立第一小学校", "household:",
        f"  - name: {rnd.choice(SURNAMES)} {rnd.choice(GIVEN)}", "    relation: mother",
        "    notes: パート勤務。夜間は不在が多い。", "referral:", f"  date: {date(year, m, 1)}",
        f"  source: {rnd.choice(SOURCES)}", "  reporter: 担任教諭", "  urgency: urgent",
        f"  concerns: [{rnd.choice(CONCERNS)}]", f"  reason: {rnd.choice(TEXT)}"]
    if status != "intake":
        risk = rnd.choice(RISKS)
        lines += [
            "assessments:", "  - n: 1", f"    date: {date(year, m, 3)}", "    by: sato",
            "    methods: [home-visit, interview-child, interview-family]",
            "    safety: " + rnd.choice(SAFETY), f"    risk: {risk}", "    risks:",
            "      - domain: physical-abuse", f"        level: {risk}",
            f"        evidence: {rnd.choice(TEXT)}", "    needs:",
            "      - id: N1", "        domain: safety", f"        text: {rnd.choice(TEXT)}",
            "      - id: N2", "        domain: education", f"        text: {rnd.choice(TEXT)}",
            "    strengths: [祖母が近くに住み協力的]",
            "    immediate_actions: [一時保護]", f"    summary: {rnd.choice(TEXT)}"]
    if status in ("active", "closed"):
        lines += [
            "plans:", "  - n: 1", f"    date: {date(year, m, 10)}", "    by: sato",
            "    assessment: 1", "    goals:", "      - id: G1", "        needs: [N1]",
            "        text: 家庭で安全に過ごせる", "        measure: 月1回の家庭訪問で確認",
            f"        due: {date(year, m + 3, 10)}", "      - id: G2", "        needs: [N2]",
            "        text: 毎日登校する", "        measure: 出席率90%以上",
            f"        due: {date(year, m + 3, 10)}", "    services:", "      - id: S1",
            "        goals: [G1]", "        type: psychological",
            "        provider: 市家庭相談センター", "        responsible: sato",
            "        frequency: weekly", f"        start: {date(year, m, 15)}",
            f"        end: {date(year, m + 3, 15)}", "      - id: S2", "        goals: [G2]",
            "        type: educational", "        provider: 第一小学校",
            "        responsible: sato", "        frequency: daily",
            f"        start: {date(year, m, 15)}", f"        end: {date(year, m + 3, 15)}",
            "    participation:", "      client_views: おうちで安心してくらしたい。",
            "      family_views: 支援を受けながら子育てを続けたい。", "      agreed_by: [mother]",
            f"    next_review: {date(year, m + 1, 10)}",
            "reviews:", "  - n: 1", f"    date: {date(year, m + 1, 10)}", "    by: sato",
            "    plan: 1", "    progress:", "      - goal: G1", "        status: in-progress",
            "        note: 改善が見られる", "      - goal: G2", "        status: in-progress",
            "        note: 週4日登校", "    services:", "      - service: S1",
            "        delivered: partly", "      - service: S2", "        delivered: yes",
            "    safety: safe-with-plan", f"    risk: {rnd.choice(RISKS)}",
            "    decision: continue", f"    next_review: {date(year, m + 2, 10)}",
            f"    summary: {rnd.choice(TEXT)}"]
    lines += ["notes:"]
    for k in range(3):
        lines += [f"  - date: {date(year, m, 4 + k)}", "    by: sato", "    kind: home-visit",
                  f"    text: {rnd.choice(TEXT)}"]
    if status == "closed":
        lines += ["closure:", f"  date: {date(year, m + 3, 20)}", "  by: sato",
                  "  reason: goals-achieved", "  outcomes:", "    - goal: G1",
                  "      status: achieved", "    - goal: G2", "      status: achieved",
                  "  evaluation: 家庭訪問と学校との連携が有効だった。"]
    return "\n".join(lines) + "\n"


def main():
    root = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    rnd = random.Random(1)
    per_year = 9000
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "casectl.yaml"), "w") as f:
        f.write("casectl: 1\nagency: Bench\nlocale: ja\nid_prefix: C\nworkers:\n"
                "  sato: {name: Sato Yuki, email: sato@example.org, role: worker}\n")
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
