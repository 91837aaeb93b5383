"""The dictionaries of the ``typos`` pass, merged and indexed into one :class:`Model`.

Reading the files, checking their columns and caching the result belong to
:mod:`cleaner.resources`; what is built here belongs to this pass: the valid
words, the known pairs, every term's one-error variants, and the glyph
neighbours of each character.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import regex

from ...errors import DictionaryError
from ...kernels import Lexicon, build
from ...resources import DictionarySet, Table, cached, lexicon, lexicon_key, parse_int

#: Bundled dictionaries by kind.
BUNDLED = {"typos": ("typos.tsv",), "terms": ("terms.tsv",), "confusables": ("confusables.tsv",),
           "lexicon": ("words_extra.tsv",), "glyphs": ("glyphs.tsv",), "homophones": ("homophones.tsv",)}
#: Column counts (fewest, most) of each kind.
COLUMNS = {"typos": (2, 2), "terms": (1, 2), "lexicon": (2, 2), "confusables": (2, 3), "glyphs": (3, 3),
           "homophones": (2, 2)}
_CACHE_VERSION = 7
#: A word at least this frequent covers its characters (they are not suspects of the context layer).
COVER = 5
#: A context fix must make a two-character word at least this frequent.
NEW_WORD = 30
#: A character at least this frequent as a word of its own is never a suspect.
COMMON_SINGLE = 20000
#: Up to this many pairs and variants are scanned for in C; more (a huge term list) by a bigram prefilter.
MAX_SCAN_KEYS = 500_000


class Model(NamedTuple):
    pairs: dict[str, str]                # wrong -> right
    variants: dict[str, str]             # variant -> "term\trule" lines (one per term claiming it)
    words: dict[str, int]                # valid words with frequencies (lexicon, extra, terms)
    log_total: float
    prefixes: frozenset[str]             # first two characters of every pair and variant
    lengths: tuple[int, ...]             # lengths of pairs and variants, longest first
    neighbours: dict[str, str]           # char -> its glyph look-alikes, most alike first
    similarity: dict[str, bytes]         # char -> their similarities, one byte each (0-255 for 0-1)
    covering: frozenset[str]             # two-character words of frequency COVER or more
    after: dict[str, str]                # char -> chars that follow it in a word of frequency NEW_WORD or more
    before: dict[str, str]               # char -> chars that precede it in such a word
    homophones: dict[str, str]           # char -> the other chars of its reading, most frequent first
    joins_left: dict[str, str]           # char -> chars before it that make a word with a look-alike or homophone
    joins_right: dict[str, str]          # char -> chars after it that do
    able: frozenset[str]                 # chars that can be suspects (look-alikes, no common word alone)
    keys: Lexicon | None                 # every pair and variant of Han characters, for one scan in C
                                         # (None: too many to build, a bigram prefilter per run instead)


@lru_cache(maxsize=8)
def model(paths: tuple[str, ...] = (), min_weight: float = 0.3) -> Model:
    """The dictionaries, merged and indexed; built once per process and set of files,
    and cached on disk keyed by the files' contents (:func:`cleaner.resources.cached`).

    >>> m = model()
    >>> m.pairs["以俭促改"], lookalikes(m, "己")[0]
    ('以检促改', ('已', 0.871))
    """
    files = DictionarySet.read(BUNDLED, paths, COLUMNS, salt=f"{_CACHE_VERSION}:{min_weight}:{lexicon_key()}")
    (pairs, variants, extra, neighbours, similarity, covering, after, before, homophones, joins_left,
     joins_right) = cached(
        "typos", files.digest, lambda: _build(files, min_weight), tuple)
    words = dict(lexicon())
    words.update(extra)
    keys = list(pairs) + list(variants)
    able = frozenset(ch for ch in {**neighbours, **homophones} if words.get(ch, 0) < COMMON_SINGLE)
    scan = build(dict.fromkeys((k for k in keys if _ALL_HAN.fullmatch(k)), 1)) if len(keys) <= MAX_SCAN_KEYS else None
    return Model(pairs, variants, words, math.log(sum(words.values()) or 1),
                 frozenset(k[:2] for k in keys), tuple(sorted({len(k) for k in keys}, reverse=True)), neighbours,
                 similarity, covering, after, before, homophones, joins_left, joins_right, able, scan)


_ALL_HAN = regex.compile(r"\p{Han}+")


def lookalikes(m: Model, ch: str) -> list[tuple[str, float]]:
    """The glyph look-alikes of ``ch`` with their similarity, most alike first."""
    return [(c, round(w / 255, 3)) for c, w in zip(m.neighbours.get(ch, ""), m.similarity.get(ch, b""))]


def _build(files: DictionarySet, min_weight: float) -> tuple:  # type: ignore[type-arg]
    tables = files.tables()
    words = dict(lexicon())
    extra = _words(tables, words)
    terms = {t: extra[t] for t in _terms(tables, words, extra)}
    pairs: dict[str, str] = {}
    for table in tables["typos"]:
        for number, (wrong, right) in table.rows:
            if wrong == right:
                raise DictionaryError(table.path, number, "the wrong and right forms are the same")
            pairs[wrong] = right
    confusable: dict[str, list[str]] = {}
    for table in tables["confusables"]:
        for number, a, b, weight in _char_pairs(table):
            if weight >= min_weight:
                confusable.setdefault(a, []).append(b)
                confusable.setdefault(b, []).append(a)
    covering = [w for w, f in words.items() if len(w) == 2 and f >= COVER]
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for w in covering:
        if words[w] >= NEW_WORD:
            after[w[0]] = after.get(w[0], "") + w[1]
            before[w[1]] = before.get(w[1], "") + w[0]
    # Flat strings and bytes, not tuples of pairs: the cache loads several times faster.
    near = _neighbours(tables["glyphs"])
    neighbours = {ch: "".join(c for c, _ in row) for ch, row in near.items()}
    homophones = _homophones(tables["homophones"])
    candidates = {ch: neighbours.get(ch, "") + homophones.get(ch, "") for ch in {**neighbours, **homophones}}
    joins_left = {ch: "".join(sorted({a for c in row for a in before.get(c, "")})) for ch, row in candidates.items()}
    joins_right = {ch: "".join(sorted({b for c in row for b in after.get(c, "")})) for ch, row in candidates.items()}
    return (pairs, _variants(terms, words, confusable), extra, neighbours,
            {ch: bytes(round(w * 255) for _, w in row) for ch, row in near.items()},
            frozenset(covering), after, before, homophones, joins_left, joins_right)


def _homophones(tables: list[Table]) -> dict[str, str]:
    """Each character's homophones (the other characters of its lines), in the files' order."""
    out: dict[str, str] = {}
    for table in tables:
        for _, (_, chars) in table.rows:
            for ch in chars:
                out[ch] = out.get(ch, "") + "".join(c for c in chars if c != ch and c not in out.get(ch, ""))
    return out


def _words(tables: dict[str, list[Table]], words: dict[str, int]) -> dict[str, int]:
    """Add the extra lexicons' words to ``words``; the words added or raised."""
    extra: dict[str, int] = {}
    for table in tables["lexicon"]:
        for number, (word, freq) in table.rows:
            words[word] = extra[word] = max(words.get(word, 0), parse_int(table, number, freq, "frequency"))
    return extra


def _terms(tables: dict[str, list[Table]], words: dict[str, int], extra: dict[str, int]) -> list[str]:
    terms = []
    for table in tables["terms"]:
        for number, cols in table.rows:
            weight = parse_int(table, number, cols[1], "weight") if len(cols) > 1 else 100
            words[cols[0]] = extra[cols[0]] = max(words.get(cols[0], 0), weight)
            terms.append(cols[0])
    return terms


def _char_pairs(table: Table):  # type: ignore[no-untyped-def]
    for number, cols in table.rows:
        if len(cols[0]) != 1 or len(cols[1]) != 1:
            raise DictionaryError(table.path, number, "confusables are single characters")
        try:
            weight = float(cols[2]) if len(cols) > 2 else 1.0
        except ValueError:
            raise DictionaryError(table.path, number, f"weight must be a number, not {cols[2]!r}") from None
        yield number, cols[0], cols[1], weight


def _neighbours(tables: list[Table]) -> dict[str, tuple[tuple[str, float], ...]]:
    """Each character's glyph look-alikes (both directions of every row), most alike first."""
    near: dict[str, dict[str, float]] = {}
    for table in tables:
        for _, a, b, weight in _char_pairs(table):
            for x, y in ((a, b), (b, a)):
                row = near.setdefault(x, {})
                row[y] = max(row.get(y, 0.0), weight)
    return {ch: tuple(sorted(row.items(), key=lambda cw: -cw[1])) for ch, row in near.items()}


def _variants(terms: dict[str, int], words: dict[str, int], confusable: dict[str, list[str]]) -> dict[str, str]:
    """Every term's one-error variants that are not valid words, as flat strings
    (a cached index of millions loads fast)."""
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
    return variants
