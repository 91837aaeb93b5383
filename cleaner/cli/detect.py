"""Which encoding undecodable input is likely in: for the error message and ``--encoding auto``.

The candidates are the encodings Chinese text arrives in (UTF-8, GB18030
with its subsets GBK and GB2312, Big5, UTF-16, UTF-32); charset-normalizer
scores each decoding for mess and language coherence. Short texts often
decode cleanly both as GB18030 and as Big5: a tie goes to the earlier
candidate, GB18030, and so does a Big5 guess whose GB18030 reading uses
only characters of the lexicon's words (the text this project cleans is
simplified Chinese). A guess with a messy decoding is no guess.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from ..errors import DataError

#: Candidates in order of preference (charset-normalizer's names).
CANDIDATES = ("utf_8", "gb18030", "big5", "utf_16", "utf_32")
#: The name to give ``--encoding``, and the name to show.
NAMES = {"utf_8": ("utf-8", "UTF-8"), "gb18030": ("gb18030", "GB18030"), "big5": ("big5", "Big5"),
         "utf_16": ("utf-16", "UTF-16"), "utf_32": ("utf-32", "UTF-32")}
#: Bytes looked at (charset-normalizer samples within them).
SAMPLE = 1 << 18
#: A decoding messier than this is not a guess.
MAX_CHAOS = 0.2


def guess_encoding(data: bytes) -> str | None:
    """The ``--encoding`` name ``data`` is most likely in, or ``None`` when it cannot tell.

    >>> guess_encoding("中华人民共和国国务院新闻办公室今天举行新闻发布会。".encode("gb18030"))
    'gb18030'
    >>> guess_encoding("中華民國行政院新聞局今天舉行記者會。".encode("big5"))
    'big5'
    >>> guess_encoding("中文".encode("utf-16"))
    'utf-16'
    >>> guess_encoding(bytes(range(256))) is None
    True
    """
    if not data:
        return None
    from charset_normalizer import from_bytes
    sample = data[:SAMPLE]
    matches = [m for m in from_bytes(sample, cp_isolation=list(CANDIDATES)) if m.chaos <= MAX_CHAOS]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence, CANDIDATES.index(m.encoding)
                                       if m.encoding in CANDIDATES else len(CANDIDATES)))
    if best.encoding == "big5" and _reads_as_simplified(sample):
        return "gb18030"
    return NAMES.get(best.encoding, (best.encoding, best.encoding))[0]


def _reads_as_simplified(data: bytes) -> bool:
    """Short GB18030 text often decodes as Big5 too (into rare characters): it is GB18030 when nearly
    every Han character of that decoding is one the lexicon's words use."""
    import regex
    try:
        text = codecs.getincrementaldecoder("gb18030")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    han = regex.findall(r"\p{Han}", text)
    if not han:
        return False
    known = _lexicon_chars()
    return sum(c in known for c in han) >= 0.9 * len(han)


@lru_cache(maxsize=1)
def _lexicon_chars() -> frozenset[str]:
    from ..resources import lexicon
    return frozenset("".join(lexicon()))


def display_name(encoding: str) -> str:
    """How an encoding is named in a message.

    >>> display_name("gb18030"), display_name("koi8_r")
    ('GB18030', 'koi8_r')
    """
    for codec, shown in NAMES.values():
        if codec == encoding:
            return shown
    return encoding


def resolve_auto(data: bytes, name: str) -> str:
    """The encoding ``--encoding auto`` reads ``data`` (the input, or its first block) in: UTF-8 when it
    decodes as UTF-8 (a character cut at the end of a block aside), else the guess.

    >>> resolve_auto("中文".encode("utf-8")[:-1], "-"), resolve_auto("中文，标点。".encode("gb18030"), "-")
    ('utf-8', 'gb18030')
    """
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    guess = guess_encoding(data)
    if guess is None:
        raise DataError(f"{name}: cannot tell its encoding; name it with --encoding (for example "
                        "--encoding gb18030 or --encoding big5)")
    return guess


def hint(data: bytes) -> str:
    """What to tell a user whose input is not UTF-8."""
    guess = guess_encoding(data)
    if guess is not None and guess != "utf-8":
        return f"; this looks like {display_name(guess)}: try --encoding {guess} (or --encoding auto)"
    return ("; if the input uses another encoding, name it with --encoding "
            "(for example --encoding gb18030 or --encoding utf-16, or --encoding auto)")
