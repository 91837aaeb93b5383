"""Recorded outputs: the seeds and generated OCR-shaped documents, cleaned.

A restructuring or a speed-up must not change what the cleaner does. This
module builds a fixed sample of inputs (the seeds under every pass alone and
the default pipeline, plus documents made from seed paragraphs with the damage
OCR does: wraps at several widths, cuts, spaces, ASCII marks, shuffled order)
and records the output text and edits of each. ``tests/test_golden.py``
compares a fresh run with the record.

The record holds a digest of each output and of its edits (and the edit count
per pass, to read a failure by), so it stays small. A change of behaviour that
is meant (a rule added, a bug fixed) re-records it::

    python -m tests.golden            # rewrites tests/data/golden.jsonl
    python -m tests.golden --dump DIR # every output and its edits in full, to diff
                                      # against a dump made at an older commit

and the commit says why the outputs changed. The ``rule`` field of an edit is
left out, so that adding rule ids changes nothing here.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "data" / "golden.jsonl"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

#: (name, configuration) of the runs on every seed.
SEED_RUNS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("default", {}),
    ("normalize", {"only": ["normalize"]}),
    ("rejoin", {"only": ["normalize", "rejoin"]}),
    ("dedup", {"only": ["dedup"]}),
    ("punctuation", {"only": ["punctuation"]}),
    ("typos", {"only": ["typos"]}),
    ("convert", {"only": ["convert"], "convert": {"config": "s2t"}}),
)
GENERATED = 160
_ASCII = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")", "“": '"', "”": '"'}


def _paragraphs() -> list[str]:
    paras: list[str] = []
    for path in SEEDS:
        for block in path.read_text(encoding="utf-8").split("\n"):
            if block.strip():
                paras.append(block.strip())
    return paras


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def generated_document(k: int, paras: list[str]) -> str:
    """Document ``k``: seed paragraphs shuffled and damaged as OCR damages a page."""
    rng = random.Random(k)
    picked = rng.sample(paras, min(len(paras), rng.randint(2, 9)))
    width = rng.choice((14, 18, 22, 25, 30, 40))
    blocks: list[str] = []
    for p in picked:
        if rng.random() < 0.3:
            p = "".join(_ASCII.get(c, c) if rng.random() < 0.5 else c for c in p)
        if rng.random() < 0.2:
            i = rng.randrange(len(p))
            p = p[:i] + " " + p[i:]
        lines = _wrap(p, width) if rng.random() < 0.8 else [p]
        if len(lines) > 2 and rng.random() < 0.3:
            cut = rng.randrange(1, len(lines))
            blocks.append("\n".join(lines[:cut]))
            blocks.append("\n".join(lines[cut:]))
        else:
            blocks.append("\n".join(lines))
    if len(blocks) > 3 and rng.random() < 0.25:
        i = rng.randrange(1, len(blocks) - 1)
        blocks.insert(i + 1, blocks[i])
    sep = "\n\n" if rng.random() < 0.8 else "\n"
    return sep.join(blocks) + "\n"


def cases() -> Iterator[tuple[str, dict[str, Any], str]]:
    """(name, configuration, input) of every recorded run, in a fixed order."""
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for run, config in SEED_RUNS:
            yield f"{path.name[:3]}/{run}", config, text
    paras = _paragraphs()
    for k in range(GENERATED):
        doc = generated_document(k, paras)
        yield f"gen{k:03d}/default", {}, doc
        yield f"gen{k:03d}/rejoin", {"only": ["normalize", "rejoin"]}, doc


def outcome(config: dict[str, Any], text: str) -> dict[str, Any]:
    """What the pipeline makes of ``text``: output and edits, or the exception it raised."""
    import cleaner
    try:
        result = cleaner.Pipeline.from_config(config).run(text)
    except Exception as exc:  # recorded, so that a crash that goes away shows up too
        return {"error": type(exc).__name__}
    edits = []
    for e in result.edits:
        d = e.to_dict()
        d.pop("rule", None)
        edits.append(d)
    return {"text": result.text, "edits": edits}


def _digest(value: Any) -> str:
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
    return hashlib.sha256(blob).hexdigest()[:20]


def summary(name: str, got: dict[str, Any]) -> dict[str, Any]:
    """The recorded form of an outcome: digests and the edit count per pass."""
    if "error" in got:
        return {"name": name, "error": got["error"]}
    per_pass: dict[str, int] = {}
    for e in got["edits"]:
        per_pass[e["pass"]] = per_pass.get(e["pass"], 0) + 1
    return {"name": name, "text": _digest(got["text"]), "edits": _digest(got["edits"]), "per_pass": per_pass}


def load() -> list[dict[str, Any]]:
    with open(RECORD, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main(argv: list[str]) -> int:
    dump = Path(argv[argv.index("--dump") + 1]) if "--dump" in argv else None
    rows = []
    for name, config, text in cases():
        got = outcome(config, text)
        rows.append(summary(name, got))
        if dump is not None:
            out = dump / name.replace("/", "_")
            out.parent.mkdir(parents=True, exist_ok=True)
            Path(f"{out}.txt").write_text(got.get("text", got.get("error", "")), encoding="utf-8")
            Path(f"{out}.edits.jsonl").write_text("".join(
                json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in got.get("edits", [])),
                encoding="utf-8")
    if dump is not None:
        print(f"dumped {len(rows)} runs into {dump}")
        return 0
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    RECORD.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows),
                      encoding="utf-8")
    errors = sum(1 for r in rows if "error" in r)
    print(f"recorded {len(rows)} runs ({errors} raised) in {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
