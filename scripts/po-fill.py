#!/usr/bin/env python3
"""Fills msgstr "" entries of a .po file from a JSON object {msgid: translation} (msgids as they
read, unescaped). A translator's helper for scripts/update-po's new entries:
    python3 scripts/po-fill.py po/ja.po new.json"""
import json
import re
import sys


def unescape(s):
    return s.replace('\\"', '"').replace("\\\\", "\\")


def escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


po, table = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
text = open(po, encoding="utf-8").read()
left = dict(table)


def fill(m):
    mid = unescape(m.group(1))
    if mid in table:
        left.pop(mid, None)
        return 'msgid "%s"\nmsgstr "%s"' % (m.group(1), escape(table[mid]))
    return m.group(0)


text = re.sub(r'^msgid "(.+)"\nmsgstr ""$', fill, text, flags=re.M)
open(po, "w", encoding="utf-8").write(text)
for mid in left:
    print("not in the catalog (or already translated):", mid, file=sys.stderr)
