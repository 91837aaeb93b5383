"""Quality and speed of the ``rejoin`` pass on synthetic page damage.

Clean news articles (People's Daily, January 1998; see ``benchmarks.corpus``)
are laid out the way OCR returns a newspaper page, with the truth kept:

* every paragraph hard-wrapped at a column width drawn per document (14-30
  characters), paragraphs separated by blank lines;
* some paragraphs cut mid-sentence by a column break (a blank line inside);
* some cuts interrupted: a paragraph of another article sits between the two
  halves;
* headlines (title lines of the corpus) and photo credits between paragraphs.

Every line or block break of the damaged text is a decision: join (the two
sides belong to one paragraph) or keep. We report precision and recall of the
joins, and the share of true paragraphs that come out exactly. A second set
puts OCR spaces at the former line ends of one-line paragraphs (as in seed
003) and intentional spaces in headlines, and reports how many of each the
pass removes.
"""

from __future__ import annotations

import random
import time
import unicodedata

import regex

from benchmarks.corpus import articles
from cleaner import Pipeline

PIPELINE = Pipeline(["normalize", "rejoin"])
#: Typesetting never starts a line with these (they hang at the previous line's end).
_NO_LINE_START = set("。，、；：？！…”’）》")
CREDITS = ["（新华社发）", "■新华社发", "（本报记者 摄）", "（附图片）"]


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` full-width characters (half-width ones count half)."""
    lines, line, used = [], "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > 2 * width and ch not in _NO_LINE_START:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


def make_document(arts: list[list[str]], rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """Return the true paragraphs and the damaged layout (blocks of lines)."""
    width = rng.randint(14, 30)
    truth: list[str] = []
    blocks: list[list[str]] = []
    pending: list[tuple[str, list[str]]] = []  # second halves waiting for an interruption
    for art in arts:
        for k, para in enumerate(art):
            para = para.strip()
            if not para:
                continue
            truth.append(para)
            is_title = k == 0 or (len(para) < 30 and not para.endswith(("。", "！", "？", "”")))
            if is_title:
                blocks.append([para])
                continue
            lines = _wrap(para, width)
            # A column break falls at a line end, inside the paragraph.
            cut = rng.randint(1, len(lines) - 1) if len(lines) > 1 and rng.random() < 0.25 else None
            if cut is None:
                blocks.append(lines)
            else:
                blocks.append(lines[:cut])
                rest = lines[cut:]
                if rng.random() < 0.3:
                    pending.append((para, rest))  # continues after some other text
                else:
                    blocks.append(rest)
            if rng.random() < 0.05:
                credit = rng.choice(CREDITS)
                truth.append(credit)
                blocks.append([credit])
            while pending and rng.random() < 0.5:
                blocks.append(pending.pop(0)[1])
    for _, rest in pending:
        blocks.append(rest)
    return truth, blocks


def _decisions(blocks: list[list[str]], truth: list[str], out: str) -> tuple[int, int, int]:
    """(true joins made, joins made, joins needed) over every break of the layout."""
    pieces = [line for block in blocks for line in block]
    owner: list[int] = []  # index of the true paragraph each piece belongs to
    cursor = {i: 0 for i in range(len(truth))}
    for piece in pieces:
        found = -1
        for i, para in enumerate(truth):
            if piece in para[cursor[i]:] or piece == para:
                found = i
                break
        owner.append(found)
    out_paras = [p for p in regex.split(r"\n\s*\n", out) if p.strip()]
    where: list[int] = []
    for piece in pieces:
        hit = [i for i, p in enumerate(out_paras) if piece in p]
        where.append(hit[0] if len(hit) == 1 else -1)
    tp = made = needed = 0
    for a in range(len(pieces) - 1):
        b = a + 1
        should = owner[a] == owner[b] and owner[a] >= 0
        did = where[a] == where[b] and where[a] >= 0
        needed += should
        made += did
        tp += should and did
    return tp, made, needed


def run(quick: bool = False) -> str:
    rng = random.Random(1998)
    arts = [a for a in articles(400 if quick else 3000) if len(a) >= 3]
    docs = 40 if quick else 400
    tp = made = needed = exact = raw_exact = total = 0
    chars = 0
    seconds = 0.0
    for d in range(docs):
        pick = rng.sample(arts, 2)
        truth, blocks = make_document(pick, rng)
        damaged = "\n\n".join("\n".join(b) for b in blocks) + "\n"
        t0 = time.perf_counter()
        out = PIPELINE(damaged)
        seconds += time.perf_counter() - t0
        chars += len(damaged.encode("utf-8"))
        a, b, c = _decisions(blocks, truth, out)
        tp, made, needed = tp + a, made + b, needed + c
        got = {p.strip() for p in regex.split(r"\n\s*\n", out)}
        raw = {"".join(b) for b in blocks}
        exact += sum(p in got for p in truth)
        raw_exact += sum(p in raw for p in truth)
        total += len(truth)

    # OCR spaces at former line ends versus intentional spaces in headlines.
    ocr_spaces = removed = kept_ok = intentional = 0
    for d in range(docs):
        art = rng.choice(arts)
        paras = [p for p in art[1:] if len(p) > 40][:6]
        if not paras:
            continue
        width = rng.randint(14, 30)
        spaced = []
        for p in paras:
            parts = _wrap(p, width)
            joined = parts[0]
            for part in parts[1:]:
                if regex.match(r"\p{Han}", part) and regex.search(r"\p{Han}$", joined):
                    joined += " " + part
                    ocr_spaces += 1
                else:
                    joined += part
            spaced.append(joined)
        title = art[0][:12] + " " + art[0][12:24] if len(art[0]) > 16 else art[0]
        intentional += title.count(" ")
        out = PIPELINE(title + "\n\n" + "\n\n".join(spaced) + "\n")
        first, _, body = out.partition("\n\n")
        kept_ok += min(first.count(" "), title.count(" "))
        removed += ocr_spaces and sum(p.count(" ") for p in spaced) - body.count(" ")
    precision = tp / made if made else 1.0
    recall = tp / needed if needed else 1.0
    lines = [
        "## rejoin: synthetic page damage",
        "",
        f"{docs} documents of two interleaved articles each (wrapped at 14-30 characters; 25% of "
        "paragraphs of two or more lines cut by a column break at a line end, 30% of those interrupted by other text; headlines and "
        "credits kept as their own paragraphs).",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| join decisions: precision | {precision:.3f} |",
        f"| join decisions: recall | {recall:.3f} |",
        f"| paragraphs restored exactly (raw layout, lines concatenated per block) | {raw_exact / total:.3f} |",
        f"| paragraphs restored exactly (cleaned) | {exact / total:.3f} |",
        f"| OCR spaces at former line ends removed | {removed / max(1, ocr_spaces):.3f} ({removed} of {ocr_spaces}) |",
        f"| intentional headline spaces kept | {kept_ok / max(1, intentional):.3f} ({kept_ok} of {intentional}) |",
        f"| speed (normalize + rejoin) | {chars / seconds / 1e6:.2f} MB/s |",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    print(run())
