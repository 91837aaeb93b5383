"""The ``dedup`` pass at scale and on injected duplicates.

Clean news paragraphs (``benchmarks.corpus``) make one long document; into it
we inject, at random later positions, copies of earlier paragraphs of three
kinds: exact, noisy (2-4% of characters substituted with look-alikes,
dropped, or commas turned ASCII), and contained (a lead-in such as ``据悉，``
plus a run of at least 50 characters cut from the original paragraph's end,
placed right after it, as page assembly repeats a passage). Precision counts
removals (edits of a ``dedup.removed`` rule) that hit an injected copy; recall
counts injected copies removed. The joins the pass makes of what a removal
leaves (rejoin's, so that cleaning twice equals once) are counted apart.
The corpus itself repeats some paragraphs (it is a month of a newspaper);
those removals are reported apart, not counted as errors.

Scale: 100,000 paragraphs (about 45 MB) in one document, timed. Beyond the
corpus's own paragraphs, each later round shuffles the characters of every
sentence of the paragraphs, its final stop kept: new text with the same
character statistics and the same sentence structure (a paragraph still ends
with its stop), not duplicates.
"""

from __future__ import annotations

import random
import time

import regex

from benchmarks.corpus import load_paragraphs
from cleaner import Pipeline

LEADS = ["据悉，", "据了解，", "另悉，", ""]
NOISE = "己已未末士土人入日曰"


_SENTENCE = regex.compile(r"[^。！？]+[。！？]*|[。！？]+")


def _shuffled(text: str, rng: random.Random) -> str:
    """``text`` with the characters of each sentence shuffled, its closing stops kept."""
    out = []
    for m in _SENTENCE.finditer(text):
        body = m.group().rstrip("。！？")
        out.append("".join(rng.sample(body, len(body))) + m.group()[len(body):])
    return "".join(out)


def _noisy(text: str, rng: random.Random) -> str:
    chars = list(text)
    k = max(1, int(len(chars) * rng.uniform(0.02, 0.04)))
    for _ in range(k):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.5:
            chars[i] = rng.choice(NOISE)
        elif op < 0.8 and len(chars) > 10:
            chars[i] = ""
        elif chars[i] == "，":
            chars[i] = ","
    return "".join(chars)


def build(n_paras: int, rng: random.Random, rate: float = 0.02) -> tuple[list[str], dict[int, str]]:
    """Paragraphs with injected duplicates; returns them and {index: kind} of the injected ones."""
    base = [p for p in load_paragraphs(min_chars=60)]
    paras: list[str] = []
    injected: dict[int, str] = {}
    while len(paras) < n_paras:
        for p in base:
            if len(paras) >= n_paras:
                break
            paras.append(p)
            if len(paras) > 10 and rng.random() < rate:
                kind = rng.choice(["exact", "noisy", "contained"])
                if kind == "contained":
                    src = paras[-1]
                    if len(src) < 120:
                        continue
                    cut = rng.randrange(10, len(src) - 60)
                    paras.append(rng.choice(LEADS) + src[cut:])
                else:
                    src = paras[rng.randrange(max(0, len(paras) - 200), len(paras) - 1)]
                    paras.append(src if kind == "exact" else _noisy(src, rng))
                injected[len(paras) - 1] = kind
        # Later rounds (only the scale run needs them) shuffle the characters of each
        # sentence, its stop kept: new text with the same statistics and structure.
        base = [_shuffled(p, rng) for p in base]
    return paras, injected


def measure(n_paras: int, seed: int = 11) -> dict[str, float]:
    rng = random.Random(seed)
    paras, injected = build(n_paras, rng)
    text = "\n\n".join(paras) + "\n"
    starts = []
    pos = 0
    for p in paras:
        starts.append(pos)
        pos += len(p) + 2
    t0 = time.perf_counter()
    result = Pipeline(["dedup"]).run(text)
    seconds = time.perf_counter() - t0
    removed = set()
    joins = 0
    import bisect
    for e in result.edits:
        if "dedup.removed" in e.rule:
            # The removed block starts after the separator the edit also takes.
            k = bisect.bisect_right(starts, e.start + 2) - 1
            removed.add(k)
        elif e.rule.startswith("rejoin.join"):
            joins += 1
    hits = removed & set(injected)
    corpus_repeats = removed - set(injected)
    by_kind = {kind: (sum(1 for i in injected if injected[i] == kind and i in removed),
                      sum(1 for i in injected if injected[i] == kind)) for kind in ("exact", "noisy", "contained")}
    return {"paragraphs": len(paras), "mb": len(text.encode("utf-8")) / 1e6, "seconds": seconds,
            "injected": len(injected), "hits": len(hits), "other": len(corpus_repeats), "by_kind": by_kind,
            "joins": joins}


def run(quick: bool = False) -> str:
    small = measure(5_000 if quick else 12_000)
    big = measure(20_000 if quick else 100_000)
    kinds = small["by_kind"]
    recall = small["hits"] / small["injected"]
    lines = [
        "## dedup: injected duplicates and scale",
        "",
        f"{small['paragraphs']:,} paragraphs of news text with {small['injected']} injected copies "
        "(exact; noisy with 2-4% of characters changed; contained: a lead-in plus the tail of the "
        "paragraph before).",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| precision (removals that hit an injected copy) | "
        f"{small['hits'] / max(1, small['hits'] + small['other']):.3f} |",
        f"| recall, all injected copies | {recall:.3f} ({small['hits']} of {small['injected']}) |",
        *[f"| recall, {k} | {a / b:.3f} ({a} of {b}) |" for k, (a, b) in kinds.items() if b],
        f"| removals of paragraphs that were not injected (true repeats in the corpus, or errors) | {small['other']} |",
        f"| joins of what the removals left (rejoin's, made by the pass) | {small['joins']} |",
        "",
        f"Scale: {big['paragraphs']:,} paragraphs ({big['mb']:.1f} MB) in one document: "
        f"{big['seconds']:.1f} s ({big['mb'] / big['seconds']:.1f} MB/s); {small['paragraphs']:,} paragraphs: "
        f"{small['seconds']:.1f} s. Time per paragraph, large over small: "
        f"{(big['seconds'] / big['paragraphs']) / (small['seconds'] / small['paragraphs']):.2f} (1.00 = linear).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    print(run())
