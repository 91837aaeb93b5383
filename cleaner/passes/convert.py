"""The ``convert`` pass: Traditional/Simplified conversion with OpenCC.

Off unless a configuration is given (``--convert t2s``). Any OpenCC
configuration works: ``s2t``, ``t2s``, ``s2tw``, ``tw2s``, ``s2twp``,
``tw2sp``, ``s2hk``, ``hk2s``, ``t2tw``, ``t2hk``, ``tw2t``, ``hk2t``,
``t2jp``, ``jp2t``, ``s2hkp``, ``hk2sp``. A converter is built once per
configuration and reused.

Edits are the smallest changed spans, line by line, so ``--explain`` shows
``漢`` → ``汉`` rather than a whole paragraph. The text is converted in one
OpenCC call and the edits are found by comparing the two texts.

A conversion *to* Simplified runs right after ``normalize`` (the dictionaries
of the later passes are Simplified); see :mod:`cleaner.pipeline`.

>>> from cleaner.pipeline import Pipeline
>>> Pipeline(["convert"], options={"convert": {"config": "t2s"}})("漢字轉換。")
'汉字转换。'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..edits import Edit, make_edit
from ..errors import ConfigError
from ..kernels import diff_spans
from ..text import lines_at

NAME = "convert"
RULE = "convert.opencc"

#: OpenCC configurations and whether each produces Simplified Chinese.
CONFIGS: dict[str, bool] = {
    "s2t": False, "t2s": True, "s2tw": False, "tw2s": True, "s2twp": False, "tw2sp": True,
    "s2hk": False, "hk2s": True, "t2tw": False, "t2hk": False, "tw2t": False, "hk2t": False,
    "t2jp": False, "jp2t": False, "s2hkp": False, "hk2sp": True,
}


@dataclass(frozen=True)
class Options:
    """Options of the ``convert`` pass.

    config: an OpenCC configuration name such as ``"t2s"`` (default ``None``:
        the pass does nothing).
    """

    config: str | None = None

    def __post_init__(self) -> None:
        if self.config is not None:
            name = self.config.removesuffix(".json")
            if name not in CONFIGS:
                raise ConfigError(f"unknown OpenCC configuration {self.config!r}; "
                                  f"configurations are: {', '.join(sorted(CONFIGS))}")
            object.__setattr__(self, "config", name)

    @property
    def targets_simplified(self) -> bool:
        """True when the conversion produces Simplified Chinese.

        >>> Options("t2s").targets_simplified, Options("s2t").targets_simplified
        (True, False)
        """
        return self.config is not None and CONFIGS[self.config]


@lru_cache(maxsize=None)
def converter(config: str) -> Any:
    """The OpenCC converter for ``config``, built once."""
    import opencc
    return opencc.OpenCC(f"{config}.json")


def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits converting ``text`` with OpenCC.

    The whole text is converted in one call. A conversion is almost always
    one-to-one by character, so the edits come from comparing the two texts
    position by position (:func:`cleaner.kernels.diff_spans`); only where a
    phrase changes length does a line need aligning (:func:`_changed`). The
    edits are the same as converting line by line: no OpenCC phrase spans a
    line break.

    >>> [(e.before, e.after) for e in run("滑鼠", Options("tw2sp"))]
    [('滑鼠', '鼠标')]
    >>> [(e.start, e.before, e.after) for e in run("漢字\\n轉換", Options("t2s"))]
    [(0, '漢', '汉'), (3, '轉換', '转换')]
    """
    out = rewrite(text, options)
    if out == text:
        return []
    reason = f"OpenCC {options.config}"
    spans = diff_spans(text, out)
    if spans is not None:  # every line kept its length
        return [make_edit(NAME, text, a, b, out[a:b], reason, rule=RULE) for a, b in spans]
    lines, converted = text.split("\n"), out.split("\n")
    edits: list[Edit] = []
    for (pos, line), new in zip(lines_at(text), converted):
        if new != line:
            edits.extend(make_edit(NAME, text, pos + a, pos + b, new[c:d], reason, rule=RULE)
                         for a, b, c, d in _changed(line, new))
    return edits


def rewrite(text: str, options: Options = Options()) -> str:
    """``text`` converted: what the edits of :func:`run` make of it, in one OpenCC call
    (the pipeline calls this when nobody reads the edits).

    >>> rewrite("漢字\\n轉換", Options("t2s"))
    '汉字\\n转换'
    """
    if options.config is None or not text:
        return text
    conv = converter(options.config)
    out = conv.convert(text)
    if out.count("\n") != text.count("\n"):  # never seen: OpenCC changed a line break
        out = "\n".join(conv.convert(line) for line in text.split("\n"))
    return out


def _changed(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed spans between ``a`` and its conversion ``b``: (a_start, a_end, b_start, b_end).

    >>> _changed("滑鼠墊", "鼠标垫")
    [(0, 3, 0, 3)]
    >>> _changed("中文滑鼠", "中文鼠标器")
    [(2, 3, 2, 2), (4, 4, 3, 5)]
    """
    if len(a) == len(b):
        return [(i, j, i, j) for i, j in diff_spans(a, b) or ()]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
