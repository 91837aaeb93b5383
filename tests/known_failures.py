"""Inputs we get wrong today: what we produce, and what is right.

``tests/test_known_failures.py`` checks each row twice: that we still
produce what the row says (so the table stays true), and, as a strict xfail,
that we produce what is right (so a fix shows up as an unexpected pass; then
move the row into the tests of its pass).

Each row: (name, passes run, input, what we produce, what is right, why).
"""

from __future__ import annotations

_L = ["今天是一九九八年元旦，首都各界人", "士在人民大会堂举行新年茶话会，共", "同迎接新年的到来。江泽民主席发表", "了讲话。"]
_R = ["他说，过去的一年是我国改革开放和", "现代化建设取得重大成就的一年，全", "国各族人民团结一心，克服困难，完"]

REJOIN = ["normalize", "rejoin"]

KNOWN_FAILURES: list[tuple[str, list[str], str, str, str, str]] = [
    ("two columns, the left one a line longer", REJOIN,
     "\n".join([_L[0] + "    " + _R[0], _L[1] + "    " + _R[1], _L[2] + "    " + _R[2], _L[3]]) + "\n",
     "".join(_L[:3]) + "".join(_R) + _L[3] + "\n",
     "".join(_L) + "\n\n" + "".join(_R) + "\n",
     "the columns step ends the run at the last line with a gap, so the left column's last line "
     "lands after the right column, and the joins then read one column into the other"),
    ("a cut inside a document number in brackets", REJOIN,
     "会议指出，要加快推进（国发〔2023〕\n\n5号）文件的落实。\n",
     "会议指出，要加快推进（国发〔2023〕\n\n5号）文件的落实。\n",
     "会议指出，要加快推进（国发〔2023〕5号）文件的落实。\n",
     "the short first block looks like a heading, which outweighs the unclosed bracket"),
    ("a short cut block before a preposition", REJOIN,
     "今天是元旦，首都各界人士\n\n在人民大会堂举行新年茶话会。\n",
     "今天是元旦，首都各界人士\n\n在人民大会堂举行新年茶话会。\n",
     "今天是元旦，首都各界人士在人民大会堂举行新年茶话会。\n",
     "no word spans the break and the first block is heading-short; nothing says the open end is a cut"),
    ("a photo caption cut in two", REJOIN,
     "图为参加活动的群众\n\n在广场上合影留念。\n",
     "图为参加活动的群众\n\n在广场上合影留念。\n",
     "图为参加活动的群众在广场上合影留念。\n",
     "a caption never joins (it is a closed kind), even when it is cut mid-sentence"),
    ("a dateline cut before 电", REJOIN,
     "据新华社北京1月1日\n\n电 今天是元旦。\n",
     "据新华社北京1月1日\n\n电 今天是元旦。\n",
     "据新华社北京1月1日电 今天是元旦。\n",
     "the second block starts with one character, but a dateline is only recognized whole"),
]
