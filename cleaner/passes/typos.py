"""The ``typos`` pass: known OCR typos, and near misses of known terms.

Precision first: a correct word is never "fixed". Two sources of fixes:

known typos (``dictionaries/typos.tsv``)
    ``wrong → right`` pairs, matched longest first in one pass (no
    re-matching inside a replacement);
fuzzy matches of terms (``dictionaries/terms.tsv``)
    a span one OCR error away from a term: a confusable character
    substituted (weighted by glyph overlap, ``dictionaries/confusables.tsv``),
    a character doubled, one of two identical characters dropped (``实在在``
    for ``实实在在``; other drops leave phrases ordinary text contains), two
    neighbours swapped. Two-character
    terms only take confusable substitutions (one edit is half the word).

Candidates come from a table of every term's one-error variants (built once
per dictionary set and cached), found in the text by a bigram prefilter, so
nothing compares every window with every term.

Every fix must pass the same guard: the span is not itself a valid word
(``words.tsv``, ``words_extra.tsv`` or a term), exactly one term claims it,
the correct form is not already there (``实在在`` inside ``实实在在``), and the
fixed text segments better than the original with the lexicon around it (a
unigram word model over a few characters either side; the edit records the
gain), so a fix that breaks a neighbouring word is refused (``大幅射门`` keeps
its ``大幅``). Known pairs need any gain above zero; fuzzy fixes a clear one.

>>> from cleaner.pipeline import Pipeline
>>> Pipeline(["typos"])("取得实在在的成效，以俭促改。")
'取得实实在在的成效，以检促改。'
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import math
from pathlib import Path
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

import regex

from ..edits import Edit, make_edit
from ..errors import DictionaryError
from ..lang import best_logp
from ..resources import Table, cache_dir, dictionary_path, lexicon, parse_int, read_table, write_cache

NAME = "typos"

#: Bundled dictionaries by kind.
BUNDLED = {"typos": ("typos.tsv",), "terms": ("terms.tsv",), "confusables": ("confusables.tsv",),
           "lexicon": ("words_extra.tsv",)}
KINDS = ("typos", "terms", "lexicon", "confusables")


@dataclass(frozen=True)
class Options:
    """Options of the ``typos`` pass.

    dicts: more dictionary files (the ``# Format:`` header line says which
        kind each is: typos, terms, lexicon or confusables; default none).
    fuzzy: fix near misses of terms, not only known pairs (default ``True``).
    min_weight: confusable pairs below this glyph overlap are ignored
        (default ``0.3``).
    margin: log-probability gain a look-alike substitution needs over the
        original (default ``3.0``); a dropped, doubled or swapped character
        needs a third of it, a known pair more than ``0``.
    """

    dicts: tuple[str, ...] = ()
    fuzzy: bool = True
    min_weight: float = 0.3
    margin: float = 3.0

    def __post_init__(self) -> None:
        if isinstance(self.dicts, list):
            object.__setattr__(self, "dicts", tuple(self.dicts))


class Candidate(NamedTuple):
    start: int
    end: int
    wrong: str
    right: str
    rule: str
    gain: float


class Model(NamedTuple):
    pairs: dict[str, str]                # wrong -> right
    variants: dict[str, str]             # variant -> "term\trule" lines (one per term claiming it)
    words: dict[str, int]                # valid words with frequencies (lexicon, extra, terms)
    log_total: float
    prefixes: frozenset[str]             # first two characters of every pair and variant
    lengths: tuple[int, ...]             # lengths of pairs and variants, longest first


_HAN_RUN = regex.compile(r"\p{Han}+")


def _tables(paths: tuple[str, ...]) -> dict[str, list[Table]]:
    found: dict[str, list[Table]] = {k: [] for k in KINDS}
    for kind, names in BUNDLED.items():
        for name in names:
            found[kind].append(read_table(dictionary_path(name)))
    for path in paths:
        table = read_table(path)
        if table.kind not in KINDS:
            raise DictionaryError(path, 1, f"unknown dictionary kind {table.kind!r} in '# Format:'; "
                                           f"kinds are: {', '.join(KINDS)}")
        found[table.kind].append(table)
    return found


def _columns(table: Table, low: int, high: int) -> Iterator[tuple[int, list[str]]]:
    for number, cols in table.rows:
        if not low <= len(cols) <= high:
            want = str(low) if low == high else f"{low} to {high}"
            raise DictionaryError(table.path, number, f"expected {want} tab-separated columns, found {len(cols)}")
        yield number, [c.strip() for c in cols]


#: Term lists at least this long have their variant index cached on disk.
CACHE_MIN_TERMS = 5000
_CACHE_VERSION = 3


def _cache_file(paths: tuple[str, ...], min_weight: float) -> Path | None:
    """Where the index of these exact dictionary files is cached (``None``: no usable cache dir)."""
    digest = hashlib.sha256(f"{_CACHE_VERSION}:{min_weight}".encode())
    for kind, names in BUNDLED.items():
        for name in names:
            digest.update(dictionary_path(name).read_bytes())
    for path in paths:
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            return None  # read_table will report it
    return cache_dir() / f"typos-{digest.hexdigest()[:24]}.marshal"


@lru_cache(maxsize=8)
def model(paths: tuple[str, ...] = (), min_weight: float = 0.3) -> Model:
    """The dictionaries, merged and indexed; built once per process and set of files.

    Large term lists (``CACHE_MIN_TERMS`` or more) keep their index in a cache
    file keyed by the files' contents (``$CLEANER_CACHE_DIR``, else
    ``~/.cache/cleaner``), so later processes load it instead of building it.
    """
    cache = _cache_file(paths, min_weight)
    if cache is not None and cache.exists():
        try:
            data = cache.read_bytes()
            gc_was = gc.isenabled()
            gc.disable()  # millions of new strings: the cycle collector only slows this down
            try:
                pairs, variants, extra, prefixes, lengths = marshal.loads(data)
            finally:
                if gc_was:
                    gc.enable()
            words = dict(lexicon())
            words.update(extra)
            return Model(pairs, variants, words, math.log(sum(words.values()) or 1), prefixes, lengths)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # a damaged cache is rebuilt
    built, extra, n_terms = _build(paths, min_weight)
    if cache is not None and n_terms >= CACHE_MIN_TERMS:
        write_cache(cache, marshal.dumps((built.pairs, built.variants, extra, built.prefixes, built.lengths)))
    return built


def _index(pairs: dict[str, str], variants: dict[str, str], words: dict[str, int]) -> Model:
    keys = list(pairs) + list(variants)
    return Model(pairs, variants, words, math.log(sum(words.values()) or 1),
                 frozenset(k[:2] for k in keys), tuple(sorted({len(k) for k in keys}, reverse=True)))


def _build(paths: tuple[str, ...], min_weight: float) -> tuple[Model, dict[str, int], int]:
    tables = _tables(paths)
    words = dict(lexicon())
    added: set[str] = set()  # words the dictionaries add or raise (what a cache must keep)
    for table in tables["lexicon"]:
        for number, (word, freq) in _columns(table, 2, 2):
            words[word] = max(words.get(word, 0), parse_int(table, number, freq, "frequency"))
            added.add(word)
    terms: dict[str, int] = {}
    for table in tables["terms"]:
        for number, cols in _columns(table, 1, 2):
            weight = parse_int(table, number, cols[1], "weight") if len(cols) > 1 else 100
            terms[cols[0]] = weight
            words[cols[0]] = max(words.get(cols[0], 0), weight)
            added.add(cols[0])
    pairs: dict[str, str] = {}
    for table in tables["typos"]:
        for number, (wrong, right) in _columns(table, 2, 2):
            if wrong == right:
                raise DictionaryError(table.path, number, "the wrong and right forms are the same")
            pairs[wrong] = right
    confusable: dict[str, list[str]] = {}
    for table in tables["confusables"]:
        for number, cols in _columns(table, 2, 3):
            a, b = cols[0], cols[1]
            if len(a) != 1 or len(b) != 1:
                raise DictionaryError(table.path, number, "confusables are single characters")
            weight = float(cols[2]) if len(cols) > 2 else 1.0
            if weight >= min_weight:
                confusable.setdefault(a, []).append(b)
                confusable.setdefault(b, []).append(a)
    # Flat strings, not lists of tuples: a cached index of millions loads fast.
    variants: dict[str, str] = {}

    def add(variant: str, term: str, rule: str) -> None:
        if variant == term or words.get(variant, 0) >= 10 or variant in terms:
            return  # a valid word is never a typo
        claim = f"{term}\t{rule}"
        variants[variant] = f"{variants[variant]}\n{claim}" if variant in variants else claim

    for term in terms:
        n = len(term)
        for i, ch in enumerate(term):
            for other in confusable.get(ch, ()):
                add(term[:i] + other + term[i + 1:], term, f"look-alike {other}→{ch}")
        if n >= 4:
            # OCR merges two identical glyphs in a row (实实在在 → 实在在); any other
            # dropped character leaves a phrase ordinary text contains (基层组织).
            for i in range(1, n):
                if term[i] == term[i - 1]:
                    add(term[:i] + term[i + 1:], term, f"dropped a repeated {term[i]}")
            for i in range(n):
                add(term[:i + 1] + term[i] + term[i + 1:], term, f"doubled {term[i]}")
            for i in range(n - 1):
                if term[i] != term[i + 1]:
                    add(term[:i] + term[i + 1] + term[i] + term[i + 2:], term, f"swapped {term[i]}{term[i + 1]}")
    return _index(pairs, variants, words), {w: words[w] for w in added}, len(terms)


def _logp(m: Model, chars: str) -> float:
    """Best unigram segmentation log probability of ``chars`` with the merged dictionaries."""
    return best_logp(m.words, m.log_total, chars)


def _gain(m: Model, run: str, start: int, end: int, right: str) -> float:
    """How much better the run segments with the fix (a few characters of context either side)."""
    lo, hi = max(0, start - 4), min(len(run), end + 4)
    before = run[lo:hi]
    after = run[lo:start] + right + run[end:hi]
    return _logp(m, after) - _logp(m, before)


def _already_right(run: str, start: int, end: int, right: str) -> bool:
    """The correct form already covers the match (``实在在`` inside ``实实在在``)."""
    wrong = run[start:end]
    for k in range(len(right) - len(wrong) + 1):
        if right[k:k + len(wrong)] == wrong and run[max(0, start - k):start - k + len(right)] == right:
            return True
    return False


def candidates(text: str, options: Options = Options()) -> Iterator[tuple[Candidate, bool]]:
    """Every candidate fix in ``text`` with whether it passes the guard (for ``--suggest``)."""
    m = model(options.dicts, options.min_weight)
    for run_match in _HAN_RUN.finditer(text):
        run = run_match.group()
        base = run_match.start()
        i = 0
        n = len(run)
        while i < n - 1:
            if run[i:i + 2] not in m.prefixes:
                i += 1
                continue
            taken = False
            for length in m.lengths:
                if i + length > n:
                    continue
                span = run[i:i + length]
                if span in m.pairs:
                    right, rule, need = m.pairs[span], "known typo", 0.0
                elif options.fuzzy and span in m.variants:
                    entries = [c.split("\t", 1) for c in m.variants[span].split("\n")]
                    if len({t for t, _ in entries}) != 1:
                        continue
                    right, rule = entries[0]
                    # A look-alike substitution needs a clear gain; a dropped,
                    # doubled or swapped character changes the shape and needs less.
                    need = options.margin if rule.startswith("look-alike") else options.margin / 3
                    rule = f"near miss of the term {right} ({rule})"
                else:
                    continue
                if _already_right(run, i, i + length, right):
                    continue
                gain = _gain(m, run, i, i + length, right)
                ok = gain > need
                yield Candidate(base + i, base + i + length, span, right, rule, round(gain, 2)), ok
                if ok:
                    i += length
                    taken = True
                    break
            if not taken:
                i += 1


def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits that fix known and near-miss typos in ``text``.

    >>> [e.after for e in run("民族团团结，信访稳维，教育幅射。")]
    ['民族团结', '信访维稳', '辐射']
    >>> run("以建促改，实在，团团，辐射，维稳。")
    []
    """
    return [make_edit(NAME, text, c.start, c.end, c.right,
                      f"{c.rule}; the fixed text segments better (gain {c.gain:.1f})", c.gain)
            for c, ok in candidates(text, options) if ok]


def suggest(text: str, options: Options = Options()) -> list[dict[str, object]]:
    """Candidates the guard refused, for a human to review (``cleaner --suggest``)."""
    return [{"start": c.start, "end": c.end, "before": c.wrong, "after": c.right, "rule": c.rule, "gain": c.gain}
            for c, ok in candidates(text, options) if not ok]
