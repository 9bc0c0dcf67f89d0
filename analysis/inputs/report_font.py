"""What the report font can draw: names that charts show are checked against it when the
data is validated, so a chart never meets a character it has no glyph for.

matplotlib draws a missing glyph as an empty box and emits a "Glyph missing" warning,
which would otherwise surface while the report runs. It also reads text between two
``$`` as mathematics, and draws right-to-left scripts unshaped, letter by letter, in the
wrong order: the validation rules in schemas.py refuse those in displayed names.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The one font every chart uses (style.py sets it; titles are drawn in its bold face).
REPORT_FONT = "DejaVu Sans"

# Right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their
# presentation forms. Such names are kept as later aliases (for finding them in articles).
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                           "\U0001e800-\U0001efff]")


@lru_cache(maxsize=1)
def drawable_codepoints() -> frozenset[int]:
    """Code points both the regular and the bold face of the report font have a glyph for
    (the same font files the charts get from matplotlib's font manager)."""
    from matplotlib import font_manager, ft2font

    faces = [font_manager.findfont(font_manager.FontProperties(family=REPORT_FONT,
                                                               weight=weight))
             for weight in ("normal", "bold")]
    sets = [set(ft2font.FT2Font(face).get_charmap()) for face in faces]
    return frozenset(set.intersection(*sets))


@lru_cache(maxsize=1)
def undrawable() -> re.Pattern[str]:
    """A pattern that finds any character the report font cannot draw (control characters
    are left to their own rule, see schemas.py)."""
    controls = {*range(0x20), *range(0x7F, 0xA0)}
    points = sorted(drawable_codepoints() | controls)
    ranges: list[tuple[int, int]] = []
    for p in points:
        if ranges and p == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], p)
        else:
            ranges.append((p, p))
    allowed = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                      for a, b in ranges)
    return re.compile(f"[^{allowed}]")
