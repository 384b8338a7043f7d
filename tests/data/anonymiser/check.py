#!/usr/bin/env python3
"""Validates corpus.jsonl (stdlib only) and prints counts per language and kind.

Errors (exit 1): a line that does not parse, a duplicate id, an unknown lang or kind, a span
that is not a substring of its text, a span listed twice, a keep span any occurrence of which
overlaps any occurrence of a replace span, an organisation with no legal form
that is not in directory.json, an ASCII span occurring inside a longer word
("Sato" in "Satoshi"), a Japanese text outside 80-400 characters, fewer
than 300 texts (180 Japanese, 100 English).
Also prints how many person and organisation mentions come from directory.json, and with
--forms how many texts hold each hard form.
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


LEGAL_ANY = r"株式会社|有限会社|合同会社|法人|㈱|\(株\)|（株）|K\.K\.|Ltd\.|Inc\.|Corp\.|GmbH|LLC"


def has(row, kind, rx):
    return any(s["kind"] == kind and re.search(rx, s["text"]) for s in row["replace"])


def after_name(row, rx):
    return any(s["kind"] == "person" and re.search(re.escape(s["text"]) + rx, row["text"])
               for s in row["replace"])


# How many texts hold each hard form (printed with --forms; the README quotes it).
FORMS = [
    ("spaced full name (渡辺 健一)", lambda r: r["lang"] == "ja" and has(r, "person", r"^[一-龯々]+ [一-龯ぁ-ん]+$")),
    ("bare Japanese surname (鈴木が)", lambda r: r["lang"] == "ja" and has(r, "person", r"^[一-龯]{1,3}$")),
    ("Japanese name + さん/様/氏", lambda r: after_name(r, "(さん|様|氏)")),
    ("Japanese name + 部長/課長/主任/先生", lambda r: after_name(r, "(部長|課長|主任|先生)")),
    ("romanised name in a Japanese text", lambda r: r["lang"] == "ja" and has(r, "person", r"[A-Za-z]")),
    ("English name after Contact:/Per/Reported by/From:/Reporter:",
     lambda r: r["lang"] == "en" and bool(re.search(r"(Contact|Per|Reported by|From|Reporter)\W", r["text"]))
     and has(r, "person", ".")),
    ("initial + surname (J. Smith)", lambda r: has(r, "person", r"^[A-Z]\. [A-Z][a-z]+$")),
    ("capitalised surname first (TANAKA Kenji)", lambda r: has(r, "person", r"^[A-Z]{3,} [A-Z][a-z]+$")),
    ("Mr./Ms./Dr. before a name", lambda r: bool(re.search(r"\b(Mr|Ms|Dr)\. ", r["text"]))),
    ("organisation with ㈱/(株)/（株）", lambda r: has(r, "organisation", r"㈱|\(株\)|（株）")),
    ("organisation with 有限会社/合同会社/…法人", lambda r: has(r, "organisation", r"有限会社|合同会社|法人")),
    ("organisation with K.K./Co., Ltd./Inc./Corp./GmbH/LLC",
     lambda r: has(r, "organisation", r"K\.K\.|Ltd\.|Inc\.|Corp\.|GmbH|LLC")),
    ("organisation without legal form (directory)",
     lambda r: any(s["kind"] == "organisation" and not re.search(LEGAL_ANY, s["text"]) for s in r["replace"])),
    ("facility and address together (東北第二発電所（宮城県仙台市）)",
     lambda r: any(s["kind"] == "facility" for s in r["replace"]) and any(s["kind"] == "address" for s in r["replace"])),
    ("street address (丁目/番地/号, 1-2-3 …)", lambda r: has(r, "address", r"\d+[-‐－]\d+|[０-９]+－|丁目|番地|号")),
    ("postal code", lambda r: has(r, "address", r"〒|\d{3}-\d{4}")),
    ("extension (内線/ext.)", lambda r: has(r, "contact", r"内線|ext\.")),
    ("account or host name", lambda r: has(r, "contact", r"^[A-Za-z0-9_\\.\-Ａ-Ｚ０-９＿－]+$")),
    ("full-width digits or letters in a replace span",
     lambda r: any(re.search("[０-９Ａ-Ｚａ-ｚ]", s["text"]) for s in r["replace"])),
    ("和暦 date (令和8年, R8.)", lambda r: has(r, "date", r"令和|R8")),
    ("English date (3 November 2026, Nov. 3)", lambda r: has(r, "date", r"[A-Z][a-z]{2}")),
    ("ISO 8601 timestamp", lambda r: has(r, "date", r"T\d\d:")),
    ("IPv6 address", lambda r: has(r, "network", r"2001:db8")),
    ("near miss (ヒヤリハット / near miss)", lambda r: bool(re.search("ヒヤリハット|[Nn]ear miss", r["text"]))),
    ("nothing to replace", lambda r: not r["replace"]),
    ("four or more public keep spans", lambda r: sum(s["kind"] == "public" for s in r["keep"]) >= 4),
]


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
    if "--forms" in sys.argv:
        good = [row for _, row in rows if isinstance(row.get("text"), str)
                and row.get("lang") in ("ja", "en")]
        print("texts per form:")
        for name, test in FORMS:
            print(f"  {sum(1 for row in good if test(row)):>4}  {name}")
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
