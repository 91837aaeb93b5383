"""Build ``dictionaries/confusables.tsv``: visually similar characters, weighted by glyph overlap.

The pairs come from pycorrector's ``same_stroke.txt`` (Apache-2.0; groups of
characters that share strokes). Each pair is weighted by how much the two
glyphs overlap when rendered from a CJK font (intersection over union of the
inked pixels, 48 px Noto Sans CJK SC), so the OCR confusion model prefers the
look-alikes an engine really mixes up (检/俭 over 检/验).

Run once by hand (needs Pillow and a CJK font; not part of the package):

    python tools/build_confusables.py path/to/same_stroke.txt > dictionaries/confusables.tsv
"""

from __future__ import annotations

import itertools
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SIZE = 48


def bitmap(font: ImageFont.FreeTypeFont, ch: str) -> set[tuple[int, int]]:
    img = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(img).text((0, -SIZE // 8), ch, font=font, fill=255)
    px = img.load()
    return {(x, y) for x in range(SIZE) for y in range(SIZE) if px[x, y] > 127}


def main(path: str) -> None:
    font = ImageFont.truetype(FONT, SIZE, index=2)  # index 2: Simplified Chinese
    groups = [line.split() for line in open(path, encoding="utf-8") if line.strip()]
    cache: dict[str, set[tuple[int, int]]] = {}
    pairs: dict[tuple[str, str], float] = {}
    for group in groups:
        for a, b in itertools.combinations(dict.fromkeys(group), 2):
            for ch in (a, b):
                if ch not in cache:
                    cache[ch] = bitmap(font, ch)
            union = cache[a] | cache[b]
            iou = len(cache[a] & cache[b]) / len(union) if union else 0.0
            key = (a, b) if a < b else (b, a)
            pairs[key] = max(pairs.get(key, 0.0), iou)
    print("# File: confusables.tsv")
    print("# Format: confusables, one entry a line: char<TAB>char<TAB>weight (glyph overlap 0-1, higher is more alike)")
    print("# License: Apache-2.0 (pairs from pycorrector's same_stroke.txt); weights computed for this project")
    print("# Source: pycorrector 1.1.4 pycorrector/data/same_stroke.txt; weights by tools/build_confusables.py")
    for (a, b), w in sorted(pairs.items()):
        print(f"{a}\t{b}\t{w:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
