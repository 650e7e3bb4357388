"""Uploaded images are re-encoded by Pillow before they are stored.

Whatever arrives — a polyglot, a decompression bomb, an SVG renamed .png, a photo with GPS in its
EXIF — only the pixels of a JPEG, PNG, WebP or GIF survive. It lives in the lowest app because
people, shows and stories all take images."""

import io
import warnings
from pathlib import PurePath

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# About 40 megapixels: a large camera photo fits, a decompression bomb does not.
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRefused(ValueError):
    pass


def refuse_unsafe(upload):
    """ImageRefused unless the upload is a JPEG, PNG, WebP or GIF of sane size."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImageRefused("The image is larger than 20 MB.")
    image = opened(upload)
    if image.format not in FORMATS:
        raise ImageRefused("Upload a JPEG, PNG, WebP or GIF image.")
    upload.seek(0)
    return image


def reencoded(upload):
    """A fresh file holding only the upload's pixels, or ImageRefused saying why not."""
    image = refuse_unsafe(upload)
    # Upright as the EXIF said; saving without exif= drops the rest of it (GPS, camera).
    pixels = image if image.format == "GIF" else ImageOps.exif_transpose(image)
    buffer = io.BytesIO()
    pixels.save(buffer, image.format, **save_options(image))
    name = f"{PurePath(upload.name).stem[:80] or 'image'}.{FORMATS[image.format]}"
    return SimpleUploadedFile(name, buffer.getvalue(), f"image/{FORMATS[image.format]}")


def opened(upload):
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.width * image.height > MAX_PIXELS:
                raise ImageRefused("The image has more than 40 million pixels.")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused("The image has more than 40 million pixels.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused("This file is not an image we can read.") from None
    return image


def save_options(image):
    if image.format == "JPEG":
        return {"quality": 90}
    if image.format == "GIF":
        return {"save_all": getattr(image, "is_animated", False)}
    return {}


class ReencodedImageFormField(forms.ImageField):
    def to_python(self, data):
        # Our checks first, so a bomb or an oversized file gets its own message.
        if data is not None and hasattr(data, "size"):
            try:
                refuse_unsafe(data)
            except ImageRefused as refusal:
                raise forms.ValidationError(str(refusal), code="image_refused") from None
        return super().to_python(data)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "size"):
            return upload
        try:
            return reencoded(upload)
        except ImageRefused as refusal:
            raise forms.ValidationError(str(refusal), code="image_refused") from None


class ReencodedImageField(models.ImageField):
    """An ImageField whose uploads are re-encoded by Pillow (see the module docstring)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ReencodedImageFormField, **kwargs})

    def deconstruct(self):
        # Re-encoding changes no column: migrations see, and keep, a plain ImageField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
