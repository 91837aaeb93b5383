"""The rejoin pass: rows that fire next to rows that must not change, and the seed cases."""

from __future__ import annotations

import pytest

from cleaner import Pipeline
from cleaner.passes import rejoin
from conftest import seed_text

rj = Pipeline(["normalize", "rejoin"])

# Hard-wrapped lines (blank-line separated paragraphs, every printed line a line).
COLUMN = "\n".join([
    "新华社北京1月1日电 今天是一九九八年元旦，",
    "首都各界人士在人民大会堂举行新年茶话会，",
    "共同迎接新年的到来。江泽民主席发表了讲话。",
    "",
    "他说，过去的一年是我国改革开放和现代化建",
    "设取得重大成就的一年，全国各族人民团结一",
    "心，克服困难，完成了全年的主要任务。",
]) + "\n"

FIRES = [
    ("word spans the break", "届时他们将同多国表演队共舞蓝天。据悉，他们根据气\n\n象条件编排了动作。\n",
     "届时他们将同多国表演队共舞蓝天。据悉，他们根据气象条件编排了动作。\n"),
    ("particle starts the next block", "他们参加晨交班和现场办公，了解科室急需解决\n\n的问题，提出意见。\n",
     "他们参加晨交班和现场办公，了解科室急需解决的问题，提出意见。\n"),
    ("one character and a comma", "各级党委普遍把办好群众的操心\n\n事、烦心事作为重要内容。\n",
     "各级党委普遍把办好群众的操心事、烦心事作为重要内容。\n"),
    ("conjunction left open", "记者了解到。书记告诉记者，虽然\n\n全区教育人紧紧围绕目标。\n",
     "记者了解到。书记告诉记者，虽然全区教育人紧紧围绕目标。\n"),
    ("unclosed quotation", "推动纳入市级主管部门“一\n\n把手”工程。\n", "推动纳入市级主管部门“一把手”工程。\n"),
    ("prose with an earlier stop", "落实中心任务。西藏持续把活动情况纳入\n\n述职评议考核。\n",
     "落实中心任务。西藏持续把活动情况纳入述职评议考核。\n"),
    ("stray markup", "甲说了话。\n\n> 乙也说了话。\n", "甲说了话。\n\n乙也说了话。\n"),
    ("blank-line runs", "甲。\n\n\n\n乙。\n\n\n", "甲。\n\n乙。\n"),
    ("OCR space inside a word", "他们积极引 导团员和青年深化岗位建功。\n", "他们积极引导团员和青年深化岗位建功。\n"),
    ("spaced-out digits", "他出生于1 9 9 8年。\n", "他出生于1998年。\n"),
    ("glued heading at a block start", "前言。\n\n八大目标任务提升群众就医体验 发布会上公布的数据显示，医院已接入平台。\n",
     "前言。\n\n八大目标任务提升群众就医体验\n\n发布会上公布的数据显示，医院已接入平台。\n"),
    ("glued heading between sentences",
     "前言。\n\n目标是让公众有获得感。各地积极推动卫生健康信息互通共享 重复检查检验，是群众反映强烈的问题。\n",
     "前言。\n\n目标是让公众有获得感。\n\n各地积极推动卫生健康信息互通共享\n\n重复检查检验，是群众反映强烈的问题。\n"),
    ("hard-wrapped column", COLUMN,
     "新华社北京1月1日电 今天是一九九八年元旦，首都各界人士在人民大会堂举行新年茶话会，"
     "共同迎接新年的到来。江泽民主席发表了讲话。\n\n"
     "他说，过去的一年是我国改革开放和现代化建设取得重大成就的一年，全国各族人民团结一"
     "心，克服困难，完成了全年的主要任务。\n"),
    ("a hyphen at a wrap is kept", "COVID-\n19 is a disease.\n\nThis is a new paragraph.\n",
     "COVID-19 is a disease.\n\nThis is a new paragraph.\n"),
    ("closing punctuation on its own line", "前言。\n\n他们来到了车间\n。\n\n下一段。\n", "前言。\n\n他们来到了车间。\n\n下一段。\n"),
    ("a list item after a full line", "一、我国科学家在世界上成功构建高分辨率的\n水稻基因组物理全图和首次配制出转基因杂交稻。\n"
     "二、长江三峡工程截流成功。\n\n三、“风云二号”气象卫星发射成功。这对准\n确进行中长期天气预报具有重要作用。\n",
     "一、我国科学家在世界上成功构建高分辨率的水稻基因组物理全图和首次配制出转基因杂交稻。\n\n"
     "二、长江三峡工程截流成功。\n\n三、“风云二号”气象卫星发射成功。这对准确进行中长期天气预报具有重要作用。\n"),
    ("one paragraph a line, wrapped, indented starts",
     "　　新华社北京1月1日电　今天是一九九八年元旦，首都各界人士\n在人民大会堂举行新年茶话会，共同迎接新年的到来。江泽民\n"
     "主席发表了讲话。\n　　他说，过去的一年是我国改革开放和现代化建设取得重\n大成就的一年，全国各族人民团结一心，完成了全年的主要\n"
     "任务。\n　　新的一年开始了。\n",
     "新华社北京1月1日电　今天是一九九八年元旦，首都各界人士在人民大会堂举行新年茶话会，共同迎接新年的到来。江泽民主席发表了讲话。\n\n"
     "他说，过去的一年是我国改革开放和现代化建设取得重大成就的一年，全国各族人民团结一心，完成了全年的主要任务。\n\n新的一年开始了。\n"),
    # a PDF extractor's or OCR engine's output with no blank line between paragraphs: the
    # lines are a page's wrapped lines, so each break is decided; paragraphs come out apart
    ("one paragraph a line by its blank lines, but wrapped at a column",
     "一、总体要求\n坚持以人民为中心的发展思想，推动治理重心向基\n层下移，把更多资源、服务、管理放到社区，为居民\n"
     "提供精准化、精细化服务，不断增强人民群众的获得\n感、幸福感、安全感。\n二、主要任务\n"
     "加强乡镇党委对基层各类组织和各项工作的统一领\n导，完善村组织体系，推动基层治理资源整合。\n",
     "一、总体要求\n\n坚持以人民为中心的发展思想，推动治理重心向基层下移，把更多资源、服务、管理放到社区，为居民"
     "提供精准化、精细化服务，不断增强人民群众的获得感、幸福感、安全感。\n\n二、主要任务\n\n"
     "加强乡镇党委对基层各类组织和各项工作的统一领导，完善村组织体系，推动基层治理资源整合。\n"),
    ("a heading after a full line that ends a sentence",
     "天文学家们解释说，这些恒星之外的天体从恒星表面\n吸引出大量气体和尘埃，最终形成美不胜收的景象。\n控制基因有利保存\n"
     "据报道，美国戴维斯加利福尼亚大学的研究人员发\n现了能够控制水果表皮扩张的一种基因，意义重大。\n\n第二段。\n",
     "天文学家们解释说，这些恒星之外的天体从恒星表面吸引出大量气体和尘埃，最终形成美不胜收的景象。\n\n控制基因有利保存\n\n"
     "据报道，美国戴维斯加利福尼亚大学的研究人员发现了能够控制水果表皮扩张的一种基因，意义重大。\n\n第二段。\n"),
    ("a first line short by the indent OCR dropped, after a full line that ends a sentence",
     "他说，过去的一年是我国改革开放和现代化建设取得\n重大成就的一年，全国各族人民团结一心，完成了全\n"
     "年的主要任务，各项事业都有了新的发展和进步。\n新的一年开始了，让我们携手并进，共同奋斗，\n"
     "创造更加美好的未来，迎接新的胜利和新的挑战。\n\n第二段。\n",
     "他说，过去的一年是我国改革开放和现代化建设取得重大成就的一年，全国各族人民团结一心，完成了全"
     "年的主要任务，各项事业都有了新的发展和进步。\n\n新的一年开始了，让我们携手并进，共同奋斗，"
     "创造更加美好的未来，迎接新的胜利和新的挑战。\n\n第二段。\n"),
    # an official notice (公文): its title wraps at a word's end, and its addressees
    # (主送机关) stand on their own line, though that line fills the column
    ("an official document's title and addressees",
     "某某市人民政府办公厅关于进一步加强\n基层治理工作的通知\n\n各区县人民政府，市政府各部门，各直属机构：\n"
     "为深入贯彻落实党中央关于加强基层治理体系和治\n理能力现代化建设的决策部署，进一步提升我市基层\n"
     "治理水平，经市政府同意，现就有关事项通知如下。\n",
     "某某市人民政府办公厅关于进一步加强基层治理工作的通知\n\n各区县人民政府，市政府各部门，各直属机构：\n\n"
     "为深入贯彻落实党中央关于加强基层治理体系和治理能力现代化建设的决策部署，进一步提升我市基层"
     "治理水平，经市政府同意，现就有关事项通知如下。\n"),
    ("Latin words across a wrap", "The quick brown fox jumps\nover the lazy dog and\nthen the fox runs far\n"
     "away from the dog now\nfor good.\n\nNext.\n",
     "The quick brown fox jumps over the lazy dog and then the fox runs far away from the dog now for good.\n\nNext.\n"),
]

UNCHANGED = [
    ("a heading before prose", "多彩活动迎端午\n\n端午节临近，各地举办多彩活动。\n"),
    ("a heading with commas before prose", "突出政治建设,推动基层党组织坚决做到“两个维护”\n\n各级党委坚持把政治建设贯穿始终。\n"),
    ("a subtitle", "压紧压实政治责任\n\n——2023年度述职评议考核综述\n\n新华社记者\n\n正文第一句。\n"),
    ("a marker heading", "◆办实事 以更有力举措解决群众“急难愁盼”问题\n\n红色基因代代传。\n"),
    ("a credit", "图为编队从机场启程。\n\n■新华社发\n\n（新华社北京11月7日电）\n"),
    ("a complete paragraph without a stop", "检验先锋队讲述了在异地支援疫情防控的经历\n\n据不完全统计，共举办讲习1475场。\n"),
    ("a cut with no continuation", "为开展调查研究奠定扎实的理论基\n\n坚持善作为，深入调研破解难题\n\n坚持深实细准效。\n"),
    ("a cut inside a word not completed", "为开展工作奠定扎实的理论基\n\n与此同时，外出进修的党员汇报了情况。\n"),
    ("intentional space in a headline", "紧贴基层特点 实现有效覆盖\n\n各地不断推进主题教育。\n"),
    ("dateline space", "新华社北京11月7日电 记者从教育部获悉，办法自公布之日起实施。\n"),
    ("space inside a title", "他以《赓续百年初心 担当育人使命》为题作了分享。\n"),
    ("spaced Latin and numbers in pangu style", "我们用 Python 3 写了 100 行代码。\n"),
    ("list items stay apart", "一、坚定不移巩固成果\n1.毫不放松压实责任。\n2.科学精准抓好防控。\n"),
    ("one paragraph a line", "荆门市卫生健康委员会\n2022年3月12日\n2022年全市卫生健康工作要点\n总体思路是：坚持指导。\n"),
    ("page furniture", "2023年12月22日 星期五 责编 王 露 版式 徐爱荣 校对 刘 熠\n\n正文。\n"),
    ("verse lines of one width, each ending with its stop",
     "白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n"
     "春眠不觉晓，处处闻啼鸟。\n夜来风雨声，花落知多少。\n"),
    ("articles one a line", "第一条 为了规范基层治理工作，制定本办法。\n第二条 本办法适用于本市行政区域内的基层治理。\n"
     "第三条 基层治理坚持党的领导，坚持以人民为中心。\n第四条 市人民政府统筹协调全市基层治理工作。\n"
     "第五条 区县人民政府负责本行政区域内的工作。\n"),
    ("clean prose", "第一段。\n\n第二段。\n"),
]


@pytest.mark.parametrize("name,text,expected", FIRES, ids=[r[0] for r in FIRES])
def test_fires(name: str, text: str, expected: str) -> None:
    assert rj(text) == expected


@pytest.mark.parametrize("name,text", UNCHANGED, ids=[r[0] for r in UNCHANGED])
def test_unchanged(name: str, text: str) -> None:
    assert rj(text) == text


@pytest.mark.parametrize("name,text,expected", FIRES, ids=[r[0] for r in FIRES])
def test_idempotent(name: str, text: str, expected: str) -> None:
    assert rj(expected) == expected


def test_every_edit_gives_its_evidence() -> None:
    result = rj.run(FIRES[0][1])
    [edit] = [e for e in result.edits if e.pass_name == "rejoin"]
    assert edit.rule == "rejoin.join.paragraph"
    assert "word spans the break" in edit.reason and edit.score and edit.score >= 2


# The seed cases named in the issue: pairs that must end up joined.
SEED_JOINS = {
    "000": [("新疆昭苏县乌尊布拉克", "镇充分利用"), ("主题教育开", "展过程中"), ("第二批主题教育", "开展以来"),
            ("他们根据气", "象条件"), ("歼-10C表", "演机"), ("当地统一设计、建设了", "省市二级")],
    "001": [("纳入", "述职评议考核"), ("操心", "事、烦心事"), ("“一", "把手”工程"), ("进一", "步落实"),
            ("提升卫生", "健康人才能力"), ("港珠澳大桥", "口岸日均"), ("成长", "收获与诚挚热爱")],
    "003": [("虽然", "全区教育人"), ("了解科室急需解决", "的问题")],
}


@pytest.mark.parametrize("prefix", sorted(SEED_JOINS))
def test_seed_cuts_are_joined(prefix: str) -> None:
    out = rj(seed_text(prefix))
    for left, right in SEED_JOINS[prefix]:
        assert left + right in out, (left, right)


SEED_KEPT = {
    "000": ["紧贴基层特点 实现有效覆盖", "学思想 强党性 重实践 建新功", "新华社北京11月7日电 记者",
            "\n\n（新华社北京11月7日电）\n", "\n\n■新华社发\n\n", "确保基层党员干部理论学习实在在\n\n",
            "全国基层立法联系点 已征集到群众意见建议 22000 多条\n\n",
            "检查检验结果如何互认？ 医疗卫生机构信息这样“破堵点”\n\n"],
    "001": ["坚决做到“两个维护”\n\n各级党委", "\n\n新华社记者\n\n", "\n\n多彩活动迎端午\n\n"],
    "003": ["发展奠定扎实的理论基\n\n", "让人民幸福生活更有\"医\"靠\n\n"],
    "004": ["在异地支援当地疫情防控的经历\n\n", "◆办实事 以更有力举措", "《赓续百年初心 担当育人使命》",
            "\n\n■新华社发" if False else "徐州健康热线"],
}


@pytest.mark.parametrize("prefix", sorted(SEED_KEPT))
def test_seed_structure_is_kept(prefix: str) -> None:
    out = rj(seed_text(prefix))
    for piece in SEED_KEPT[prefix]:
        assert piece in out, piece


def test_seed_000_interrupted_articles_read_in_order() -> None:
    out = rj(seed_text("000"))
    assert "可以采取个体聘请、团体聘请或个体与团体相结合的方式。" in out
    assert "25个省份开展了电子健康档案省内共享调阅" in out
    # The vocational-school article reads whole before the health-commission one.
    school = out.index("四部门修订印发《职业学校兼职教师管理办法》")
    last_school = out.index("职称职务晋升的重要参考。")
    health = out.index("国家卫健委：解决“一院一卡”等就医堵点问题")
    assert school < last_school < health
    assert out.index("健康档案省内共享调阅") < out.index("空军八一飞行表演队 应邀参加")


def test_seed_000_duplicated_cut_is_left_for_dedup() -> None:
    out = rj(seed_text("000"))
    assert "为广大\n\n群众吸纳。\n\n据悉，截至2023年5月" in out


def test_seed_000_glued_headings_split() -> None:
    out = rj(seed_text("000"))
    assert "\n\n八大目标任务提升群众就医体验\n\n发布会上公布的数据显示" in out
    assert "获得感。\n\n各地积极推动卫生健康信息互通共享\n\n重复检查检验，" in out


def test_seed_003_spaces_and_markup() -> None:
    out = rj(seed_text("003"))
    for fixed in ["市委、区委关于", "11月", "引导团员", "一体推进整改", "6所处级学校"]:
        assert fixed in out, fixed
    assert "\n> " not in out and "\n\n\n" not in out
    assert "2023年12月22日 星期五 责编 王 露" in out


def test_seed_003_displaced_continuation() -> None:
    out = rj(seed_text("003"))
    assert "有效破解了部分亟待解决的难题。" in out


def test_seed_004_untouched_structure() -> None:
    text = seed_text("004")
    normalized = Pipeline(["normalize"])(text)
    assert rj(text) == normalized


def test_seeds_idempotent(seed: str) -> None:
    once = rj(seed)
    assert rj(once) == once


def test_junction_scores_are_explained() -> None:
    verdict = rejoin.junction("各级党委普遍把办好群众的操心", "事、烦心事作为重要内容。")
    assert verdict.score >= 2 and any("one character" in e for e in verdict.evidence)
    assert rejoin.junction("第一句。", "第二句。").hard


def test_options_turn_steps_off() -> None:
    text = FIRES[0][1]
    assert Pipeline(["normalize", "rejoin"], options={"rejoin": {"paragraphs": False}})(text) == text
    spaced = "他们积极引 导团员。\n"
    assert Pipeline(["rejoin"], options={"rejoin": {"spaces": False}})(spaced) == spaced


def test_a_lone_surrogate_does_not_crash() -> None:
    text = "他们来到了车间\ud800\n\n下一段。\n"
    out = rj(text)
    assert "\ud800" in out and rj(out) == out
