"""How the PNG options compare on the overview's own charts: time, bytes, fidelity.

    .venv/bin/python bench/palette_options.py

For each chart: the full-colour PNG, then each palette option, with the milliseconds the
quantiser took, the PNG's bytes, the share of pixels identical to the full-colour image and
the mean error in levels (0-255). The report uses ``analysis.report.html.figure_png``
(64-colour median cut, no dithering, zlib level 8).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLOURS = (256, 64)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    import numpy as np
    from PIL import Image

    from analysis.report import entry
    from analysis.report.html import figure_image

    scope = entry.overview("2023-10-07", None, None, None, None)
    charts = {
        "cumulative": scope.cumulative_chart(scope.cumulative()),
        "weekly": scope.weekly_chart(scope.weekly(), scope.rounds()),
        "breakdown": scope.breakdown_chart(scope.breakdown()),
        "map": scope.map_chart(scope.sites()),
        "weapons": scope.weapon_chart(scope.weapons_by_phase()),
    }
    options = [(f"median cut {n}", n, Image.Quantize.MEDIANCUT) for n in COLOURS] + \
        [(f"fast octree {n}", n, Image.Quantize.FASTOCTREE) for n in COLOURS]
    print(f"{'chart':11s} {'option':16s} {'ms':>6s} {'bytes':>8s} {'identical':>9s} "
          f"{'mean error':>10s}")
    for name, fig in charts.items():
        image = figure_image(fig)
        full = np.asarray(image).astype(int)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=8)
        print(f"{name:11s} {'full colour':16s} {'':>6s} {len(buffer.getvalue()):8,d}")
        for label, colours, method in options:
            started = time.perf_counter()
            quantised = image.quantize(colors=colours, method=method, dither=Image.Dither.NONE)
            took = (time.perf_counter() - started) * 1000
            buffer = io.BytesIO()
            quantised.save(buffer, format="PNG", compress_level=8)
            error = np.abs(np.asarray(quantised.convert("RGB")).astype(int) - full)
            print(f"{'':11s} {label:16s} {took:6.1f} {len(buffer.getvalue()):8,d} "
                  f"{np.mean(error.max(axis=2) == 0):9.1%} {error.mean():10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
