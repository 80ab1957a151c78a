"""Photos attached to a report: decoded and re-encoded with Pillow, so what is kept is pixels
only (no EXIF: no GPS position, camera serial or time; no trailing data or scripts).

Files live under ``<data dir>/feedback/<report code>/`` and are served to the office only.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ecoplan.errors import InputError

MAX_PHOTOS = 3
MAX_PIXELS = 40_000_000
"""Larger images (decompression bombs) are refused before decoding."""
MAX_SIDE = 2048
"""Longer sides are scaled down to this many pixels."""
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP")


def reencode(data: bytes, *, name: str, max_bytes: int) -> bytes:
    """The photo as a fresh JPEG without metadata, upright as the camera meant it."""
    if len(data) > max_bytes:
        raise InputError(f"照片过大：每张最多 {max_bytes / 1048576:g} MB", file=name, field="photos")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS or image.width * image.height > MAX_PIXELS:
                raise InputError("不支持的图片，请上传 JPG 或 PNG 照片", file=name, field="photos")
            image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombWarning,
            Image.DecompressionBombError) as exc:
        raise InputError("无法识别的图片，请上传 JPG 或 PNG 照片", file=name, field="photos") from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def store(uploads: list[tuple[str, bytes]], *, data_dir: Path, code: str,
          max_bytes: int) -> list[dict]:
    """Re-encode every photo first, then write them; returns what the report keeps of each."""
    uploads = [(n, d) for n, d in uploads if d]
    if len(uploads) > MAX_PHOTOS:
        raise InputError(f"最多上传 {MAX_PHOTOS} 张照片", field="photos")
    encoded = [reencode(d, name=n, max_bytes=max_bytes) for n, d in uploads]
    folder = Path(data_dir) / "feedback" / code
    kept = []
    for data in encoded:
        digest = hashlib.sha256(data).hexdigest()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{digest}.jpg"
        path.write_bytes(data)
        kept.append({"path": str(path.relative_to(data_dir)), "sha256": digest, "size": len(data)})
    return kept
