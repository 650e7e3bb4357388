"""Resized WebP copies of uploaded images, with a JPEG or PNG fallback, made once and reused.

Headshots, key art and story images are shown through `picture()`, which asks for these
renditions; the first request makes the files, later ones find them."""

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.html import format_html
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

WIDTHS = (160, 320, 640, 1280)
CACHE_SECONDS = 60 * 60 * 24 * 30


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class RenditionSet:
    webp: tuple[Rendition, ...]
    fallback: tuple[Rendition, ...]
    fallback_type: str

    @property
    def default(self):
        """The fallback <img> src: the largest copy up to 640 pixels wide."""
        fitting = [r for r in self.fallback if r.width <= 640]
        return fitting[-1] if fitting else self.fallback[0]


def renditions_for(image_field):
    """The image's renditions, or None when there is no readable image."""
    if not image_field:
        return None
    key = "renditions:" + hashlib.sha256(image_field.name.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = make_renditions(image_field)
        if found is not None:
            cache.set(key, found, CACHE_SECONDS)
    return found


def make_renditions(image_field):
    try:
        with image_field.open("rb") as source_file:
            source = ImageOps.exif_transpose(Image.open(source_file))
            source.load()
    except (OSError, ValueError):
        logger.warning("Cannot read image %s for renditions", image_field.name)
        return None
    has_alpha = source.mode in ("RGBA", "LA") or "transparency" in source.info
    fallback_format = "PNG" if has_alpha else "JPEG"
    widths = [w for w in WIDTHS if w < source.width] + [min(source.width, WIDTHS[-1])]
    folder = rendition_folder(image_field.name)
    return RenditionSet(
        webp=tuple(rendition(source, folder, width, "WEBP") for width in widths),
        fallback=tuple(rendition(source, folder, width, fallback_format) for width in widths),
        fallback_type=f"image/{fallback_format.lower()}",
    )


def rendition_folder(name):
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    return f"renditions/{PurePosixPath(name).stem[:40]}-{digest}"


def rendition(source, folder, width, image_format):
    height = max(1, round(source.height * width / source.width))
    name = f"{folder}/{width}.{image_format.lower()}"
    if not default_storage.exists(name):
        resized = source.resize((width, height), Image.Resampling.LANCZOS)
        if image_format == "JPEG":
            resized = resized.convert("RGB")
        buffer = io.BytesIO()
        resized.save(buffer, image_format, quality=82)
        name = default_storage.save(name, ContentFile(buffer.getvalue()))
    return Rendition(url=default_storage.url(name), width=width, height=height)


def srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def picture(image_field, alt, sizes="(max-width: 40rem) 100vw, 40rem", css_class=""):
    """A responsive <picture>: WebP first, a JPEG or PNG fallback, width and height set."""
    found = renditions_for(image_field)
    if found is None:
        return ""
    default = found.default
    return format_html(
        '<picture{}><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="lazy" decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        srcset(found.webp),
        sizes,
        default.url,
        srcset(found.fallback),
        sizes,
        default.width,
        default.height,
        alt,
    )
