"""Rejoin on the text Tesseract gives of news pages: a paragraph's first line, short by the
indent OCR dropped. Rows that change next to rows that must not."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

rj = Pipeline(["normalize", "rejoin"])

#: A column 14 characters wide; each paragraph's first line is two characters short (its indent).
FIRST = "当他们听说有些区县因为地"
REST = ["方保护主义，停止审批乡镇卫星", "小网，要求群众等待以城市为中", "心的光纤大网建成后再收看中央",
        "卫星电视节目时，他们奔走呼吁。"]
OTHER = ["事实证明，在幅员辽阔、居", "住分散、农民收入较低的广大农", "村，实现广播电视尽快覆盖的最",
         "好办法，是加快建设卫星有线电", "视小网。"]


def test_a_first_line_short_by_the_indent_is_joined() -> None:
    text = "\n".join([FIRST, *REST]) + "\n\n" + "\n".join(OTHER) + "\n"
    result = rj.run(text)
    assert result.text == FIRST + "".join(REST) + "\n\n" + "".join(OTHER) + "\n"
    assert sum(e.rule == "rejoin.line.indent" for e in result.edits) == 2


@pytest.mark.parametrize("first", [
    # a dateline with the date in Chinese numerals, the reporter's name cut across the break
    "本报北京一月十九日讯记者杨振武、孟宪励从此间召开的全国档案局长馆长会议上了解到，档案工作卓有成效。",
    "本报北京1月15日讯记者杨健报道：到21世纪初，我国科技体制新框架将逐步形成。",
], ids=["a date in Chinese numerals", "a date in digits"])
def test_a_first_line_that_opens_with_a_dateline_is_joined(first: str) -> None:
    # No clause mark on the first line and no word across the break: but a headline
    # never opens with a dateline.
    lines = column(first)
    result = rj.run("\n".join(lines) + "\n\n" + "\n".join(OTHER) + "\n")
    assert result.text.split("\n\n")[0] == first
    assert any(e.rule == "rejoin.line.indent" and e.source_start == len(lines[0]) for e in result.edits)


def test_a_line_with_an_unclosed_square_bracket_goes_on() -> None:
    # A law article's title in 【】 wrapped before its closing half.
    article = "第二百三十八条【非法拘禁罪】非法拘禁他人或者以其他方法非法剥夺他人人身自由的，处三年以下有期徒刑。"
    result = rj.run("\n".join(column(article)) + "\n\n" + "\n".join(OTHER) + "\n")
    assert result.text.split("\n\n")[0] == article
    assert any("unclosed" in e.reason for e in result.edits)


ARTICLE = "第八十七条【追诉时效期限】犯罪经过下列期限不再追诉："


def test_a_numbered_article_cut_by_a_blank_line_is_joined() -> None:
    # Tesseract set a blank line inside the article: a list item may be cut like prose.
    text = page("\n".join(column(STORY)), ARTICLE[:20] + "\n\n" + ARTICLE[20:], "\n".join(column(NEXT)))
    result = rj.run(text)
    assert result.text == page(STORY, ARTICLE, NEXT)
    assert any(e.rule == "rejoin.join.paragraph" for e in result.edits)


def test_a_chapter_heading_is_not_joined_to_the_paragraph_after_it() -> None:
    text = page("\n".join(column(STORY)), "第六章 妨害社会管理秩序罪", "\n".join(column(NEXT)))
    assert rj(text) == page(STORY, "第六章 妨害社会管理秩序罪", NEXT)


#: A paragraph after each row, so the column width is measured as on a page.
AFTER = "\n\n" + "\n".join(OTHER) + "\n"
JOINED_AFTER = "\n\n" + "".join(OTHER) + "\n"

DATELINED = ["业部为满足各大医院的医疗需要，", "采用电话指导及时排除故障。经", "过电话及时指导，便可立即排除",
             "故障或进入正常操作。"]

#: (name, text, expected, first lines joined): the headline (or short sentence) stays apart, a first line goes on.
INDENT_UNCHANGED = [
    # A headline as wide as a first line, over a paragraph's first line (short by its indent).
    ("a headline over a first line", "电话指导排除医疗仪器故障\n本报讯中国惠普医疗产品事\n" + "\n".join(DATELINED),
     "电话指导排除医疗仪器故障\n\n本报讯中国惠普医疗产品事" + "".join(DATELINED), 1),
    # A headline over an unindented line that fills the column and opens like a paragraph.
    ("a headline over a full line", "乡镇卫星小网建设前景广阔\n据悉，各地已停止审批乡镇卫星\n" + "\n".join(REST[1:]),
     "乡镇卫星小网建设前景广阔\n\n据悉，各地已停止审批乡镇卫星" + "".join(REST[1:]), 0),
    # A first line with no clause mark over a full line: nothing speaks against the join.
    ("a first line with no clause mark", "其他国家机关工作人员违反\n" + "\n".join(REST),
     "其他国家机关工作人员违反" + "".join(REST), 1),
    # The first line ends a sentence: a paragraph of its own.
    ("a short sentence", "今年是改革开放二十周年。\n" + "\n".join(REST),
     "今年是改革开放二十周年。\n\n" + "".join(REST), 0),
]


@pytest.mark.parametrize("name,text,expected,joined", INDENT_UNCHANGED, ids=[r[0] for r in INDENT_UNCHANGED])
def test_indent_rule_leaves_alone(name: str, text: str, expected: str, joined: int) -> None:
    result = rj.run(text + AFTER)
    assert result.text == expected + JOINED_AFTER
    assert sum("rejoin.line.indent" in (e.rule or "") for e in result.edits) == joined + 1  # and the paragraph after


# --- a block inserted in a story (a boxed story, a caption) -----------------------------------

def column(text: str, width: int = 14, indent: bool = True) -> list[str]:
    """``text`` as OCR reads a column ``width`` characters wide: the first line short by the
    indent it dropped."""
    lines, first = [], width - 2 if indent else width
    lines.append(text[:first])
    text = text[first:]
    while text:
        lines.append(text[:width])
        text = text[width:]
    return lines


STORY = ("他说，建设中央卫星广播电视全国农村接收系统，是一项立足长远、缩小城乡差别的工作。正如广电部的有关"
         "通知指出的，这项工作必须加大力度，推进基层有线电视网的建设，特别是村镇的有线电视网。")
CUT = 4  # the box's top edge falls after four lines: a full line, mid-sentence
NEXT = "为此，华广公司正与各地广播电视部门通力合作，依靠广大农民群众做好这项工作，让农民看上好节目。"
BOX = ["树立事物发展的过程意识", "本报西安7月17日讯",
       "\n".join(column("对此，浮躁虚夸之风之所以在一些地方蔓延，一个深层次的原因是某些领导干部脑子里缺乏过程意识。"))]
CAPTION = "图为沈阳游客在新落成的广场参观。新华社记者 张卫东摄"


def page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def test_column_geometry_of_the_rows() -> None:
    first = column(STORY)
    assert len(first[CUT - 1]) == 14 and first[CUT - 1].endswith("，")  # the cut ends with a full line


def test_a_story_resumes_after_a_boxed_story_which_moves_after_it() -> None:
    lines = column(STORY)
    text = page("\n".join(lines[:CUT]), *BOX, "\n".join(lines[CUT:]), "\n".join(column(NEXT)))
    result = rj.run(text)
    assert result.text == page(STORY, NEXT, BOX[0], BOX[1], BOX[2].replace("\n", ""))
    rules = {r for e in result.edits for r in (e.rule or "").split("+")}
    assert {"rejoin.join.inserted", "rejoin.move.inserted"} <= rules
    assert any("moved after the story ends" in e.reason for e in result.edits)
    assert rj(result.text) == result.text


def test_moved_blocks_give_one_text_whether_the_edits_are_read_or_not() -> None:
    """Where blocks move, the between stage's edits come as a diff of the moved stretch merged
    with the joins around it; the rewrite path applies them as they are made, so it is checked
    against the edits' own text, with joins before, inside and after the stretch."""
    from cleaner.passes import rejoin

    lines = column(STORY)
    story = page("\n".join(lines[:CUT]), *BOX, "\n".join(lines[CUT:]), "\n".join(column(NEXT)))
    before = "\n".join(column(OTHER[0] + "".join(OTHER[1:])))
    for text in (story, page(before, story), page(story, before), page(before, story, before)):
        result = rj.run(text)
        assert any("rejoin.move" in (e.rule or "") for e in result.edits)
        normalized = Pipeline(["normalize"])(text)
        assert rejoin.rewrite(normalized) == result.text == Pipeline(["rejoin"]).run(normalized).text


def test_a_story_resumes_after_a_caption_which_moves_after_it() -> None:
    lines = column(STORY)
    text = page("\n".join(lines[:CUT]), CAPTION, "\n".join(lines[CUT:]), "\n".join(column(NEXT)))
    assert rj(text) == page(STORY, NEXT, CAPTION)


@pytest.mark.parametrize("cut", [17, 18, 19], ids=["新 / 华社记者", "新华 / 社记者", "新华社 / 记者"])
def test_a_caption_wrapped_inside_its_photo_credit_is_one_line(cut: int) -> None:
    # The caption is wider than the column: its credit wraps, and the caption goes on into it.
    lines = column(STORY)
    text = page("\n".join(lines), CAPTION[:cut] + "\n" + CAPTION[cut:], "\n".join(column(NEXT)))
    result = rj.run(text)
    assert result.text == page(STORY, CAPTION, NEXT)
    assert any(e.rule == "rejoin.line.evidence" and e.source_start == text.index(CAPTION[:cut]) + cut
               for e in result.edits)


def test_a_caption_does_not_go_on_into_prose() -> None:
    # What follows an open caption is the story, not the rest of a credit.
    text = page("\n".join(column(STORY)), CAPTION[:17] + "\n" + "\n".join(column(NEXT, indent=False)))
    assert rj(text).split("\n\n")[1] == CAPTION[:17]


LAW = ("第一百七十八条【伪造、变造国家有价证券罪】伪造、变造国库券或者国家发行的其他有价证券，数额较大的，"
       "处三年以下有期徒刑或者拘役，并处二万元以上二十万元以下罚金；数额巨大的，处三年以上十年以下有期徒刑。")


def test_a_numbered_article_resumes_after_a_boxed_story() -> None:
    # A list item is cut by a box's edge as prose is.
    lines = column(LAW)
    text = page("\n".join(lines[:CUT]), *BOX, "\n".join(lines[CUT:]), "\n".join(column(NEXT)))
    result = rj.run(text)
    assert result.text == page(LAW, NEXT, BOX[0], BOX[1], BOX[2].replace("\n", ""))
    assert any("rejoin.join.inserted" in (e.rule or "") for e in result.edits)


#: Tesseract's text of a page (the check set, check-16): the page's headline read between
#: two lines of a column, where a word spans the cut (仍大 / 量排放).
HEADLINE_INSIDE = ("本报讯记者白剑峰报道：根据《淮河流域水污\n\n染防治暂行条例》规定，1月1日零点以后，沿淮所\n\n"
                   "有工业污染源必须达标排放。然而，山东临沂造纸\n\n厂置国法不顾，在治污设施未完工的情况下，仍大\n\n"
                   "中科院完成整体定位建设科技国家队\n\n"
                   "量排放超标废水，黑色的造纸原液泛着厚厚的白沫，\n滚滚流向京杭运河，给下游造成严重污染。1月8日，\n"
                   "该造纸厂被当地政府责令关停。\n\n"
                   "临沂造纸厂是淮河流域日排废水100吨以上的“\n污染大户”。由于受经济利益驱动，该厂没有按规\n"
                   "定关停，而是继续开足马力生产，致使污水未经任\n何处理，直接排入河道。\n")


def test_a_headline_read_inside_a_paragraph_moves_alone() -> None:
    # The block right after the headline opens full and a word spans the cut into it: it is
    # the continuation, not the headline's text, and the headline alone moves after the story.
    result = rj.run(HEADLINE_INSIDE)
    paragraphs = result.text.rstrip("\n").split("\n\n")
    assert paragraphs[0].endswith("仍大量排放超标废水，黑色的造纸原液泛着厚厚的白沫，滚滚流向京杭运河，给下游造成严重"
                                  "污染。1月8日，该造纸厂被当地政府责令关停。")
    assert paragraphs[1].startswith("临沂造纸厂是淮河流域") and paragraphs[2] == "中科院完成整体定位建设科技国家队"
    assert any("rejoin.move.inserted" in (e.rule or "") for e in result.edits)
    assert rj(result.text) == result.text


def _rows_unchanged() -> list[tuple[str, str]]:
    lines = column(STORY)
    own_cut = column("对此，浮躁虚夸之风之所以在一些地方蔓延，一个深层次的原因是某些领导干部脑子里缺乏过程意识，而把")
    return [
        # After the box a paragraph starts (its first line short by its indent): not the continuation.
        ("a new paragraph after the box", page("\n".join(lines[:CUT]), *BOX, "\n".join(column(NEXT)))),
        # The box's own text is cut too, and the continuation's start reads on from it as well.
        ("the box's text cut too", page("\n".join(lines[:CUT]), BOX[0], BOX[1], "\n".join(own_cut[:3]),
                                         "\n".join(column("的成绩。" + NEXT, indent=False)))),
        # A caption between two whole paragraphs.
        ("a caption between paragraphs", page("\n".join(column(NEXT)), CAPTION, "\n".join(column(STORY)))),
    ]


@pytest.mark.parametrize("name,text", _rows_unchanged(), ids=[r[0] for r in _rows_unchanged()])
def test_inserted_blocks_left_where_they_stand(name: str, text: str) -> None:
    result = rj.run(text)
    rules = {r for e in result.edits for r in (e.rule or "").split("+")}
    assert not rules & {"rejoin.join.inserted", "rejoin.move.inserted"}
    heads = [b for b in result.text.split("\n\n") if b.strip() in (BOX[0], CAPTION)]
    assert heads and result.text.index(heads[0]) < len(result.text) - len(heads[0]) - 40


# --- headlines and bylines wrapped over a block of short lines ---------------------------------

WRAPPED = [
    ("a headline wrapped, a word across", "树立事物发展是一个过\n程的意识", "树立事物发展是一个过程的意识"),
    ("a headline over three lines", "一九九七年全球企业兼\n并创纪录美国占兼并总\n额半数以上", "一九九七年全球企业兼并创纪录美国占兼并总额半数以上"),
    ("a byline's name", "本报武汉9月11日电 记者 李\n红梅", "本报武汉9月11日电 记者 李红梅"),
]

NOT_WRAPPED = [
    "电话指导排除医疗仪器故障\n本报讯中国惠普医疗产品事",  # a headline over its dateline
    "救灾又见子弟兵\n李德民",  # a title over its author's name
    "第八节 时效\n第八十七条【追诉时效期限】",  # a section heading over an article
    "职务：乡长\n荣誉：全国劳动模范",  # labels
    "增强产品市场竞争能力\n一个产业的兴衰，最终取决于",  # a subheading over a paragraph's first line
]


def _in_a_page(block: str) -> str:
    """``block`` between two paragraphs of a 14-character column, so the width is measured."""
    return page("\n".join(column(NEXT)), block, "\n".join(column(STORY)))


@pytest.mark.parametrize("name,block,joined", WRAPPED, ids=[r[0] for r in WRAPPED])
def test_a_wrapped_headline_or_byline_is_joined(name: str, block: str, joined: str) -> None:
    result = rj.run(_in_a_page(block))
    assert result.text.split("\n\n")[1] == joined
    assert any("rejoin.line.headline" in (e.rule or "") for e in result.edits)


@pytest.mark.parametrize("block", NOT_WRAPPED)
def test_lines_that_are_not_one_headline_stay_apart(block: str) -> None:
    result = rj.run(_in_a_page(block))
    assert not any("rejoin.line.headline" in (e.rule or "") for e in result.edits)
    assert block.split("\n")[0] in result.text.split("\n\n")


def test_a_first_line_ocr_set_apart_joins_the_block_that_opens_full() -> None:
    # Tesseract made the dateline's first line a paragraph of its own; the rest opens full.
    rest = column("业部为满足各大医院的医疗需要，采用电话指导及时排除故障，提高了医疗设备的使用率。", indent=False)
    text = page("\n".join(column(NEXT)), "本报讯中国惠普医疗产品事", "\n".join(rest))
    result = rj.run(text)
    assert result.text.split("\n\n")[1] == "本报讯中国惠普医疗产品事" + "".join(rest) + "\n"
    assert any("indent OCR dropped" in e.reason for e in result.edits)


def test_a_headline_set_apart_stays_before_a_block_that_opens_full() -> None:
    # As wide as a first line, but nothing reads on across the break: a headline.
    rest = column("各地党委和政府要高度重视，把建网工作列入议事日程，切实抓紧抓好。", indent=False)
    text = page("\n".join(column(NEXT)), "乡镇卫星小网建设前景广阔", "\n".join(rest))
    assert rj(text).split("\n\n")[1] == "乡镇卫星小网建设前景广阔"


#: A story's last lines, then the labelled lines of a profile box (Tesseract's reading of the
#: OCR development pages: a colon misread with spaces, a value wrapped onto a second line).
PROFILE_STORY = ["世界银行专家认为，今年一季度", "的增长率可达8.2%，高于此前", "预测的7.5%。"]
PROFILE = ["工作单位: 河南省新县八里畈镇", "丁李湾村", "职务: 村党支部书记", "荣誉: 全国优秀共产党员"]


def test_labelled_lines_stand_apart_from_the_story_and_each_other() -> None:
    text = "\n".join(PROFILE_STORY + PROFILE) + AFTER
    got = rj.run(text)
    paras = got.text.split("\n\n")
    assert paras[:4] == ["世界银行专家认为，今年一季度的增长率可达8.2%，高于此前预测的7.5%。",
                         "工作单位: 河南省新县八里畈镇丁李湾村", "职务: 村党支部书记", "荣誉: 全国优秀共产党员"]
    # the story's short last line ends it anyway (rejoin.split.stop); each label starts its own line
    assert sum(e.rule == "rejoin.split.label" for e in got.edits) == 2


@pytest.mark.parametrize("lines", [
    # a sentence after a stop that opens with a short subject and a colon, going on with clauses
    ["发展的文章，约有半数涉及“可持", "续发展”。它的涵义是什么？", "它的涵义：发展在满足当代人的", "需要时，不对后代构成危害。"],
    # a quotation after the colon
    ["记者问他为什么要买这样的年画", "。他回答说很喜欢这一幅。", "他说：“因为明年是虎年。”"],
])
def test_a_colon_inside_prose_is_no_label(lines: list[str]) -> None:
    got = rj.run("\n".join(lines) + AFTER)
    assert not any(e.rule == "rejoin.split.label" for e in got.edits)


# --- a dateline starts a paragraph --------------------------------------------------------

DATELINE_STORY = ("据新华社东京1月18日电（记者俞宜国）在今天结束的日本羽毛球公开赛上，中国运动员成绩喜人，"
                  "包揽了女单和女双两项比赛的冠亚军，还获得了男双亚军。")


def test_a_line_opening_with_a_dateline_is_not_joined_to_a_full_line_before_it() -> None:
    headline = "羽毛球公开赛中国选手获两金"  # as wide as the column (14)
    text = "\n".join([headline, *column(DATELINE_STORY, 14, indent=False)]) + AFTER
    result = rj.run(text)
    assert result.text == headline + "\n\n" + DATELINE_STORY + JOINED_AFTER
    assert [e.rule for e in result.edits].count("rejoin.split.dateline") == 1


def test_a_dateline_cited_after_a_clause_mark_goes_on() -> None:
    first = "他说中国选手表现很出色。另据"  # a full line (14): the sentence goes on
    text = "\n".join([first, *column(DATELINE_STORY[1:], 14, indent=False)]) + AFTER
    assert rj.run(text).text == first + DATELINE_STORY[1:] + JOINED_AFTER


def test_a_dateline_whose_one_ocr_misread_still_starts_a_paragraph() -> None:
    headline = "李鹏主持总结三峡一期建设情况"
    story = "新华社北京]月12日电（记者张宿堂）国务院总理李鹏今天上午主持召开国务院三峡建设委员会第七次全体会议。"
    text = headline + "\n\n" + "\n".join(column(story, 14, indent=False)) + AFTER
    assert rj.run(text).text == headline + "\n\n" + story + JOINED_AFTER


# --- a headline in larger type whose lines OCR set apart by blank lines ----------------------

HEADLINE_BLOCKS = [
    # (name, the headline's blocks, joined)
    ("a word spans the blank line", ["中科院完成整体定位建", "设科技国家队"], True),
    ("lines as wide as each other", ["去年工业生产稳定增长主要", "产品受市场影响较为明显"], True),
    ("a two-line block and a last line", ["贾庆林在北京经济工作\n会上提出稳中求进加快", "首都经济发展"], True),
    ("a subtitle under its headline (a dash marks it)", ["推进主题教育走深走实见效", "——第二批主题教育扎实"], False),
    ("a line printed twice", ["各地推进主题教育走深走实", "各地推进主题教育走深走实"], False),
    ("single characters", ["生", "息"], False),
    ("rows of a table", ["名称收盘开盘最高最低", "上证1194·101200·95"], False),
]


@pytest.mark.parametrize("name,pieces,joined", HEADLINE_BLOCKS, ids=[r[0] for r in HEADLINE_BLOCKS])
def test_a_headline_wrapped_over_blocks(name: str, pieces: list[str], joined: bool) -> None:
    result = rj.run("\n\n".join(pieces) + AFTER)
    one = "".join(p.replace("\n", "") for p in pieces)
    assert (result.text == one + JOINED_AFTER) is joined
    if joined:
        assert any(e.rule == "rejoin.join.headline" for e in result.edits)
