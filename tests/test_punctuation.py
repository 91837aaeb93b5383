"""The punctuation pass: rows that fire next to protected spans that must not change."""

from __future__ import annotations

import pytest
import regex

from cleaner import Pipeline
from conftest import seed_text

pp = Pipeline(["punctuation"])

FIRES = [
    ("a headline's space after a colon", "本报珀斯1月16日电记者许立群报道： 中国选手", "本报珀斯1月16日电记者许立群报道：中国选手"),
    ("a headline's space before a bracket", "首都各界人士欢聚一堂 （附图片1张）", "首都各界人士欢聚一堂（附图片1张）"),
    ("a headline's space after a square bracket", "第二百四十四条【强迫劳动罪】 以暴力", "第二百四十四条【强迫劳动罪】以暴力"),
    ("comma after Han", "各级党委,推动落实。", "各级党委，推动落实。"),
    ("colon, semicolon, question, exclamation", "思路是:坚持;对吗?好!", "思路是：坚持；对吗？好！"),
    ("brackets around Chinese", "党委(党组)书记", "党委（党组）书记"),
    ("brackets around Latin after Han", "多学科联合诊疗(MDT)服务", "多学科联合诊疗（MDT）服务"),
    ("sentence-final period", "这是第一句.这是第二句.", "这是第一句。这是第二句。"),
    ("percentage clause comma", "比例分别达到100%,50%的目标", "比例分别达到100%，50%的目标"),
    ("comma after a percentage before Han", "达到100%,鼓励民营医院", "达到100%，鼓励民营医院"),
    ("comma after a closing bracket", "服务站(室),强化能力", "服务站（室），强化能力"),
    ("straight quotes paired", '把握"学思想、强党性"总要求', "把握“学思想、强党性”总要求"),
    ("quote opening a paragraph", '"在建新功上还有差距。"区教育党工委书记说', "“在建新功上还有差距。”区教育党工委书记说"),
    ("nested quotes", '他说：“要解决"一院一卡"问题。”', "他说：“要解决‘一院一卡’问题。”"),
    ("comma after a closing quote", '抓实"统学",压实责任', "抓实“统学”，压实责任"),
    ("ellipsis", "等等...还有。。。", "等等……还有……"),
    ("full-width digits and letters", "１９９８年ＭＤＴ模式", "1998年MDT模式"),
    ("space after full-width punctuation", "加强防控。 持续推进", "加强防控。持续推进"),
    ("space after a converted comma", "相关要求, 高站位谋划", "相关要求，高站位谋划"),
    ("space between a stop and a closing quote", "他问大家：“不是更凉快吗？ ”童志成来不及回答。",
     "他问大家：“不是更凉快吗？”童志成来不及回答。"),
    ("space before an opening quote", "整改106条。坚持 “当下改”与“长久立”相结合。", "整改106条。坚持“当下改”与“长久立”相结合。"),
    ("single dash where double dashes are the rule",
     "标题——副题。正文——说明。中国行—中医药活动", "标题——副题。正文——说明。中国行——中医药活动"),
    ("OCR 一一 before a title", "开展活动一一《健康中国》宣讲", "开展活动——《健康中国》宣讲"),
    ("tight list numbering", "1.毫不放松。\n2.科学精准。\n31. 持续加强。", "1.毫不放松。\n2.科学精准。\n31.持续加强。"),
]

UNCHANGED = [
    ("decimal amount", "全市完成投资1.05亿元"),
    ("thousands", "共1,000人参加"),
    ("per mille and percent", "出生率12.5‰，增长32.5%。"),
    ("range", "每年确定1-2个重点难点问题"),
    ("designation", "换装歼-10C后首次飞赴中东"),
    ("list numbering", "1.毫不放松压实责任"),
    ("time", "会议于10:30开始"),
    ("ratio", "比分是3:2"),
    ("URL", "详见http://www.gov.cn/a.html?x=1,y=2。"),
    ("e-mail", "来信请寄news@example.com。"),
    ("Latin sentence", "He said: yes, it works (mostly)."),
    ("Latin inside Chinese", "使用Python, Java和C++开发"),
    ("connector dash", "参加了东盟—中日韩会议，中国—东盟关系"),
    ("the word 一一", "对问题一一作答，一一对应"),
    ("list numbering with spaces when the document uses them", "1. 第一条。\n2. 第二条。"),
    ("odd straight quotes the context cannot settle", '他说"好的，有人说"不行，也有人"反对'),
    ("already full-width", "他说：“好，我们明天去（北京）。”"),
    ("apostrophe in Latin", "It's John's book"),
    ("space in a headline after a question mark", "检查检验结果如何互认？ 医疗卫生机构信息这样“破堵点”"),
    ("space in a headline between title and subtitle", "赓续百年初心 担当育人使命"),
    ("version and code", "升级到`v1.2.3`版本"),
]


@pytest.mark.parametrize("name,text,expected", FIRES, ids=[r[0] for r in FIRES])
def test_fires(name: str, text: str, expected: str) -> None:
    assert pp(text) == expected
    assert pp(expected) == expected


@pytest.mark.parametrize("name,text", UNCHANGED, ids=[r[0] for r in UNCHANGED])
def test_unchanged(name: str, text: str) -> None:
    assert pp(text) == text


def test_traditional_style() -> None:
    styled = Pipeline(["punctuation"], options={"punctuation": {"style": "traditional"}})
    assert styled('他说"好"。') == "他说「好」。"
    assert styled("他说“要‘快’”。") == "他说「要『快』」。"


ASCII_NEXT_TO_HAN = regex.compile(r'\p{Han}[,;:?!()"]|[,;:?!()"]\p{Han}')


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_seeds_have_no_ascii_marks_next_to_han(prefix: str) -> None:
    out = Pipeline(["normalize", "rejoin", "punctuation"])(seed_text(prefix))
    assert not ASCII_NEXT_TO_HAN.findall(out)


def test_seed_protected_spans_survive() -> None:
    out = Pipeline(["normalize", "rejoin", "punctuation"])(seed_text("002"))
    for span in ["1.毫不放松", "1-2个" if "1-2个" in seed_text("002") else "1.", "90%、65%", "31.持续"]:
        assert span in out, span
    out0 = Pipeline(["normalize", "rejoin", "punctuation"])(seed_text("000"))
    assert "1.05亿元" in out0 and "歼-10C" in out0


@pytest.mark.parametrize("text, expected", [
    ("第一条【侵犯公民个人信息罪】 违反国家有关规定，向他人出售。", "第一条【侵犯公民个人信息罪】违反国家有关规定，向他人出售。"),
    ("第二条【追诉期限的延长 】在人民检察院立案侦查以后，逃避侦查。", "第二条【追诉期限的延长】在人民检察院立案侦查以后，逃避侦查。"),
    ("增长率可达8.2% ，高于此前预测的7.5% 。", "增长率可达8.2%，高于此前预测的7.5%。"),
    ("见第三条 【总则】。", "见第三条【总则】。"),
])
def test_spaces_beside_square_brackets_and_after_a_percent_go(text: str, expected: str) -> None:
    assert Pipeline(["punctuation"])(text) == expected
