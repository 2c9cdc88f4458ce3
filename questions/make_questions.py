#!/usr/bin/env python3
"""Build questions/questions.jsonl from the hand-written questions/questions.src.jsonl.

For every evidence entry, the exact character offsets of its text in the
original article are computed (article read with encoding="utf-8",
newline="" so that offsets are Python str indices into the untranslated
file; end is exclusive) and added as "start"/"end".

The script fails loudly (non-zero exit, nothing written) if any evidence
text is not found verbatim exactly once, or if any record is malformed.

Stdlib only. Usage:
    python3 questions/make_questions.py [--src PATH] [--articles DIR] [--out PATH]
"""

import argparse
import json
import os
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SRC = os.path.join(ROOT, "questions", "questions.src.jsonl")
DEFAULT_OUT = os.path.join(ROOT, "questions", "questions.jsonl")
DEFAULT_ARTICLES = os.path.join(ROOT, "seeds")

KINDS = {
    "fact", "number", "multi_sentence", "multi_article", "conflict",
    "unanswerable", "paraphrase", "typo", "keyword", "caps", "dialog",
}
SPLITS = {"dev", "test"}
FIELDS = ["id", "split", "kind", "question", "history", "answerable",
          "answers", "key_facts", "gold_articles", "evidence", "note"]
REQUIRED = set(FIELDS) - {"note"}


def find_all(text, sub):
    """All (possibly overlapping) start indices of sub in text."""
    out, i = [], text.find(sub)
    while i != -1:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def is_str_list(x):
    return isinstance(x, list) and all(isinstance(s, str) and s for s in x)


def check_record(q, where, articles, errors):
    def err(msg):
        errors.append(f"{where} [{q.get('id', '?')}]: {msg}")

    missing = REQUIRED - q.keys()
    if missing:
        err(f"missing fields {sorted(missing)}")
        return
    extra = set(q) - set(FIELDS)
    if extra:
        err(f"unknown fields {sorted(extra)}")
    if q["split"] not in SPLITS:
        err(f"bad split {q['split']!r}")
    if q["kind"] not in KINDS:
        err(f"bad kind {q['kind']!r}")
    if not isinstance(q["question"], str) or not q["question"].strip():
        err("empty question")
    if not isinstance(q["answerable"], bool):
        err("answerable must be true/false")

    hist = q["history"]
    if not isinstance(hist, list) or not all(isinstance(h, str) and h.strip() for h in hist):
        err("history must be a list of non-empty strings")
    elif q["kind"] == "dialog" and len(hist) != 1:
        err("dialog needs exactly one history turn")
    elif q["kind"] != "dialog" and hist:
        err("only dialog questions may have history")

    if not isinstance(q["answers"], list) or not all(isinstance(a, str) and a for a in q["answers"]):
        err("answers must be a list of non-empty strings")
        return
    kf = q["key_facts"]
    if not isinstance(kf, list) or not all(is_str_list(f) and f for f in kf):
        err("key_facts must be a list of non-empty lists of strings")
        return
    if not is_str_list(q["gold_articles"]):
        err("gold_articles must be a list of strings")
        return
    if not isinstance(q["evidence"], list):
        err("evidence must be a list")
        return

    if q["kind"] == "unanswerable" and q["answerable"]:
        err("kind unanswerable but answerable is true")
    if not q["answerable"]:
        for f in ("answers", "key_facts", "gold_articles", "evidence"):
            if q[f]:
                err(f"unanswerable question must have empty {f}")
        return

    # answerable
    for f in ("answers", "key_facts", "gold_articles", "evidence"):
        if not q[f]:
            err(f"answerable question has empty {f}")
    for a in q["gold_articles"]:
        if a not in articles:
            err(f"unknown gold article {a!r}")
    ev_articles = set()
    for j, ev in enumerate(q["evidence"]):
        if not isinstance(ev, dict) or set(ev) != {"article", "text"}:
            err(f"evidence[{j}] must have exactly 'article' and 'text'")
            continue
        ev_articles.add(ev["article"])
    if ev_articles != set(q["gold_articles"]):
        err(f"gold_articles {sorted(q['gold_articles'])} != evidence articles {sorted(ev_articles)}")

    # The gold answer must satisfy its own key facts.
    def satisfies(ans):
        low = ans.lower()
        return all(any(alt.lower() in low for alt in fact) for fact in kf)
    if not any(satisfies(a) for a in q["answers"]):
        err("no answer in 'answers' contains all key facts")
    # Every key fact must be grounded in the evidence text.
    ev_text = " ".join(ev.get("text", "") for ev in q["evidence"] if isinstance(ev, dict)).lower()
    for fact in kf:
        if not any(alt.lower() in ev_text for alt in fact):
            err(f"key fact {fact} not found in evidence text")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=DEFAULT_SRC)
    ap.add_argument("--articles", default=DEFAULT_ARTICLES)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    articles = {}
    for name in sorted(os.listdir(args.articles)):
        if name.endswith(".txt"):
            with open(os.path.join(args.articles, name), encoding="utf-8", newline="") as fh:
                articles[name] = fh.read()
    if not articles:
        sys.exit(f"FATAL: no .txt articles in {args.articles}")

    errors, records, ids = [], [], Counter()
    with open(args.src, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{os.path.basename(args.src)}:{lineno}"
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON: {e}")
                continue
            if not isinstance(q, dict):
                errors.append(f"{where}: not a JSON object")
                continue
            ids[q.get("id")] += 1
            check_record(q, where, articles, errors)

            out_ev = []
            for j, ev in enumerate(q.get("evidence") or []):
                if not isinstance(ev, dict):
                    continue
                art, text = ev.get("article"), ev.get("text")
                if art not in articles:
                    errors.append(f"{where} [{q.get('id')}]: evidence[{j}] unknown article {art!r}")
                    continue
                if not isinstance(text, str) or not text.strip():
                    errors.append(f"{where} [{q.get('id')}]: evidence[{j}] empty text")
                    continue
                if text != text.strip():
                    errors.append(f"{where} [{q.get('id')}]: evidence[{j}] has leading/trailing whitespace")
                hits = find_all(articles[art], text)
                if len(hits) != 1:
                    errors.append(
                        f"{where} [{q.get('id')}]: evidence[{j}] found {len(hits)} times "
                        f"(need exactly 1) in {art}: {text[:80]!r}")
                    continue
                start = hits[0]
                end = start + len(text)
                assert articles[art][start:end] == text
                out_ev.append({"article": art, "text": text, "start": start, "end": end})
            q = {k: q[k] for k in FIELDS if k in q} | {k: v for k, v in q.items() if k not in FIELDS}
            q["evidence"] = out_ev
            q.setdefault("note", "")
            records.append(q)

    for qid, n in ids.items():
        if n > 1:
            errors.append(f"duplicate id {qid!r} ({n} times)")

    if errors:
        print(f"FAILED: {len(errors)} error(s); {args.out} not written", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1

    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for q in records:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    os.replace(tmp, args.out)

    by = Counter((q["kind"], q["split"]) for q in records)
    print(f"wrote {len(records)} questions to {args.out}")
    print(f"{'kind':16} {'dev':>4} {'test':>5}")
    for k in sorted({k for k, _ in by}):
        print(f"{k:16} {by[(k, 'dev')]:4} {by[(k, 'test')]:5}")
    splits = Counter(q["split"] for q in records)
    unans = Counter(q["split"] for q in records if not q["answerable"])
    print(f"{'total':16} {splits['dev']:4} {splits['test']:5}")
    print(f"{'(unanswerable)':16} {unans['dev']:4} {unans['test']:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
