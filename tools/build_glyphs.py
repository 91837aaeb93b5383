"""Build ``dictionaries/glyphs.tsv``: an OCR confusion model measured from glyphs.

Every Han character of GB 2312 (6,763, enumerated with Python's ``gb2312``
codec) is rendered in five CJK fonts Debian ships (Noto Sans CJK SC, Noto
Serif CJK SC from ``fonts-noto-cjk``; AR PL UMing CN, AR PL UKai CN from
``fonts-arphic-uming`` / ``fonts-arphic-ukai``; WenQuanYi Zen Hei from
``fonts-wqy-zenhei``). Method, per font: the glyph is drawn centred in its
em box (the font's own placement is the alignment, as on a printed line),
blurred with a Gaussian (so a stroke shifted by a pixel or two still
overlaps), reduced to a small grid, centred (mean removed) and scaled to
unit length; the similarity of two characters is the correlation of their
vectors, averaged over the fonts. Each character keeps its nearest
neighbours above a floor; the weight is that average correlation (0-1).

The blur, grid, neighbour count and floor were chosen by how many of the
confusions in a development set of real OCR errors rank among a
character's neighbours (``--calibrate FILE``, a FASPell-format file:
``n<TAB>ocr<TAB>correct``). No pair is taken from that file: the table is
computed from the glyphs alone.

Needs numpy and Pillow (a tool, not a run-time dependency) and the fonts::

    apt-get install fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
    python tools/build_glyphs.py > dictionaries/glyphs.tsv
    python tools/build_glyphs.py --calibrate ../shared/data/faspell_ocr_train_3575.txt
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONTS = (  # (file, face index, name)
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, "Noto Serif CJK SC"),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "AR PL UMing CN"),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "AR PL UKai CN"),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"),
)
SIZE = 48          # pixels per em when rendering
GRID = 16          # side of the reduced grid
SIGMA = 0.7        # Gaussian blur, in grid cells
NEIGHBOURS = 20    # neighbours kept per character
FLOOR = 0.3        # similarity below which no neighbour is kept


def gb2312_han() -> list[str]:
    """The 6,763 Han characters of GB 2312, in code order."""
    out = []
    for row in range(0xB0, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                ch = bytes([row, col]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= ch <= "\u9fff":
                out.append(ch)
    return out


def render(path: str, index: int, chars: list[str]) -> np.ndarray:
    """Bitmaps (len(chars), SIZE, SIZE) in 0-1, each glyph centred in its em box."""
    font = ImageFont.truetype(path, SIZE, index=index)
    out = np.zeros((len(chars), SIZE, SIZE), dtype=np.float32)
    for k, ch in enumerate(chars):
        img = Image.new("L", (SIZE, SIZE), 0)
        ImageDraw.Draw(img).text((SIZE / 2, SIZE / 2), ch, font=font, fill=255, anchor="mm")
        out[k] = np.asarray(img, dtype=np.float32) / 255.0
    return out


def _gauss(sigma: float) -> np.ndarray:
    r = max(1, int(3 * sigma))
    x = np.arange(-r, r + 1, dtype=np.float32)
    k = np.exp(-x * x / (2 * sigma * sigma))
    return k / k.sum()


def features(bitmaps: np.ndarray, grid: int = GRID, sigma: float = SIGMA) -> np.ndarray:
    """Reduce, blur, centre and normalise: one unit vector per glyph."""
    n = bitmaps.shape[0]
    f = SIZE // grid
    small = bitmaps.reshape(n, grid, f, grid, f).mean(axis=(2, 4))
    k = _gauss(sigma)
    small = np.apply_along_axis(lambda v: np.convolve(v, k, mode="same"), 1, small)
    small = np.apply_along_axis(lambda v: np.convolve(v, k, mode="same"), 2, small)
    vec = small.reshape(n, -1)
    vec = vec - vec.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(vec, axis=1, keepdims=True)
    return vec / np.where(norm == 0, 1, norm)


def similarity(per_font: list[np.ndarray]) -> np.ndarray:
    """Average correlation over fonts, (n, n) float32."""
    total = np.zeros((per_font[0].shape[0],) * 2, dtype=np.float32)
    for vec in per_font:
        total += vec @ vec.T
    total /= len(per_font)
    np.fill_diagonal(total, -1.0)
    return total


def neighbours(sim: np.ndarray, k: int = NEIGHBOURS, floor: float = FLOOR) -> list[list[tuple[int, float]]]:
    top = np.argsort(-sim, axis=1)[:, :k]
    return [[(int(j), float(sim[i, j])) for j in row if sim[i, j] >= floor] for i, row in enumerate(top)]


def dev_pairs(path: str) -> set[tuple[str, str]]:
    """(wrong, right) character pairs of a FASPell-format file (calibration only)."""
    pairs = set()
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) == 3 and len(cols[1]) == len(cols[2]):
            pairs.update((a, b) for a, b in zip(cols[1], cols[2]) if a != b)
    return pairs


def coverage(table: list[list[tuple[int, float]]], chars: list[str], pairs: set[tuple[str, str]]) -> tuple[int, int]:
    """How many pairs (both characters in the set) have the right form among the wrong one's neighbours."""
    pos = {c: i for i, c in enumerate(chars)}
    known = [(a, b) for a, b in pairs if a in pos and b in pos]
    near = [{chars[j] for j, _ in row} for row in table]
    hit = sum(1 for a, b in known if b in near[pos[a]] or a in near[pos[b]])
    return hit, len(known)


def write(table: list[list[tuple[int, float]]], chars: list[str], out) -> None:  # type: ignore[no-untyped-def]
    print("# File: glyphs.tsv", file=out)
    print("# Format: glyphs, one entry a line: char<TAB>look-alike<TAB>weight "
          "(glyph similarity 0-1: the average correlation of blurred bitmaps over the fonts)", file=out)
    print("# License: MIT (computed for this project from the glyphs; no pair copied from any data set)", file=out)
    print("# Source: the 6,763 Han characters of GB 2312, rendered by tools/build_glyphs.py", file=out)
    print(f"# Fonts: {', '.join(name for _, _, name in FONTS)} (Debian fonts-noto-cjk, fonts-arphic-uming, "
          "fonts-arphic-ukai, fonts-wqy-zenhei)", file=out)
    print(f"# Method: {SIZE} px em box, centred; reduced to {GRID}x{GRID}; Gaussian blur sigma {SIGMA}; "
          f"mean removed, unit length; correlation averaged over the fonts; the {NEIGHBOURS} nearest "
          f"neighbours of each character with similarity >= {FLOOR}", file=out)
    for i, row in enumerate(table):
        for j, w in row:
            if chars[i] < chars[j] or all(k != i for k, _ in table[j]):
                print(f"{chars[i]}\t{chars[j]}\t{w:.3f}", file=out)


def main(argv: list[str] | None = None) -> int:
    global GRID, SIGMA, NEIGHBOURS, FLOOR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", metavar="FILE", help="report coverage of a FASPell-format file's confusions")
    parser.add_argument("--grid", type=int, default=GRID)
    parser.add_argument("--sigma", type=float, default=SIGMA)
    parser.add_argument("--neighbours", type=int, default=NEIGHBOURS)
    parser.add_argument("--floor", type=float, default=FLOOR)
    args = parser.parse_args(argv)
    GRID, SIGMA, NEIGHBOURS, FLOOR = args.grid, args.sigma, args.neighbours, args.floor
    chars = gb2312_han()
    bitmaps = [render(path, index, chars) for path, index, _ in FONTS]
    sim = similarity([features(b, GRID, SIGMA) for b in bitmaps])
    table = neighbours(sim, NEIGHBOURS, FLOOR)
    if args.calibrate:
        hit, total = coverage(table, chars, dev_pairs(args.calibrate))
        print(f"grid {GRID} sigma {SIGMA} k {NEIGHBOURS} floor {FLOOR}: {hit} of {total} "
              f"pairs covered ({hit / total:.1%}); {sum(map(len, table))} neighbours", file=sys.stderr)
        return 0
    write(table, chars, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
