"""Draw the demonstration 電子公印 (static/certificates/denshi_koin.png).

A square seal 「墨田区長之印」 in black (標準仕様書 j1050: a certificate's 電子公印 is black
and at most 25 mm square), 300 dpi at 21 mm, read right to left, top to bottom. A raster
image, not an SVG with text: the PDF then embeds no second copy of the font for it (a
46 MB face copied per print), which keeps a warm print fast.

    .venv/bin/python scripts/make_sample_seal.py [OUT.png] [FONT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "certificates" / "denshi_koin.png"
FONT = "/usr/share/fonts/truetype/ipamj/ipamjm.ttf"
SIZE = 248  # 21 mm at 300 dpi
COLUMNS = ("墨田区", "長之印")  # right column first


def draw(out: Path, font_path: str) -> None:
    image = Image.new("LA", (SIZE, SIZE), (255, 0))
    pen = ImageDraw.Draw(image)
    pen.rectangle((6, 6, SIZE - 7, SIZE - 7), outline=(0, 255), width=12)
    pen.rectangle((22, 22, SIZE - 23, SIZE - 23), outline=(0, 255), width=3)
    font = ImageFont.truetype(font_path, 62)
    for col, text in enumerate(COLUMNS):
        x = SIZE * (0.72 if col == 0 else 0.28)
        for row, char in enumerate(text):
            y = SIZE * (0.25 + 0.25 * row)
            pen.text((x, y), char, font=font, fill=(0, 255), anchor="mm")
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, optimize=True)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    draw(out, sys.argv[2] if len(sys.argv) > 2 else FONT)
