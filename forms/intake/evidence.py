"""Evidence files, in two stages: cheap checks with the form, the expensive work last.

``EvidenceField`` (with the form's cheap checks) counts the files, checks each one's
size and its type *by its own bytes*, and the total; it cleans to a list of
``Upload``. Nothing is decoded there.

``clean_evidence`` (the last stage, only for a POST that passed everything else)
rewrites each file without its metadata, in memory:

- photos (JPEG, PNG, GIF, WebP, HEIC) with Pillow, after a look at the header alone:
  an image larger than ``INTAKE_MAX_IMAGE_PIXELS`` in all its frames together is
  refused before any pixel is decoded (a 684 KB PNG can hold 13,000 × 13,000 pixels);
- PDF with pikepdf (qpdf): the document information (author, creator, dates), the XMP
  metadata stream and page thumbnails go; the file is rewritten, not appended to;
- sound and video with PyAV (FFmpeg's libraries): the streams are copied as they are
  into a new container that carries no metadata (GPS position, device model, titles,
  dates, chapters), with FFmpeg's bit-exact flag so not even its own version is added.

Each file fails closed on its own: one that cannot be read or rewritten gets a
message with its name, and the rest of the report stays on screen. Every step works
on bytes in memory; nothing is written to a temporary file.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import av
import filetype
import pikepdf
import pillow_heif
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

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
# The container each sound or video type is rewritten into (FFmpeg's muxer names).
MEDIA_CONTAINERS = {
    "audio/mpeg": "mp3",
    "audio/mp4": "ipod",
    "audio/ogg": "ogg",
    "audio/aac": "adts",
    "audio/amr": "amr",
    "audio/x-wav": "wav",
    "audio/x-flac": "flac",
    "video/mp4": "mp4",
    "video/x-m4v": "mp4",
    "video/quicktime": "mov",
    "video/3gpp": "3gp",
    "video/webm": "webm",
    "video/x-matroska": "matroska",
}

# What the form tells the reporter is removed (its help text).
STRIPPED_DETAILS = _(
    "Before they are stored, we remove location, camera and device details from photos, "
    "author and creation details from PDF files, and location, device and title details "
    "from sound and video files."
)


class UnreadableFile(Exception):
    """A file could not be read or rewritten safely: it is refused, not stored."""


@dataclass(frozen=True)
class Upload:
    """A file that passed the cheap checks: its bytes, untouched, and its sniffed type."""

    data: bytes
    content_type: str
    name: str


@dataclass(frozen=True)
class Evidence:
    """A file ready to be sealed: rewritten without its metadata."""

    data: bytes
    content_type: str
    name: str


def sniff(data: bytes) -> str | None:
    """The content type by the file's own bytes, if it is one we accept."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else None
    return mime if mime in ALLOWED_TYPES else None


# -- photos -------------------------------------------------------------------


def gif_frames(data: bytes) -> int:
    """How many frames a GIF holds, by walking its block headers (no pixel decoded).

    GIF keeps no frame count, and Pillow finds its frames by decoding each one in turn.
    """
    if len(data) < 13:
        raise UnreadableFile("truncated GIF")
    position = 13
    if data[10] & 0x80:  # a global colour table follows the screen descriptor
        position += 3 * (2 ** ((data[10] & 0x07) + 1))
    frames = 0

    def skip_sub_blocks(at: int) -> int:
        while at < len(data) and data[at]:
            at += data[at] + 1
        return at + 1

    while position < len(data):
        block = data[position]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then sub-blocks
            position = skip_sub_blocks(position + 2)
        elif block == 0x2C:  # image descriptor, local colour table, LZW size, data
            if position + 10 > len(data):
                break
            flags = data[position + 9]
            position += 10
            if flags & 0x80:
                position += 3 * (2 ** ((flags & 0x07) + 1))
            position = skip_sub_blocks(position + 1)
            frames += 1
        else:
            break
    return max(frames, 1)


def check_image_size(image: Image.Image, data: bytes) -> None:
    """Refuse, before decoding, an image whose pixels (all frames together) exceed the cap."""
    frames = gif_frames(data) if image.format == "GIF" else getattr(image, "n_frames", 1)
    pixels = image.width * image.height * max(1, int(frames or 1))
    if pixels > settings.INTAKE_MAX_IMAGE_PIXELS:
        raise UnreadableFile(f"{pixels} pixels")


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
        fmt = STRIPPABLE_IMAGES[content_type]
    with Image.open(io.BytesIO(data)) as image:
        check_image_size(image, data)
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


# -- PDF ------------------------------------------------------------------------


def strip_pdf_metadata(data: bytes) -> bytes:
    """The PDF rewritten whole without its document information, XMP or thumbnails.

    Rewritten rather than updated: an incremental update would leave the old
    information in the file for anyone to read.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        for owner in [pdf.Root, *pdf.pages]:
            for key in ("/Metadata", "/PieceInfo", "/Thumb"):
                if key in owner:
                    del owner[key]
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False, deterministic_id=True)
        return out.getvalue()


# -- sound and video -----------------------------------------------------------


def strip_media_metadata(data: bytes, content_type: str) -> bytes:
    """Copy the sound and video streams into a new container without any metadata."""
    muxer = MEDIA_CONTAINERS[content_type]
    out = io.BytesIO()
    with av.open(io.BytesIO(data), mode="r") as source:
        streams = [s for s in source.streams if s.type in ("audio", "video")]
        if not streams:
            raise UnreadableFile("no sound or video stream")
        with av.open(out, mode="w", format=muxer, options={"fflags": "+bitexact"}) as target:
            copies = {}
            for stream in streams:
                copy = target.add_stream_from_template(stream)
                copy.metadata.clear()
                copies[stream.index] = copy
            for packet in source.demux(*streams):
                if packet.dts is None:
                    continue  # the demuxer's end-of-stream marker
                packet.stream = copies[packet.stream.index]
                target.mux(packet)
    return out.getvalue()


def strip_metadata(upload: Upload) -> Evidence:
    """The upload rewritten without metadata; ``UnreadableFile`` when that cannot be done."""
    try:
        if upload.content_type in STRIPPABLE_IMAGES or upload.content_type == "image/heic":
            data, content_type = strip_image_metadata(upload.data, upload.content_type)
        elif upload.content_type == "application/pdf":
            data, content_type = strip_pdf_metadata(upload.data), upload.content_type
        else:
            data = strip_media_metadata(upload.data, upload.content_type)
            content_type = upload.content_type
    except UnreadableFile:
        raise
    # A file from anyone, parsed by three libraries: whatever one of them raises,
    # the answer is the same (this file is refused), never a server error.
    except Exception as error:
        raise UnreadableFile(type(error).__name__) from error
    return Evidence(data, content_type, upload.name)


def clean_evidence(uploads: list[Upload]) -> tuple[list[Evidence], list[ValidationError]]:
    """The last stage: every upload rewritten, or one message per file that was refused."""
    evidence: list[Evidence] = []
    errors: list[ValidationError] = []
    for upload in uploads:
        try:
            evidence.append(strip_metadata(upload))
        except UnreadableFile as error:
            logger.info("An evidence file was refused (%s)", error)
            errors.append(
                ValidationError(
                    _(
                        "The file “%(name)s” could not be read, or is too large a picture. "
                        "Is it damaged? You can send the report without it."
                    ),
                    code="file_damaged",
                    params={"name": upload.name},
                )
            )
    return evidence, errors


def rewrite_form_files(form, field: str = "evidence") -> bool:
    """Run ``clean_evidence`` on a valid form's uploads, in place: False (with one
    message per refused file on ``field``) when a file could not be rewritten."""
    evidence, errors = clean_evidence(form.cleaned_data.get(field) or [])
    form.cleaned_data[field] = evidence
    for error in errors:
        form.add_error(field, error)
    return not errors


# -- the form field (cheap checks only) ------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files at once; cleans to a list of ``Upload`` (count, sizes and types
    checked, nothing decoded)."""

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
        accepted: list[Upload] = []
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
            total += len(data)
            accepted.append(Upload(data, content_type, name))
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
        return accepted
