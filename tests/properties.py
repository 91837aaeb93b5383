"""The properties every input must satisfy, checked on the pipeline and on each pass alone.

:func:`violations` runs the default pipeline and every pass alone
(``Pipeline([name])``) on one text and returns what went wrong, as
``(property, detail)`` pairs; an empty list means the text passed. The
property names are those the fuzz test and ``python -m benchmarks fuzz``
report:

``raises``
    the pipeline or a pass raised;
``idempotent``
    a second run changed the output of the first;
``replay``
    replaying the edits on the input, pass by pass in pipeline order (each
    pass's offsets are in that pass's input), does not give the output;
``logged``
    a character of the input is missing from the output more times than
    edits' ``before`` hold it: text was lost unlogged;
``invented``
    the output holds a character more times than the input and the edits'
    ``after`` together: text appeared from nowhere;
``rewrite``
    the text made when nobody reads the edits (``Pipeline(...)(text)``, which
    calls a pass's ``rewrite`` where it has one) is not the text of the edits;
``located``
    an edit of the first pass that changed the text, in its first round (the
    edits before any other pass's), does not find its ``before`` at its
    ``source_start:source_end`` in the input.

Each name is suffixed with where it failed: ``:pipeline`` or ``:<pass>``.

>>> violations("第一段。\\n")
[]
"""

from __future__ import annotations

import traceback
from collections import Counter
from functools import lru_cache
from itertools import groupby

from cleaner import Pipeline, Result
from cleaner.edits import OverlapError, apply_edits
from cleaner.pipeline import pass_module

PROPERTIES = ("raises", "idempotent", "replay", "logged", "invented", "rewrite", "located")


@lru_cache(maxsize=None)
def pipeline(name: str | None = None) -> Pipeline:
    """The default pipeline (``name`` None) or one pass alone."""
    return Pipeline() if name is None else Pipeline([name])


def targets() -> list[str | None]:
    """What is checked: the pipeline (None), then each of its passes alone."""
    return [None, *pipeline().passes]


def _rewrites(p: Pipeline) -> bool:
    """A pass of ``p`` makes its text without edits when nobody reads them."""
    return any(hasattr(pass_module(name), "rewrite") for name in p.passes)


def _where(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__}: {exc} ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})"


def replayed(text: str, result: Result) -> str:
    """``text`` with ``result``'s edits applied pass by pass, in the order the passes ran."""
    for _, group in groupby(result.edits, key=lambda e: e.pass_name):
        text, _ = apply_edits(text, list(group))
    return text


def accounting(text: str, result: Result) -> list[tuple[str, str]]:
    """Violations of ``replay``, ``logged``, ``invented`` and ``located`` by one result."""
    found: list[tuple[str, str]] = []
    try:
        again = replayed(text, result)
        if again != result.text:
            found.append(("replay", f"replay gives {again!r}, output is {result.text!r}"))
    except OverlapError as exc:
        found.append(("replay", str(exc)))
    before = Counter("".join(e.before for e in result.edits))
    after = Counter("".join(e.after for e in result.edits))
    have, out = Counter(text), Counter(result.text)
    lost = sorted(c for c in have if have[c] - out[c] > before[c])
    if lost:
        found.append(("logged", f"lost without an edit: {''.join(lost)!r}"))
    new = sorted(c for c in out if out[c] - have[c] > after[c])
    if new:
        found.append(("invented", f"from no input and no edit: {''.join(new)!r}"))
    # Only the edits before any other pass's read the input itself; a later round's
    # edits of the same pass read text that earlier edits changed.
    first = next(groupby(result.edits, key=lambda e: e.pass_name), (None, iter(())))[1]
    for e in first:
        if text[e.source_start:e.source_end] != e.before:
            found.append(("located", f"{e.pass_name} edit {e.before!r} at {e.source_start}:{e.source_end}"))
            break
    return found


def violations(text: str, only: list[str | None] | None = None) -> list[tuple[str, str]]:
    """Every property ``text`` violates, on the pipeline and on each pass alone (or ``only`` those)."""
    found: list[tuple[str, str]] = []
    for name in targets() if only is None else only:
        where = name or "pipeline"
        p = pipeline(name)
        try:
            result = p.run(text)
            twice = p.run(result.text).text
            fast = p(text) if _rewrites(p) else result.text
        except Exception as exc:  # a crash is what we look for
            found.append((f"raises:{where}", _where(exc)))
            continue
        if fast != result.text:
            found.append((f"rewrite:{where}", f"edits make {result.text!r}, the text path {fast!r}"))
        if twice != result.text:
            found.append((f"idempotent:{where}", f"once {result.text!r}, twice {twice!r}"))
        found.extend((f"{prop}:{where}", detail) for prop, detail in accounting(text, result))
    return found
