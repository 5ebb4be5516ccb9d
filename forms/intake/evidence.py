"""Stage 3: evidence files: type by content, sizes, metadata stripped."""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
import pillow_heif
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ALLOWED_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "application/pdf",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "audio/aac",
    "audio/amr",
    "audio/x-wav",
    "audio/x-flac",
    "video/mp4",
    "video/x-m4v",
    "video/quicktime",
    "video/3gpp",
    "video/webm",
    "video/x-matroska",
}
# Formats Pillow can rewrite without their metadata.
STRIPPABLE_IMAGES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}


@dataclass(frozen=True)
class Evidence:
    data: bytes
    content_type: str
    name: str


def sniff(data: bytes) -> str | None:
    """The content type by the file's own bytes, if it is one we accept."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else None
    return mime if mime in ALLOWED_TYPES else None


def strip_image_metadata(data: bytes, content_type: str) -> tuple[bytes, str]:
    """Re-encode an image without EXIF (GPS, camera serial), XMP, comments or text chunks.

    The orientation EXIF carried is applied to the pixels first, so photos stay upright.
    HEIC photos (iPhones) become JPEG, since Pillow cannot write HEIC back.
    Returns the clean bytes and their content type.
    """
    if content_type == "image/heic":
        pillow_heif.register_heif_opener()
        fmt, content_type = "JPEG", "image/jpeg"
    else:
        fmt = STRIPPABLE_IMAGES.get(content_type)
    if fmt is None:
        return data, content_type
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        frames = getattr(image, "n_frames", 1)
        if fmt == "GIF" and frames > 1:
            # Animated GIFs keep their frames; GIF has no EXIF, only comments.
            out = io.BytesIO()
            image.info.pop("comment", None)
            image.save(out, format="GIF", save_all=True)
            return out.getvalue(), content_type
        upright = ImageOps.exif_transpose(image) or image
        clean = upright.copy()
        # Pillow writes what info holds (exif, icc_profile, comment, dpi...): drop it all.
        clean.info = {}
        if fmt == "JPEG" and clean.mode not in {"RGB", "L", "CMYK"}:
            clean = clean.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 90} if fmt in {"JPEG", "WEBP"} else {}
        clean.save(out, format=fmt, **options)
        return out.getvalue(), content_type


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files at once; cleans to a list of ``Evidence``."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not uploads:
            return []
        if len(uploads) > settings.INTAKE_MAX_FILES:
            raise ValidationError(
                _("Please choose at most %(count)s files."),
                code="too_many",
                params={"count": settings.INTAKE_MAX_FILES},
            )
        errors: list[ValidationError] = []
        evidence: list[Evidence] = []
        total = 0
        per_file_mb = settings.INTAKE_MAX_FILE_BYTES // (1024 * 1024)
        for upload in uploads:
            name = str(getattr(upload, "name", "") or "")[:200]
            params = {"name": name, "megabytes": per_file_mb}
            if upload.size > settings.INTAKE_MAX_FILE_BYTES:
                errors.append(
                    ValidationError(
                        _("The file “%(name)s” is larger than %(megabytes)s MB."),
                        code="file_too_big",
                        params=params,
                    )
                )
                continue
            data = upload.read()
            content_type = sniff(data)
            if content_type is None:
                errors.append(
                    ValidationError(
                        _(
                            "The file “%(name)s” is not a photo, PDF, sound or video file "
                            "we can accept."
                        ),
                        code="file_type",
                        params=params,
                    )
                )
                continue
            try:
                data, content_type = strip_image_metadata(data, content_type)
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
                errors.append(
                    ValidationError(
                        _("The picture “%(name)s” could not be read. Is it damaged?"),
                        code="file_damaged",
                        params=params,
                    )
                )
                continue
            total += len(data)
            evidence.append(Evidence(data, content_type, name))
        if total > settings.INTAKE_MAX_TOTAL_BYTES:
            errors.append(
                ValidationError(
                    _("Together the files are larger than %(megabytes)s MB."),
                    code="total_too_big",
                    params={"megabytes": settings.INTAKE_MAX_TOTAL_BYTES // (1024 * 1024)},
                )
            )
        if errors:
            raise ValidationError(errors)
        return evidence
