"""The ``punctuation`` pass on synthetic OCR damage.

In clean news paragraphs (``benchmarks.corpus``) a share of the Chinese marks
is turned into the ASCII the way OCR does (，。；：？！（） to , . ; : ? ! ( ),
“” to straight quotes). A restored mark is a character-level true positive;
any other change is false. False changes are also counted on the untouched
clean text.
"""

from __future__ import annotations

import random

from benchmarks.corpus import load_paragraphs
from cleaner import Pipeline

OCR = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")", "“": '"', "”": '"'}


def run(quick: bool = False) -> str:
    rng = random.Random(3)
    paras = load_paragraphs(min_chars=30)[: 2000 if quick else 12000]
    pipeline = Pipeline(["punctuation"])
    damaged_total = restored = wrong = 0
    for p in paras:
        chars = list(p)
        spots = [i for i, c in enumerate(chars) if c in OCR and rng.random() < 0.3]
        # Quotes are damaged in pairs, as OCR reads both marks the same way.
        for i in spots:
            chars[i] = OCR[chars[i]]
        damaged = "".join(chars)
        out = pipeline(damaged)
        if len(out) != len(p):
            wrong += abs(len(out) - len(p))
            continue
        damaged_total += len(spots)
        restored += sum(1 for i in spots if out[i] == p[i])
        wrong += sum(1 for i, (a, b) in enumerate(zip(out, p)) if a != b and i not in spots)
        wrong += sum(1 for i in spots if out[i] != p[i] and out[i] != damaged[i])
    clean = "\n".join(load_paragraphs())
    false_clean = len(Pipeline(["punctuation"]).run(clean).edits)
    changes = restored + wrong
    return "\n".join([
        "## punctuation: OCR-style ASCII marks in clean news text",
        "",
        f"{len(paras):,} paragraphs; 30% of the marks ，；：？！（）“” turned ASCII.",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| precision (changes that restore the source mark) | {restored / max(1, changes):.3f} |",
        f"| recall (damaged marks restored) | {restored / max(1, damaged_total):.3f} ({restored} of {damaged_total}) |",
        f"| changes to {len(clean):,} characters of untouched clean text | {false_clean} |",
        "",
    ])


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    print(run())
