"""The pipeline: named passes run in a documented order.

Each pass lives in ``cleaner/passes/<name>.py`` and exposes three things:

``Options``
    a frozen dataclass, one field per option, with documented defaults;
``run(text, options) -> list[Edit]``
    pure: text in, edits out (no I/O, no global state beyond cached resources);
``NAME``
    the pass's name, one of :data:`ORDER`.

and may offer ``rewrite(text, options) -> str``, the text its edits make, at
less cost: the pipeline calls it when nobody reads the edits
(``run(text, edits=False)``, ``Pipeline(...)(text)``).

Modules are imported lazily, so ``cleaner --version`` does not pay for
OpenCC or dictionaries.

Why this order (it is load-bearing):

1. ``normalize`` first: every later rule sees NFC text with one kind of line
   break and no invisible characters.
2. ``convert`` to Simplified runs right after ``normalize`` when its OpenCC
   config targets Simplified (``t2s``, ``hk2s`` …), so that the dictionaries,
   which are Simplified, see Simplified text; a conversion to Traditional
   runs last, after every pass that relies on them.
3. ``rejoin`` before ``dedup``: duplicates are judged on whole paragraphs, not
   on the fragments a page break left.
4. ``dedup`` before ``punctuation`` and ``typos``: no effort is spent on text
   that is removed, and removals are reported in the input's own characters.
5. ``punctuation`` before ``typos``: dictionary terms are written with
   full-width punctuation.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, fields
from types import ModuleType
from typing import Any, Literal, Mapping, Sequence

from .edits import Edit, OffsetMap, apply_edits, locate
from .errors import CleanerError, ConfigError, DocumentTooLarge, PassError
from .text import paragraph_style, paragraphs, separator

#: Every pass, in default order (``convert`` may move; see module doc). Each has a
#: module ``cleaner.passes.<name>`` and is in the default pipeline.
ORDER: tuple[str, ...] = ("normalize", "rejoin", "dedup", "punctuation", "typos", "convert")

#: The same tuple under its older name (every pass is available).
AVAILABLE = ORDER

ParagraphSep = Literal["keep", "blank", "newline"]

#: Top-level configuration keys (besides one table per pass).
TOP_LEVEL_KEYS = ("passes", "only", "skip", "paragraph_sep", "max_document_bytes", "max_document_lines")


def pass_module(name: str) -> ModuleType:
    """The module implementing pass ``name``.

    >>> pass_module("normalize").NAME
    'normalize'
    """
    _check_name(name)
    return importlib.import_module(f"cleaner.passes.{name}")


def make_options(name: str, values: Mapping[str, Any] | None) -> Any:
    """Build pass ``name``'s ``Options`` from a mapping, checking names and types.

    >>> make_options("normalize", {}).nfc
    True
    >>> make_options("normalize", {"colour": 1})
    Traceback (most recent call last):
    ...
    cleaner.errors.ConfigError: unknown option 'colour' for pass 'normalize'; options are: nfc, indentation
    """
    cls = pass_module(name).Options
    known = {f.name: f for f in fields(cls)}
    values = dict(values or {})
    for key, value in values.items():
        if key not in known:
            raise ConfigError(
                f"unknown option {key!r} for pass {name!r}; options are: {', '.join(known) or '(none)'}")
        default = cls().__getattribute__(key)
        if default is not None and not _same_kind(default, value):
            raise ConfigError(
                f"option {name}.{key} expects {type(default).__name__}, got {value!r}")
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad options for pass {name!r}: {exc}") from None


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (tuple, list)):
        return isinstance(value, (tuple, list))
    return isinstance(value, type(default))


@dataclass(frozen=True)
class Result:
    """The outcome of a run: the cleaned ``text`` and every ``edit``, in pass order."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    source: str = ""

    @property
    def changed(self) -> bool:
        """True when the text differs from the input."""
        return self.text != self.source

    def by_pass(self) -> dict[str, int]:
        """Number of edits per pass.

        >>> Pipeline(["normalize"]).run("a \\n").by_pass()
        {'normalize': 1}
        """
        counts: dict[str, int] = {}
        for e in self.edits:
            counts[e.pass_name] = counts.get(e.pass_name, 0) + 1
        return counts


class Pipeline:
    """Run chosen passes, in the default order, with per-pass options.

    >>> p = Pipeline(["normalize"])
    >>> r = p.run("第一段\\r\\n")
    >>> r.text
    '第一段\\n'
    >>> [(e.pass_name, e.reason) for e in r.edits]
    [('normalize', 'CR/CRLF line break to LF')]

    ``passes`` defaults to every available pass; ``skip`` removes some;
    ``options`` maps a pass name to its options; ``paragraph_sep`` forces
    paragraphs to be separated by a blank line or a single line break
    (``"keep"``, the default, keeps the input's style). ``max_document_bytes``
    refuses a longer text (its UTF-8 size), and ``max_document_lines`` a text of
    more lines, with :class:`~cleaner.errors.DocumentTooLarge` before any pass runs
    (memory grows with both: see the README).
    """

    def __init__(
        self,
        passes: Sequence[str] | None = None,
        *,
        skip: Sequence[str] = (),
        options: Mapping[str, Mapping[str, Any]] | None = None,
        paragraph_sep: ParagraphSep = "keep",
        max_document_bytes: int | None = None,
        max_document_lines: int | None = None,
    ) -> None:
        options = dict(options or {})
        for name in list(passes or ()) + list(skip) + list(options):
            _check_name(name)
        chosen = [p for p in (passes if passes is not None else ORDER) if p not in skip]
        for name in options:  # options of a pass that is skipped are still checked
            if name not in chosen:
                make_options(name, options[name])
        if paragraph_sep not in ("keep", "blank", "newline"):
            raise ConfigError(f"paragraph_sep must be keep, blank or newline, not {paragraph_sep!r}")
        self.options = {name: make_options(name, options.get(name)) for name in chosen}
        self.passes: list[str] = _resolve_order(chosen, self.options)
        self.paragraph_sep: ParagraphSep = paragraph_sep
        self.max_document_bytes = _limit("max_document_bytes", max_document_bytes)
        self.max_document_lines = _limit("max_document_lines", max_document_lines)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "Pipeline":
        """Build from a mapping shaped like the TOML config file.

        >>> Pipeline.from_config({"only": ["normalize"]}).passes
        ['normalize']
        """
        config = dict(config)
        passes = config.pop("passes", None) or config.pop("only", None)
        skip = config.pop("skip", ())
        sep = config.pop("paragraph_sep", "keep")
        limits = {key: config.pop(key) for key in ("max_document_bytes", "max_document_lines") if key in config}
        for key, value in config.items():
            if key not in ORDER:
                raise ConfigError(
                    f"unknown configuration key {key!r}; keys are: {', '.join(TOP_LEVEL_KEYS + ORDER)}")
            if not isinstance(value, Mapping):
                raise ConfigError(f"options of pass {key!r} must be a table of option = value")
        return cls(passes, skip=skip, options=config, paragraph_sep=sep, **limits)

    def run(self, text: str, *, edits: bool = True) -> Result:
        """Clean ``text``; return the result with every edit located in the input.

        With ``edits=False`` the result carries no edits (the text is the same):
        less memory and time for a caller that only wants the text. A pass that
        raises is reported as a :class:`~cleaner.errors.PassError` naming it
        (nothing is returned, so there is no partial output).

        >>> import cleaner.passes.punctuation as punctuation
        >>> def broken(text, options): raise IndexError("list index out of range")
        >>> real, punctuation.run = punctuation.run, broken
        >>> try:
        ...     Pipeline(["normalize", "punctuation"]).run("中文,")
        ... except PassError as exc:
        ...     print(exc.pass_name, "|", exc)
        ... finally:
        ...     punctuation.run = real
        punctuation | pass punctuation failed: IndexError: list index out of range
        """
        self._check_size(text)
        source = text
        maps: list[OffsetMap] = []
        all_edits: list[Edit] = []
        text, unsettled = self._round(text, source, maps, all_edits, edits)
        for _ in range(_SETTLE_ROUNDS):
            if not unsettled:
                break
            # typos changed the text after the passes that judge it (a fix changes a
            # line's length, a word across its end): the passes run again on their output.
            text, unsettled = self._round(text, source, maps, all_edits, edits)
        if self.paragraph_sep != "keep":
            text, kept = apply_edits(text, relayout(text, self.paragraph_sep))
            if edits:
                all_edits.extend(locate(kept, maps, source))
        return Result(text, all_edits, source)

    def _round(self, text: str, source: str, maps: list[OffsetMap], all_edits: list[Edit],
               edits: bool) -> tuple[str, bool]:
        """Run the passes on ``text`` once: the text, and whether a pass whose changes the
        passes before it judge (:data:`_UNSETTLING`, after one of :data:`_JUDGES`) changed it."""
        unsettled = False
        judged = False
        for name in self.passes:
            module = pass_module(name)
            before = text
            try:
                if not edits and hasattr(module, "rewrite"):
                    text = module.rewrite(text, self.options[name])
                else:
                    proposed = module.run(text, self.options[name])
                    text, kept = apply_edits(text, proposed)
                    if kept and edits:
                        all_edits.extend(locate(kept, maps, source))
                        maps.append(OffsetMap(kept))
                    del proposed, kept  # a pass's edits are not held while the next pass runs
            except CleanerError:
                raise
            except Exception as exc:
                raise PassError(name, exc) from exc
            judged = judged or name in _JUDGES
            unsettled = unsettled or (judged and name in _UNSETTLING and text != before)
        return text, unsettled

    def _check_size(self, text: str) -> None:
        lines = self.max_document_lines
        if lines is not None and len(text) > lines and (count := text.count("\n") + (not text.endswith("\n"))) > lines:
            raise DocumentTooLarge(count, lines, "lines")
        limit = self.max_document_bytes
        if limit is None or len(text) * 4 <= limit:  # at most 4 bytes a character
            return
        size = len(text) if len(text) > limit else len(text.encode("utf-8", "surrogatepass"))
        if size > limit:
            raise DocumentTooLarge(size, limit)

    def __call__(self, text: str) -> str:
        return self.run(text, edits=False).text

    def __repr__(self) -> str:
        return f"Pipeline({self.passes!r}, paragraph_sep={self.paragraph_sep!r})"


#: Passes whose changes the structural passes before them judge but do not foresee (rejoin
#: reads a line as punctuation will print it, not as typos will fix it), and those passes.
_UNSETTLING = frozenset({"typos"})
_JUDGES = frozenset({"rejoin", "dedup", "punctuation"})
#: Extra rounds of the passes at most, while an unsettling pass still changes the text.
_SETTLE_ROUNDS = 2


def _limit(name: str, value: object) -> int | None:
    """A document limit as given: ``None`` (no limit) or a whole number of at least 1."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}")
    return value


def _check_name(name: str) -> None:
    if name not in ORDER:
        raise ConfigError(f"unknown pass {name!r}; passes are: {', '.join(ORDER)}")


def _resolve_order(chosen: Sequence[str], options: Mapping[str, Any]) -> list[str]:
    order = [p for p in ORDER if p in chosen]
    conv = options.get("convert")
    if conv is not None and getattr(conv, "targets_simplified", False) and "convert" in order:
        order.remove("convert")
        order.insert(1 if order[:1] == ["normalize"] else 0, "convert")
    return order


def relayout(text: str, style: Literal["blank", "newline"]) -> list[Edit]:
    """Edits that put exactly one ``style`` separator between paragraphs.

    >>> from cleaner.edits import apply_edits
    >>> apply_edits("a\\n\\nb", relayout("a\\n\\nb", "newline"))[0]
    'a\\nb'
    """
    blocks = paragraphs(text)
    sep = separator(style)
    edits = []
    for prev, nxt in zip(blocks, blocks[1:]):
        if text[prev.end:nxt.start] != sep:
            edits.append(Edit("layout", f"paragraph separator ({style})", prev.end, nxt.start,
                              text[prev.end:nxt.start], sep, rule="layout.separator"))
    return edits


def clean(text: str, **config: Any) -> str:
    """Clean ``text`` with the default pipeline; keyword options as in the config file.

    >>> clean("第一段\\u200b文字  \\r\\n")
    '第一段文字\\n'
    >>> clean("a\\n\\nb", paragraph_sep="newline", only=["normalize"])
    'a\\nb'

    Per-pass options go in a mapping named after the pass, e.g.
    ``clean(text, normalize={"nfc": False})``.
    """
    return Pipeline.from_config(config).run(text).text


__all__ = ["ORDER", "AVAILABLE", "Pipeline", "Result", "clean", "make_options", "relayout",
           "paragraph_style"]
