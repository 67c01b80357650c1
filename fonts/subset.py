#!/usr/bin/env python3
"""Builds fonts/NotoSansSC-Regular-subset.otf, the CJK font the viewer embeds.

Source: Noto Sans CJK SC Regular (face 2 of NotoSansCJK-Regular.ttc) from Debian's
`fonts-noto-cjk` package. The subset keeps:

* every character of GB2312 (all valid two-byte codes, decoded with Python's gb2312 codec),
* every character of every file in assets/ (the bundled documents),
* every character of the viewer's own source (src/app/, so each interface string has glyphs),
* ASCII, Latin-1 and the punctuation/symbol blocks Chinese documents use (general
  punctuation, CJK symbols and punctuation, full-width and half-width forms, enclosed
  numerals such as ① and ㈠, roman numerals, arrows and geometric shapes for the interface).

Run from the repository root:

    apt-get install -y fonts-noto-cjk && pip install fonttools
    python3 fonts/subset.py

It writes the code points asked for to a temporary file and calls pyftsubset.
"""

import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = 2  # Noto Sans CJK SC
OUTPUT = ROOT / "fonts" / "NotoSansSC-Regular-subset.otf"
UNICODES = pathlib.Path(tempfile.gettempdir()) / "policy-lineage-unicodes.txt"

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement (°, ×, ·, §)
    (0x02C6, 0x02DD),  # spacing modifiers (ˇ ˉ)
    (0x0391, 0x03C9),  # Greek (α, β, Ω in technical text)
    (0x0401, 0x0451),  # Cyrillic in GB2312
    (0x2000, 0x206F),  # general punctuation (— … ‰ ※)
    (0x20AC, 0x20AC),  # euro sign
    (0x2100, 0x218F),  # letterlike symbols, number forms (℃ № Ⅰ Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators (≤ ≥ ≈)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2500, 0x257F),  # box drawing (─)
    (0x25A0, 0x25FF),  # geometric shapes (■ ● ▲ ▶ ◆)
    (0x2605, 0x2606),  # ★ ☆
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # kana (in GB2312)
    (0x3105, 0x3129),  # bopomofo (in GB2312)
    (0x3200, 0x32FF),  # enclosed CJK letters and months (㈠ ㈡)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility forms, small form variants
    (0xFF00, 0xFFEF),  # half-width and full-width forms
]


def gb2312_chars():
    """Every character GB2312 encodes: rows 0xA1-0xF7, cells 0xA1-0xFE."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def file_chars(paths):
    chars = set()
    for path in paths:
        chars.update(path.read_text(encoding="utf-8", errors="ignore"))
    return chars


def main():
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: apt-get install -y fonts-noto-cjk")
    wanted = gb2312_chars()
    print(f"GB2312: {len(wanted)} characters")
    wanted |= file_chars(sorted((ROOT / "assets").glob("*.txt")))
    wanted |= file_chars(sorted((ROOT / "src" / "app").rglob("*.rs")))
    for lo, hi in RANGES:
        wanted.update(chr(c) for c in range(lo, hi + 1))
    codes = sorted(ord(c) for c in wanted if ord(c) >= 0x20 and not (0x7F <= ord(c) < 0xA0))
    print(f"asked for {len(codes)} code points")
    UNICODES.write_text("".join(f"U+{c:04X}\n" for c in codes), encoding="ascii")
    command = [
        "pyftsubset",
        str(SOURCE),
        f"--font-number={FACE}",
        f"--unicodes-file={UNICODES}",
        f"--output-file={OUTPUT}",
        "--layout-features=*",
        "--name-IDs=*",
        "--name-languages=*",
        "--notdef-outline",
        "--no-hinting",
    ]
    print(" ".join(command))
    subprocess.run(command, check=True)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
