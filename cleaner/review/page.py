"""The review page: one self-contained HTML file (inline CSS, JS and data; no network).

The data of each document is JSON in a ``<script type="application/json">``
element: its edits (pass, rule, reason, score, offsets, what each depends
on, the other half of a move, the paragraph a removed block repeats) and
its text as *chunks* (about a paragraph each) of runs from the
:mod:`trace <cleaner.review.trace>`. The page renders a chunk only when it
comes near the viewport, so a long document opens at once.

>>> from cleaner.pipeline import Pipeline
>>> doc = document_data("a.txt", "中文,<b>&", Pipeline(["punctuation"]).run("中文,<b>&"))
>>> doc["chunks"]
[['中文', [',', -1, 0], ['，', 0, -1], '<b>&']]
>>> page = render_page([doc])
>>> "<b>" in page, "\\\\u003cb\\\\u003e\\\\u0026" in page
(False, True)
"""

from __future__ import annotations

import hashlib
import html
import json
from importlib import resources
from typing import Any, Sequence

import regex

from .. import __version__
from ..edits import Edit, apply_edits
from ..pipeline import Result
from ..text import paragraphs
from .trace import ANCHOR, KEPT, SOURCE, Run, Trace, build, moves, pass_groups

_PARAGRAPH_BREAK = regex.compile(r"\n+")
_CHUNK_CHARS = 1500      # a chunk ends at the first line break after this many characters
_CHUNK_MAX = 20000       # and is cut anyway at this size
_SHOWN = 120             # characters of before/after shown in the details of an edit
_SLOT = regex.compile(r"\{\{(title|css|js|data)\}\}")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_REPEATS = regex.compile(r"of paragraph (\d+)")


def digest(text: str) -> str:
    """The SHA-256 of ``text`` as UTF-8: what a plan checks its input against.

    >>> digest("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def repeated_paragraphs(result: Result) -> dict[int, int]:
    """For each dedup edit that names the paragraph it repeats: that paragraph's start in dedup's input.

    Dedup names the paragraph (``repeats a passage of paragraph 39``), counted
    in the text it received; this finds it there, so the page can link to it.
    """
    edits = result.edits
    found: dict[int, int] = {}
    text = result.source
    for group in pass_groups(edits):
        if edits[group[0]].pass_name == "dedup":
            blocks = None
            for i in group:
                m = _REPEATS.search(edits[i].reason) if _is_repeat_removal(edits[i]) else None
                if m:
                    blocks = blocks if blocks is not None else paragraphs(text)
                    n = int(m.group(1)) - 1
                    if 0 <= n < len(blocks):
                        found[i] = blocks[n].start
        text, _ = apply_edits(text, [edits[i] for i in group])
    return found


def _is_repeat_removal(e: Edit) -> bool:
    """A removed duplicate: by its rule id, or (edits without one) a dedup removal that is not a move."""
    if e.rule is not None:
        return e.rule.startswith("dedup.removed.")
    return e.pass_name == "dedup" and e.is_removal and not e.reason.startswith("moved")


def _kind(e: Edit, i: int, pairs: dict[int, int]) -> str:
    if i in pairs:
        return "moved-to" if e.after else "moved-from"
    if _is_repeat_removal(e):
        return "removed"
    if not e.after:
        return "delete"
    return "insert" if not e.before else "replace"


def _shown(s: str) -> str:
    return s if len(s) <= _SHOWN else s[:_SHOWN // 2] + " … " + s[-_SHOWN // 2:]


def _edit_data(trace: Trace, anchors: dict[int, int]) -> list[dict[str, Any]]:
    pairs = moves(trace)
    rows = []
    for i, e in enumerate(trace.edits):
        rows.append({
            "pass": e.pass_name, "rule": e.rule, "reason": e.reason, "score": e.score,
            "start": e.start, "end": e.end, "source_start": e.source_start, "source_end": e.source_end,
            "line": e.line, "before": _shown(e.before), "after": _shown(e.after),
            "kind": _kind(e, i, pairs), "deps": trace.deps[i], "pair": pairs.get(i),
            "orig": i if i in anchors else None,
        })
    return rows


def chunk_runs(runs: Sequence[Run]) -> list[list[Any]]:
    """Split the stream into chunks at paragraph breaks no edit touched.

    Text kept as it was is a plain string; every other run stays ``[text, ins, dele]``.

    >>> chunk_runs([("a\\n\\nb", -1, -1), ("c", 0, -1)])
    [['a\\n\\n'], ['b', ['c', 0, -1]]]
    """
    chunks: list[list[Any]] = [[]]
    size = 0
    for text, ins, dele in runs:
        if ins != SOURCE or dele != KEPT:
            chunks[-1].append([text, ins, dele])
            size += len(text)
        else:
            start = 0
            for m in _PARAGRAPH_BREAK.finditer(text):
                if len(m.group()) >= 2 or size + m.end() - start >= _CHUNK_CHARS:
                    chunks[-1].append(text[start:m.end()])
                    chunks.append([])
                    size, start = 0, m.end()
            while len(text) - start > _CHUNK_MAX:
                chunks[-1].append(text[start:start + _CHUNK_MAX])
                chunks.append([])
                size, start = 0, start + _CHUNK_MAX
            if start < len(text):
                chunks[-1].append(text[start:])
                size += len(text) - start
        if size >= _CHUNK_MAX:
            chunks.append([])
            size = 0
    return [c for c in chunks if c]


def _positions(chunks: list[list[Any]], n: int) -> tuple[list[int], list[int], list[int]]:
    """Each edit's first chunk, its anchor's chunk, and the edits in reading order."""
    first, anchor, order = [-1] * n, [-1] * n, []
    for k, chunk in enumerate(chunks):
        for item in chunk:
            if isinstance(item, str):
                continue
            _, ins, dele = item
            if ins == ANCHOR:
                anchor[dele] = k
                continue
            for i in (ins, dele):
                if i >= 0 and first[i] < 0:
                    first[i] = k
                    order.append(i)
    return first, anchor, order


def document_data(name: str, source: str, result: Result) -> dict[str, Any]:
    """Everything the page needs about one document, ready for JSON."""
    anchors = repeated_paragraphs(result)
    trace = build(result, anchors)
    edits = _edit_data(trace, anchors)
    chunks = chunk_runs(trace.runs)
    first, anchor, order = _positions(chunks, len(edits))
    for i, row in enumerate(edits):
        row["chunk"] = first[i]
        if row["orig"] is not None:
            row["orig_chunk"] = anchor[i]
    passes = list(dict.fromkeys(e.pass_name for e in result.edits))
    return {"name": name, "sha256": digest(source), "chars": len(source), "passes": passes,
            "edits": edits, "order": order, "chunks": chunks}


def _resource(name: str) -> str:
    return resources.files("cleaner.review").joinpath(name).read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, no ``<!--``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # a lone one is not UTF-8
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(documents: Sequence[dict[str, Any]], title: str = "cleaner review") -> str:
    """The HTML of the page for ``documents`` (each from :func:`document_data`)."""
    data = {"tool": f"cleaner {__version__}", "documents": list(documents)}
    parts = {"title": html.escape(_SURROGATE.sub("\ufffd", title)),
             "css": _resource("review.css"), "js": _resource("review.js"),
             "data": _script_json(data)}
    return _SLOT.sub(lambda m: parts[m.group(1)], _resource("page.html"))
