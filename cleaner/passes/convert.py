"""The ``convert`` pass: Traditional/Simplified conversion with OpenCC.

Off unless a configuration is given (``--convert t2s``). Any OpenCC
configuration works: ``s2t``, ``t2s``, ``s2tw``, ``tw2s``, ``s2twp``,
``tw2sp``, ``s2hk``, ``hk2s``, ``t2tw``, ``t2hk``, ``tw2t``, ``hk2t``,
``t2jp``, ``jp2t``, ``s2hkp``, ``hk2sp``. A converter is built once per
configuration and reused.

Edits are the smallest changed spans, line by line, so ``--explain`` shows
``漢`` → ``汉`` rather than a whole paragraph.

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
from ..text import lines_at

NAME = "convert"

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

    >>> [(e.before, e.after) for e in run("滑鼠", Options("tw2sp"))]
    [('滑鼠', '鼠标')]
    """
    if options.config is None or not text:
        return []
    conv = converter(options.config)
    reason = f"OpenCC {options.config}"
    edits: list[Edit] = []
    for pos, line in lines_at(text):
        if line:
            out = conv.convert(line)
            if out != line:
                edits.extend(make_edit(NAME, text, pos + a, pos + b, out[c:d], reason, rule="convert.opencc")
                             for a, b, c, d in _changed(line, out))
    return edits


def _changed(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Changed spans between ``a`` and its conversion ``b``: (a_start, a_end, b_start, b_end)."""
    if len(a) == len(b):
        spans: list[tuple[int, int, int, int]] = []
        i = 0
        n = len(a)
        while i < n:
            if a[i] == b[i]:
                i += 1
                continue
            j = i
            while j < n and a[j] != b[j]:
                j += 1
            spans.append((i, j, i, j))
            i = j
        return spans
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
