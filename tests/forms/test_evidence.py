"""Evidence files: accepted by content, size-limited, cleaned of metadata, sealed at rest."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forms.models import Attachment, Report


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMakerX"  # Make
    exif[0x0131] = "SecretPhoneModel"  # Software
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise on display
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (6.0, 10.0, 30.0)  # latitude
    gps[3], gps[4] = "E", (106.0, 49.0, 12.0)  # longitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at home")
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Budi Santoso")
    out = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 0, 255)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def upload(name: str, data: bytes, claimed: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, claimed)


def test_a_photo_loses_its_gps_and_camera_details_but_stays_upright(submit):
    original = jpeg_with_gps()
    assert b"SecretPhoneModel" in original
    assert submit(files=[upload("foto.jpg", original, "image/jpeg")]).status_code == 201
    stored = Attachment.objects.get().read()
    assert b"SecretPhoneModel" not in stored and b"CameraMakerX" not in stored
    assert b"taken at home" not in stored
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    assert image.size == (30, 40)  # the orientation was applied, then dropped


def test_png_text_chunks_are_removed(submit):
    assert submit(files=[upload("a.png", png_with_text(), "image/png")]).status_code == 201
    assert b"Budi Santoso" not in Attachment.objects.get().read()


def test_the_type_comes_from_the_content_not_the_name(submit):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = submit(files=[upload("photo.jpg", pdf, "image/jpeg")])
    assert response.status_code == 201
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.read() == pdf
    assert attachment.filename == "photo.jpg"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evidence.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a windows program"),
        ("note.jpg", b"<script>alert(1)</script>"),
        ("archive.mp4", b"PK\x03\x04" + b"\x00" * 40),
    ],
)
def test_files_that_are_not_pictures_pdf_sound_or_video_are_refused(submit, name, data):
    response = submit(files=[upload(name, data, "image/jpeg")])
    assert response.status_code == 400
    assert f"The file “{name}” is not a photo, PDF, sound or video file" in (
        response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    )
    assert not Report.objects.exists()


def test_a_damaged_picture_is_refused_with_its_name(submit):
    broken = jpeg_with_gps()[:200]
    response = submit(files=[upload("rusak.jpg", broken, "image/jpeg")])
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()


def test_per_file_total_and_count_limits(settings, submit):
    settings.INTAKE_MAX_FILE_BYTES = 2 * 1024 * 1024
    settings.INTAKE_MAX_TOTAL_BYTES = 3 * 1024 * 1024
    settings.INTAKE_MAX_FILES = 2
    pdf = b"%PDF-1.4\n" + b"0" * (1536 * 1024)
    big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)

    too_big = submit(files=[upload("besar.pdf", big)])
    assert "larger than 2 MB" in too_big.content.decode()
    together = submit(files=[upload("a.pdf", pdf), upload("b.pdf", pdf + b"0" * 200_000)])
    assert "Together the files are larger than 3 MB" in together.content.decode()
    three = submit(files=[upload(f"{n}.pdf", b"%PDF-1.4\n") for n in "abc"])
    assert "at most 2 files" in three.content.decode()
    assert {too_big.status_code, together.status_code, three.status_code} == {400}
    assert not Report.objects.exists()


def test_stored_files_are_sealed_and_named_at_random(submit, private_storage):
    pdf = b"%PDF-1.4\nVisum et repertum untuk Siti Aminah\n"
    submit(files=[upload("visum Siti Aminah.pdf", pdf)])
    files = [path for path in private_storage.rglob("*") if path.is_file()]
    assert len(files) == 1
    assert b"Siti Aminah" not in files[0].read_bytes()
    assert "Siti" not in str(files[0])
