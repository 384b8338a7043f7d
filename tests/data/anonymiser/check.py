#!/usr/bin/env python3
"""Validates corpus.jsonl (stdlib only) and prints counts per language and kind.

Errors (exit 1): a line that does not parse, a duplicate id, an unknown lang or kind, a span
that is not a substring of its text, a span listed twice, a keep span any occurrence of which
overlaps any occurrence of a replace span, an organisation with no legal form
that is not in directory.json, an ASCII span occurring inside a longer word
("Sato" in "Satoshi"), a Japanese text outside 80-400 characters, fewer
than 300 texts (180 Japanese, 100 English).
Also prints how many person and organisation mentions come from directory.json.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPLACE_KINDS = {"person", "organisation", "facility", "address", "contact", "date", "network"}
KEEP_KINDS = {"public", "term"}
WORD = re.compile(r"[A-Za-z0-9]")
LEGAL = re.compile(
    r"株式会社|有限会社|合同会社|一般社団法人|一般財団法人|医療法人社団|社会福祉法人|"
    r"[㈱㈲]|[（(][株有][)）]|,?\s*\b(?:Co\.,\s*Ltd\.|Co\.|Ltd\.|Inc\.|Corp\.|K\.K\.|GmbH|LLC)")


def occurrences(text, span):
    out, start = [], text.find(span)
    while start >= 0:
        out.append((start, start + len(span)))
        start = text.find(span, start + 1)
    return out


def norm_org(s):
    return re.sub(r"\s+", "", LEGAL.sub("", s)).lower()


def directory_matchers():
    d = json.loads((HERE / "directory.json").read_text(encoding="utf-8"))
    orgs = {norm_org(o) for o in d["organisations"]}
    persons = set()
    for p in d["persons"]:
        parts = p.split()
        persons.add("".join(parts).lower())
        persons.add(parts[0].lower())          # Japanese surname first
        persons.add(parts[-1].lower())         # English surname last
        persons.add(" ".join(reversed(parts)).replace(" ", "").lower())
    return orgs, persons


def in_directory(kind, span, orgs, persons):
    if kind == "organisation":
        return norm_org(span) in orgs
    key = re.sub(r"[\s.]+", "", span).lower()
    return key in persons or span.split()[-1].lower() in persons


def main():
    errors = []
    rows = []
    path = HERE / "corpus.jsonl"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append((n, json.loads(line)))
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: does not parse: {e}")
    ids = Counter()
    per_lang = Counter()
    per_kind = {"replace": Counter(), "keep": Counter()}
    per_kind_lang = Counter()
    orgs, persons = directory_matchers()
    from_dir = Counter()
    for n, row in rows:
        rid = row.get("id")
        where = f"line {n} ({rid})"
        ids[rid] += 1
        lang, text = row.get("lang"), row.get("text")
        if lang not in ("ja", "en"):
            errors.append(f"{where}: lang {lang!r}")
            continue
        if not isinstance(text, str) or not text:
            errors.append(f"{where}: no text")
            continue
        per_lang[lang] += 1
        if lang == "ja" and not 80 <= len(text) <= 400:
            errors.append(f"{where}: Japanese text has {len(text)} characters (80-400)")
        replaced = []
        for side, kinds in (("replace", REPLACE_KINDS), ("keep", KEEP_KINDS)):
            seen = set()
            for span in row.get(side, []):
                s, k = span.get("text"), span.get("kind")
                if k not in kinds:
                    errors.append(f"{where}: {side} kind {k!r} for {s!r}")
                    continue
                if not s or s not in text:
                    errors.append(f"{where}: {side} span {s!r} is not in the text")
                    continue
                for a, b in occurrences(text, s):
                    if (WORD.match(s[0]) and a > 0 and WORD.match(text[a - 1])) or \
                            (WORD.match(s[-1]) and b < len(text) and WORD.match(text[b])):
                        errors.append(f"{where}: {side} span {s!r} occurs inside a longer word "
                                      f"{text[max(0, a - 8):b + 8]!r}")
                if s in seen:
                    errors.append(f"{where}: {side} span {s!r} listed twice")
                seen.add(s)
                per_kind[side][k] += 1
                per_kind_lang[(side, k, lang)] += 1
                if side == "replace":
                    replaced.extend(occurrences(text, s))
                    if k in ("person", "organisation"):
                        known = in_directory(k, s, orgs, persons)
                        from_dir[(k, known)] += 1
                        if k == "organisation" and not known and not LEGAL.search(s):
                            errors.append(f"{where}: organisation {s!r} has no legal form and "
                                          "is not in directory.json (nothing could find it)")
                else:
                    for a, b in occurrences(text, s):
                        for ra, rb in replaced:
                            if a < rb and ra < b:
                                errors.append(f"{where}: keep span {s!r} overlaps a replace span "
                                              f"{text[ra:rb]!r}")
    for rid, c in ids.items():
        if c > 1:
            errors.append(f"id {rid} used {c} times")
    total = sum(per_lang.values())
    if total < 300 or per_lang["ja"] < 180 or per_lang["en"] < 100:
        errors.append(f"too few texts: {total} ({per_lang['ja']} ja, {per_lang['en']} en); "
                      "need 300 (180 ja, 100 en)")
    print(f"texts: {total} (ja {per_lang['ja']}, en {per_lang['en']})")
    for side in ("replace", "keep"):
        print(f"{side} spans: {sum(per_kind[side].values())}")
        for k, c in sorted(per_kind[side].items(), key=lambda kv: -kv[1]):
            ja, en = per_kind_lang[(side, k, 'ja')], per_kind_lang[(side, k, 'en')]
            print(f"  {k:<13}{c:>5}  (ja {ja}, en {en})")
    for k in ("person", "organisation"):
        yes, no = from_dir[(k, True)], from_dir[(k, False)]
        print(f"{k} spans from directory.json: {yes} of {yes + no}")
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
