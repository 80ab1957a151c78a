"""SAMPLE seal images for the app's tests: a red ring with a star, no wording (PIL, in memory)."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw


def seal_png(size_px: int = 300, *, opaque: bool = False) -> bytes:
    """A transparent PNG (``opaque``: on a white background, as a scan would be)."""
    image = Image.new("RGBA" if not opaque else "RGB", (size_px, size_px), (0, 0, 0, 0) if not opaque else "white")
    draw = ImageDraw.Draw(image)
    red, edge = (230, 0, 18), max(2, size_px // 28)
    draw.ellipse((edge, edge, size_px - edge, size_px - edge), outline=red, width=edge)
    c, r = size_px / 2, size_px / 6
    draw.polygon([(c + (r if i % 2 == 0 else r * 0.38) * math.sin(i * math.pi / 5),
                   c - (r if i % 2 == 0 else r * 0.38) * math.cos(i * math.pi / 5)) for i in range(10)], fill=red)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
