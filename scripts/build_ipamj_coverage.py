"""Write jputil/data/ipamj_coverage.json from the installed IPAmj明朝 (fonts-ipamj-mincho).

    .venv/bin/python scripts/build_ipamj_coverage.py [FONT_PATH]

The register accepts in names and addresses only what this font prints (標準仕様書 j1070,
jputil/moji.py). Run it again when the font package changes; tests/test_moji.py fails
while the file and the installed font differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jputil import moji

DEFAULT_FONT = Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")


def main(argv: list[str]) -> int:
    font = Path(argv[1]) if len(argv) > 1 else DEFAULT_FONT
    if not font.exists():
        print(f"{font}: not found (apt-get install fonts-ipamj-mincho)", file=sys.stderr)
        return 1
    data = moji.read_font(font)
    moji.COVERAGE_FILE.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    cov = moji.decode_coverage(data)
    print(
        f"{moji.COVERAGE_FILE}: {len(cov.code_points)} code points, "
        f"{len(cov.sequences)} sequences ({data['font']} {data['font_version']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
