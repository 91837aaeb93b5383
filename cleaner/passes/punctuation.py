"""The ``punctuation`` pass: Chinese punctuation in Chinese text, ASCII where it belongs.

OCR engines and careless typing leave ASCII punctuation inside Chinese prose
(``,`` ``:`` ``;`` ``(`` ``)`` straight ``"``). The national standard (GB/T
15834) writes full-width marks there. This pass changes a mark only in
Chinese context and leaves it alone where ASCII is right:

* protected first: URLs, e-mail addresses, numbers (``1.05亿元``,
  ``1,000``, ``12.5‰``, ``32.5%``, ``1-2个``), times and ratios (``10:30``),
  list numbering (``1.毫不放松``, ``五.成立小组`` at a line's start), designations (``歼-10C``), Latin words and
  sentences, inline code;
* ``, ; : ? !`` after a Han character or a Chinese closing mark become
  ``， ； ： ？ ！`` (a clause comma between a percentage and a number in a
  Chinese sentence too: ``100%,50%的``);
* ``(`` … ``)`` become ``（`` … ``）`` when the pair sits in Chinese text,
  also around Latin content (``多学科联合诊疗(MDT)服务``);
* a sentence-final ``.`` after a Han character becomes ``。``;
* straight quotes become ``“…”`` and ``‘…’``, paired within a paragraph, a
  straight pair inside ``“…”`` becoming ``‘…’``; when the pairing is
  ambiguous (an odd count the context cannot settle) they are left alone, but
  the one straight double quote of a line becomes the partner of a full-width
  quote that has none (``“前话现象"也`` → ``“前话现象”也``: OCR read one half right);
* ``—`` alone between Chinese becomes ``——`` where the document writes double dashes and at most
  one single one (elsewhere a single dash is a connector, ``东盟—中日韩``, and stays); ``...`` and
  ``。。。`` become ``……``; ``一一`` for ``——`` only next to a title or quotation mark;
* full-width letters and digits become half-width (``１９９８`` → ``1998``);
* spaces next to full-width punctuation go (in a headline, a short line without a final stop or
  a clause mark, only those after a colon or beside a bracket: ``检查检验结果如何互认？ 医疗卫生机构…``
  keeps its space, ``出席 （附图片1张）`` does not), and ``31. 持续`` becomes ``31.持续`` when the
  document numbers its items without a space.

Style ``traditional`` writes quotation marks as ``「」`` and ``『』``.

>>> from cleaner.pipeline import Pipeline
>>> Pipeline(["punctuation"])('他说:"好,我们明天去(北京)."')
'他说：“好，我们明天去（北京）。”'
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass
from typing import Callable, Iterator, Literal

import regex

from ..edits import Edit, make_edit, run_steps
from .. import chars
from ..errors import ConfigError
from ..text import lines_at, replaced
from .punctuation_lines import AsciiMask as _AsciiMask, Collector as _Collector
from .punctuation_repair import RULE_LABEL, label_spaces, partner_brackets

NAME = "punctuation"


@dataclass(frozen=True)
class Options:
    """Options of the ``punctuation`` pass.

    style: ``"mainland"`` (default; GB/T 15834 quotation marks “” ‘’) or
        ``"traditional"`` (「」 『』).
    quotes: pair straight quotes (default ``True``).
    dashes: fix dashes and ellipses (default ``True``).
    width: full-width letters and digits to half-width (default ``True``).
    spaces: remove spaces next to full-width punctuation (default ``True``).
    repairs: repair brackets from their partner and lone ASCII brackets, and
        spaces beside a label's colon (``cleaner.passes.punctuation_repair``;
        default ``True``).
    """

    style: Literal["mainland", "traditional"] = "mainland"
    quotes: bool = True
    dashes: bool = True
    width: bool = True
    spaces: bool = True
    repairs: bool = True

    def __post_init__(self) -> None:
        if self.style not in ("mainland", "traditional"):
            raise ConfigError(f"unknown punctuation style {self.style!r}; styles are: mainland, traditional")


_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF = chars.HALF_WIDTH
_HAN_RE = chars.HAN_RE
_CLAUSE = chars.CLAUSE
#: A sentence end at the line end; the line may still end with spaces (lines are not stripped here).
_SENTENCE_END = regex.compile(chars.SENTENCE_END_MARKS + r"\s*$")
_DQUOTE = regex.compile('"')
_SQUOTE = regex.compile("'")
_BRACKET = regex.compile(r"[()]")
_CANDIDATE = regex.compile(r"[,;:?!.]")
_FULLWIDTH_ALNUM = chars.FULLWIDTH_ALNUM
#: A run of full-width letters and digits with the combining marks that follow it.
_FULLWIDTH_MARKED = regex.compile(r"(?:%s\p{M}*)+" % chars.FULLWIDTH_ALNUM_CHAR)
_ELLIPSIS = chars.ELLIPSIS_FORMS
_DASH = chars.SINGLE_DASH
_ONE_ONE = regex.compile(r"(?<=[》”」』])一一(?=\p{Han})|(?<=\p{Han})一一(?=[《“「『])")
_SPACE_PUNCT = chars.SPACE_BY_MARK
#: A line that starts with a Chinese item number and an ASCII point (``五.``): numbering, not a stop.
_HAN_ITEM = regex.compile(r"[ \t]*[%s百]+\.$" % chars.HAN_DIGITS)
_LIST_SPACE = regex.compile(r"(?m)^(\d{1,3}\.) (?=\p{Han})")
_LIST_TIGHT = regex.compile(r"(?m)^\d{1,3}\.(?=\p{Han})")


def _chinese_left(line: str, i: int) -> bool:
    """The character before ``i`` (skipping spaces and ASCII marks) is Han or a Chinese closing mark."""
    j = i - 1
    while j >= 0 and line[j] in " \t,;:?!.":  # a run of marks shares the context of its first
        j -= 1
    if j >= 0 and (_HAN_RE.match(line[j]) is not None or line[j] in chars.CJK_CLOSERS):
        return True
    # an ASCII ellipsis among the marks prints as '……' (in a line with Han), a Chinese mark
    return "..." in line[j + 1:i] and any(j < m.start() and m.end() <= i for m in _ELLIPSIS.finditer(line, j + 1, i))


def _chinese_right(line: str, i: int) -> bool:
    j = i + 1
    while j < len(line) and line[j] in " \t":
        j += 1
    return j < len(line) and (_HAN_RE.match(line[j]) is not None or line[j] in "（《“「『")


def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits that fix punctuation in ``text``.

    Two steps: quotation marks and brackets first, so that the marks after
    them (``”,`` ``),``) see their Chinese context; then the other marks and
    the spaces.

    >>> run("It works, see https://a.b/c?d=1. 10:30 1,000 1.05亿元")
    []
    """
    tight_lists = len(_LIST_TIGHT.findall(text)) > len(_LIST_SPACE.findall(text))
    # A single dash is a connector (GB/T 15834: 东盟—中日韩) in a document that
    # writes them; it is a dropped half of ——  only where the document writes
    # double dashes and at most one single one.
    dash_fix = options.dashes and chars.single_dashes_double(text)
    steps = [lambda t, step=step: _by_line(t, lambda tt, b, ln: step(tt, b, ln, options, tight_lists, dash_fix))
             for step in (_pairs_step, _marks_step)]
    return run_steps(text, steps)[1]


def _by_line(text: str, fn: Callable[[str, int, str], list[Edit]]) -> list[Edit]:
    edits: list[Edit] = []
    for pos, line in lines_at(text):
        if line and (_HAN_RE.search(line) or _FULLWIDTH_ALNUM.search(line)):
            edits.extend(fn(text, pos, line))
    return edits


def _pairs_step(text: str, base: int, line: str, opts: Options, tight_lists: bool,
                dash_fix: bool) -> list[Edit]:
    put = _Collector(line)
    mask = _AsciiMask(line)
    if _HAN_RE.search(line):
        for start, end, after, reason, rule in partner_brackets(line, mask) if opts.repairs else ():
            put(start, end, after, reason, rule)
        # Pairs are judged by their neighbours as the marks step and the pairs made
        # so far write them ('国,"' reads '国，"'; '‘"辐'): how a second run sees them.
        fixes = {i: after for i, after, _, _ in _mark_fixes(line, mask)}
        for _ in range(3):
            for s, (e, a, _, _) in put.out.items():  # bracket partners, then the pairs made
                if e == s + 1 and len(a) == 1:
                    fixes[s] = a
            written = replaced(line, fixes)
            beside = {i: after for i, after, _, _ in _mark_fixes(written, mask) if i not in fixes}
            if beside:  # marks beside the pairs made ('),' -> '），')
                fixes.update(beside)
                written = replaced(line, fixes)
            made = len(put.out)
            if made and opts.repairs:  # partners of the pairs made ('（《）些)': the last is ）)
                for start, end, after, reason, rule in partner_brackets(written, mask):
                    if line[start:end] == written[start:end]:
                        put(start, end, after, reason, rule)
            _brackets(written, mask, put)
            if opts.quotes:
                _quotes(written, mask, put, opts.style)
            if len(put.out) == made or not any(c in written for c in "\"'()"):
                break
    return put.edits(text, base, NAME)


def _mark_fixes(line: str, mask: _AsciiMask) -> Iterator[tuple[int, str, str, str]]:
    """``(offset, full-width mark, reason, rule)`` for each ASCII mark of ``line`` in Chinese context."""
    for m in _CANDIDATE.finditer(line):
        i, ch = m.start(), m.group()
        if i in mask:
            continue
        if ch in _FULL:
            if _chinese_left(line, i):
                yield i, _FULL[ch], f"ASCII {ch!r} after Chinese text", "punctuation.width"
            elif ch in ",;:" and i > 0 and (line[i - 1] in "%‰" or line[i - 1].isdigit()) \
                    and _chinese_right(line, i):
                yield i, _FULL[ch], f"ASCII {ch!r} between a number and Chinese text", "punctuation.width.number"
            elif ch == "," and i > 0 and line[i - 1] in "%‰" and i + 1 < len(line) and line[i + 1].isdigit():
                yield (i, "，", "clause comma between a percentage and a number in Chinese text",
                       "punctuation.width.percent")
        elif ch == "." and i > 0 and (_HAN_RE.match(line[i - 1]) or line[i - 1] in chars.STOP_AFTER_CLOSERS) \
                and not _HAN_ITEM.match(line[:i + 1]):
            nxt = line[i + 1:i + 2]
            if not nxt or nxt in " \"'”’)）" or _HAN_RE.match(nxt):
                yield i, "。", "ASCII '.' ends a Chinese sentence", "punctuation.stop"


def _marks_step(text: str, base: int, line: str, opts: Options, tight_lists: bool,
                dash_fix: bool) -> list[Edit]:
    put = _Collector(line)
    mask = _AsciiMask(line)
    has_han = _HAN_RE.search(line) is not None
    if opts.width:
        for m in _FULLWIDTH_MARKED.finditer(line):
            # With the combining marks after it, composed: 'ｌ̌' is 'ľ', as normalize
            # would write 'ľ' on a second run.
            put(m.start(), m.end(), unicodedata.normalize("NFC", m.group().translate(_HALF)),
                "full-width letters and digits to half-width", "punctuation.halfwidth")
    if has_han:
        for i, after, reason, rule in _mark_fixes(line, mask):
            put(i, i + 1, after, reason, rule)
        if opts.dashes:
            for m in _ELLIPSIS.finditer(line):
                if not (m.start() in mask):
                    put(m.start(), m.end(), "……", "ellipsis written as " + repr(m.group()), "punctuation.ellipsis")
            for m in _DASH.finditer(line) if dash_fix else ():
                put(m.start(), m.end(), "——", "a single dash between Chinese text is a double dash", "punctuation.dash")
            for m in _ONE_ONE.finditer(line):
                put(m.start(), m.end(), "——", "'一一' next to a title or quotation mark is an OCR dash",
                    "punctuation.dash.one_one")
    if opts.style == "traditional":
        for i, ch in enumerate(line):
            if ch in _TRADITIONAL:
                put(i, i + 1, _TRADITIONAL[ch], "traditional quotation marks", "punctuation.traditional")
    edits = put.edits(text, base, NAME)
    if opts.spaces and has_han:
        edits.extend(_spaces(text, base, line, put, tight_lists, opts.repairs))
    return sorted(edits, key=lambda e: e.start)


_TRADITIONAL = {"“": "「", "”": "」", "‘": "『", "’": "』"}


#: What ASCII brackets hold in Latin text or a note number: ``(3)``, ``(a)``.
_NUMBER_OR_LETTER = regex.compile(r"\d{1,3}|[a-zA-Z]")


def _brackets(line: str, mask: _AsciiMask, put: _Collector) -> None:
    stack = array("q")  # (see punctuation_repair.partner_brackets)
    for m in _BRACKET.finditer(line):
        i, ch = m.start(), m.group()
        if i in mask:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            o = stack.pop()
            inner = line[o + 1:i]
            chinese = (_chinese_left(line, o) or _chinese_right(line, i) or _HAN_RE.search(inner)
                       or (i + 1 < len(line) and line[i + 1] in chars.CJK_MARKS))
            if chinese and _NUMBER_OR_LETTER.fullmatch(inner) is None or (chinese and _chinese_left(line, o)):
                put(o, o + 1, "（", "ASCII brackets around Chinese context", "punctuation.brackets")
                put(i, i + 1, "）", "ASCII brackets around Chinese context", "punctuation.brackets")


def _quotes(line: str, mask: _AsciiMask, put: _Collector, style: str) -> None:
    open_d, close_d = ("“", "”") if style == "mainland" else ("「", "」")
    open_s, close_s = ("‘", "’") if style == "mainland" else ("『", "』")
    # Straight double quotes, paired in order; inside an open full-width quote they are nested.
    spots = [m.start() for m in _DQUOTE.finditer(line) if m.start() not in mask] if '"' in line else []
    if spots:
        roles = _pair(line, spots)
        if roles is None and len(spots) == 1:
            partner = _full_width_partner(line, spots[0])
            if partner is not None:
                mark = close_d if partner == "close" else open_d
                put(spots[0], spots[0] + 1, mark, f"straight quotation mark {partner}s the full-width "
                    f"{'opening' if partner == 'close' else 'closing'} one OCR read on its line", RULE_QUOTE_PARTNER)
        if roles is not None:
            depth = 0
            marks = {i: r for i, r in zip(spots, roles)}
            for i, ch in enumerate(line):
                if ch == "“":
                    depth += 1
                elif ch == "”":
                    depth = max(0, depth - 1)
                elif i in marks:
                    nested = depth > 0
                    if marks[i] == "open":
                        mark = open_s if nested else open_d
                    else:
                        mark = close_s if nested else close_d
                    put(i, i + 1, mark, "straight quotation mark paired" + (" (nested)" if nested else ""),
                        "punctuation.quotes")
    singles = [i for i in (m.start() for m in _SQUOTE.finditer(line)) if i not in mask
               and (i == 0 or not line[i - 1].isascii() or not line[i - 1].isalpha())] if "'" in line else []
    if singles:
        roles = _pair(line, singles)
        if roles is not None:
            for i, r in zip(singles, roles):
                put(i, i + 1, open_s if r == "open" else close_s, "straight single quotation mark paired",
                    "punctuation.quotes.single")


RULE_QUOTE_PARTNER = "punctuation.quotes.partner"


def _full_width_partner(line: str, i: int) -> str | None:
    """The role of the one straight double quote at ``i`` when a full-width quote on its line
    has no partner but it: ``“前话现象"也`` closes, ``说"前话现象”也`` opens; else ``None``.

    >>> _full_width_partner('引起轰动后“前话现象"也引起关注', 10), _full_width_partner('他说"好”。', 2)
    ('close', 'open')
    >>> _full_width_partner('“甲”乙"丙', 4) is None
    True
    """
    before, after = line[:i], line[i + 1:]
    if not (_HAN_RE.match(before[-1:]) or _HAN_RE.match(after[:1])):
        return None
    if "”" not in after and before.count("“") == before.count("”") + 1 and before.rfind("“") > before.rfind("”"):
        return "close"
    if "“" in before or "”" not in after:
        return None
    if "“" not in after[:after.index("”")] and after.count("”") == after.count("“") + 1:
        return "open"  # the first closing quote after it has no opener but it
    return None


_REMOVABLE_SPACE = chars.MARK_SPACES  # the spaces the spaces step may remove beside a mark
_OPENS_AFTER = set("，：；、（《“‘「『—" + _REMOVABLE_SPACE)
_CLOSES_BEFORE = set("，。：；！？、）》”’」』—…" + _REMOVABLE_SPACE)


#: The openers after which the spaces step removes a space whatever follows it
#: (``chars.SPACE_BY_MARK``); a space elsewhere goes only once the quote beside it is full width.
_SPACE_GOES_AFTER = frozenset("（《「『“【")


def _left_hint(line: str, i: int) -> str:
    """The character before the quote at ``i`` that hints at its role, read across spaces
    after an opener, which the spaces step removes, so that a second run, which sees the
    opener itself, reads the same hint.

    >>> _left_hint('会【 "', 3), _left_hint('。 "', 2), _left_hint('"会', 0)
    ('【', ' ', '')
    """
    j = i - 1
    while j >= 0 and line[j] in _REMOVABLE_SPACE:
        j -= 1
    if j != i - 1 and j >= 0 and line[j] in _SPACE_GOES_AFTER:
        return line[j]
    return line[i - 1] if i else ""


def _pair(line: str, spots: list[int]) -> list[str] | None:
    """Open/close roles for straight quotes at ``spots``, or ``None`` when ambiguous."""
    def chinese(i: int) -> bool:
        j, k = i - 1, i + 1  # spaces the spaces step may remove are looked through ('『\u3000"')
        while j >= 0 and line[j] in _REMOVABLE_SPACE:
            j -= 1
        while k < len(line) and line[k] in _REMOVABLE_SPACE:
            k += 1
        left, right = (line[j] if j >= 0 else ""), (line[k] if k < len(line) else "")
        return bool(_HAN_RE.match(left) or _HAN_RE.match(right) or left in chars.CJK_MARKS or right in chars.CJK_MARKS)

    if not all(chinese(i) for i in spots):
        return None
    if len(spots) % 2 == 0:
        roles = ["open" if k % 2 == 0 else "close" for k in range(len(spots))]
        # Check the alternation against strong hints; give up on a contradiction.
        for i, role in zip(spots, roles):
            left = _left_hint(line, i)
            right = line[i + 1] if i + 1 < len(line) else ""
            if role == "open" and (right in _CLOSES_BEFORE or not right) and left not in _OPENS_AFTER:
                return None
            if role == "close" and (left in _OPENS_AFTER and left != "") and right not in _CLOSES_BEFORE:
                return None
        return roles
    # Odd count: settle each by strong hints only, and require a consistent alternation.
    roles = []
    for i in spots:
        left = _left_hint(line, i)
        right = line[i + 1] if i + 1 < len(line) else ""
        if not left or left in _OPENS_AFTER:
            roles.append("open")
        elif not right or right in _CLOSES_BEFORE:
            roles.append("close")
        else:
            return None
    expect = "open"
    for r in roles:
        if r != expect:
            return None
        expect = "close" if expect == "open" else "open"
    return roles


#: Marks beside which no space is typeset even in a headline.
_SPACED_IN_NO_HEADLINE = frozenset("：（）【】〈〉")


def _spaces(text: str, base: int, line: str, taken: _Collector, tight_lists: bool,
            repairs: bool) -> list[Edit]:
    # Work on the line as it will read after the mark fixes, but report on the input.
    if " " not in line and "\t" not in line and "\u3000" not in line:
        return []
    fixed = {s: a for s, (e, a, _, _) in taken.out.items() if e == s + 1 and len(a) == 1}
    view = "".join(fixed.get(i, ch) for i, ch in enumerate(line))
    labels = label_spaces(view) if repairs else []
    edits = [make_edit(NAME, text, base + s, base + e, "", "space beside a label's colon removed", rule=RULE_LABEL)
             for s, e in labels]
    # A headline's spaces separate title and subtitle on purpose, but for one after a
    # colon or beside a bracket, which carry their own spacing ('报道： 中国', '出席 （附图').
    found = [m for m in _SPACE_PUNCT.finditer(view)
             if not taken.overlaps(m.start(), m.end()) and not any(s < m.end() and m.start() < e for s, e in labels)]
    always = [(m.start(), m.end()) for m in found if view[m.start() - 1] in _SPACED_IN_NO_HEADLINE
              or view[m.end():m.end() + 1] in _SPACED_IN_NO_HEADLINE]
    # The headline test reads the line as written, ellipses and dashes included ('…' is '……'
    # then), and without the spaces removed in a headline too ('！ ）' is '！）', a stop).
    written = len(line) + sum(len(a) - (e - s) for s, (e, a, _, _) in taken.out.items())
    gone = sorted(labels + always)
    probe = "".join(view[a:b] for a, b in zip([0] + [e for _, e in gone], [s for s, _ in gone] + [len(view)]))
    headline = written <= 40 and not _SENTENCE_END.search(probe) and not _CLAUSE.search(probe)
    removed_anyway = {a for a, _ in always}
    for m in found:
        if headline and m.start() not in removed_anyway:
            continue
        edits.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                               "space next to full-width punctuation removed", rule="punctuation.space"))
    m = _LIST_SPACE.match(line) if tight_lists else None
    if m:
        edits.append(make_edit(NAME, text, base + m.end(1), base + m.end(1) + 1, "",
                               "space after item number removed (the document numbers items without one)",
                               rule="punctuation.space.list"))
    return edits
