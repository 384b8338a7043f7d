#!/usr/bin/env python3
"""Builds corpus.jsonl from the annotated source corpus.src.txt (stdlib only).

Source format: one text per line, `ja|...` or `en|...`; lines starting with `#` and blank
lines are ignored. Inside a text, `[k:span]` marks a span that must be replaced and
`{k:span}` a span that must stay; the markup is removed and the span recorded.
  replace kinds: p person, o organisation, f facility, a address, c contact, d date, n network
  keep kinds:    u public, t term
Ids are assigned in source order per language (ja-001, en-001, ...), so append new texts
at the end of the file to keep existing ids stable. Run check.py afterwards.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPLACE = {"p": "person", "o": "organisation", "f": "facility", "a": "address",
           "c": "contact", "d": "date", "n": "network"}
KEEP = {"u": "public", "t": "term"}
MARK = re.compile(r"\[([a-z]):([^\]]+)\]|\{([a-z]):([^}]+)\}")


def parse(line, where):
    text, replace, keep = [], [], []
    pos = 0
    for m in MARK.finditer(line):
        text.append(line[pos:m.start()])
        if m.group(1):
            kind, span, table, out = m.group(1), m.group(2), REPLACE, replace
        else:
            kind, span, table, out = m.group(3), m.group(4), KEEP, keep
        if kind not in table:
            sys.exit(f"{where}: unknown kind {kind!r} for {span!r}")
        entry = {"text": span, "kind": table[kind]}
        if entry not in out:
            out.append(entry)
        text.append(span)
        pos = m.end()
    text.append(line[pos:])
    joined = "".join(text)
    if re.search(r"[\[{][a-z]:", joined):
        sys.exit(f"{where}: stray bracket left after markup: {joined!r}")
    return joined, replace, keep


def main():
    counters = {"ja": 0, "en": 0}
    rows = []
    src = HERE / "corpus.src.txt"
    for n, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        lang, sep, body = line.partition("|")
        if not sep or lang not in counters:
            sys.exit(f"corpus.src.txt:{n}: expected 'ja|' or 'en|'")
        counters[lang] += 1
        text, replace, keep = parse(body.strip(), f"corpus.src.txt:{n}")
        rows.append({"id": f"{lang}-{counters[lang]:03d}", "lang": lang, "text": text,
                     "replace": replace, "keep": keep})
    with open(HERE / "corpus.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} texts")


if __name__ == "__main__":
    main()
