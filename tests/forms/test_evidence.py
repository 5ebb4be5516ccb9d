"""Evidence files: accepted by content, size-limited, cleaned of metadata, sealed at rest."""

import io
import os
import time

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from forms import receipts
from forms.models import Attachment, Report
from tests.forms.conftest import filed
from tests.utils import make_pdf


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
    assert filed(submit(files=[upload("foto.jpg", original, "image/jpeg")]))
    stored = Attachment.objects.get().read()
    assert b"SecretPhoneModel" not in stored and b"CameraMakerX" not in stored
    assert b"taken at home" not in stored
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    assert image.size == (30, 40)  # the orientation was applied, then dropped


def test_png_text_chunks_are_removed(submit):
    assert filed(submit(files=[upload("a.png", png_with_text(), "image/png")]))
    assert b"Budi Santoso" not in Attachment.objects.get().read()


def test_the_type_comes_from_the_content_not_the_name(submit):
    pdf = make_pdf("Surat keterangan")
    response = submit(files=[upload("photo.jpg", pdf, "image/jpeg")])
    assert filed(response)
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    with pikepdf.open(io.BytesIO(attachment.read())) as stored:
        assert len(stored.pages) == 1
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
    pdf = make_pdf("Visum et repertum untuk Siti Aminah")
    assert filed(submit(files=[upload("visum Siti Aminah.pdf", pdf)]))
    files = [path for path in private_storage.rglob("*") if path.is_file()]
    assert len(files) == 1
    assert b"Siti Aminah" not in files[0].read_bytes()
    assert "Siti" not in str(files[0])


def test_an_iphone_heic_photo_is_stored_as_jpeg_without_its_metadata(submit):
    import pillow_heif

    exif = Image.Exif()
    exif[0x0131] = "SecretPhoneModel"
    image = Image.new("RGB", (32, 24), (10, 120, 10))
    heif = pillow_heif.from_pillow(image)
    out = io.BytesIO()
    heif.save(out, exif=exif.tobytes(), quality=80)
    original = out.getvalue()
    assert b"SecretPhoneModel" in original

    assert filed(submit(files=[upload("IMG_0001.HEIC", original, "image/heic")]))
    attachment = Attachment.objects.get()
    stored = attachment.read()
    assert attachment.content_type == "image/jpeg"
    assert b"SecretPhoneModel" not in stored
    assert Image.open(io.BytesIO(stored)).size == (32, 24)


# -- what an attacker sent: bombs, damaged files, and the order of the checks -----


def png_bomb(side: int = 13_000) -> bytes:
    """A real PNG of side × side black pixels: a few hundred KB, gigabytes decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * side  # filter byte, then one byte per greyscale pixel
    squeeze = zlib.compressobj(9)
    idat = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def gif_bomb(side: int = 3_000, frames: int = 40) -> bytes:
    """A real animated GIF of ``frames`` frames of side × side pixels."""
    out = io.BytesIO()
    still = [Image.new("P", (side, side), n % 2) for n in range(frames)]
    still[0].save(out, format="GIF", save_all=True, append_images=still[1:], duration=40)
    return out.getvalue()


def refused_file_message(response, name: str) -> bool:
    html = response.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    return f"The file “{name}” could not be read, or is too large a picture." in html


@pytest.mark.parametrize(
    ("name", "data"), [("bom.png", png_bomb()), ("bom.gif", gif_bomb())], ids=["png", "gif"]
)
def test_an_image_bomb_is_refused_from_its_header_and_the_report_stays_on_screen(
    submit, name, data
):
    assert len(data) < 1_000_000
    response = submit(files=[upload(name, data, "image/png")], narrative="Cerita saya tetap")
    assert response.status_code == 400
    assert refused_file_message(response, name)
    assert "Cerita saya tetap</textarea>" in response.content.decode()
    assert not Report.objects.exists()


def test_a_damaged_heic_photo_is_refused_with_its_name_not_a_server_error(submit):
    import pillow_heif

    heif = pillow_heif.from_pillow(Image.new("RGB", (64, 48), (10, 120, 10)))
    out = io.BytesIO()
    heif.save(out, quality=80)
    damaged = out.getvalue()[: len(out.getvalue()) // 2]
    response = submit(files=[upload("IMG_0002.HEIC", damaged)], narrative="Jangan hilang")
    assert response.status_code == 400
    assert refused_file_message(response, "IMG_0002.HEIC")
    assert "Jangan hilang</textarea>" in response.content.decode()


def test_one_refused_file_does_not_stop_the_others_being_checked(submit):
    damaged = jpeg_with_gps()[:300]
    response = submit(files=[upload("rusak.jpg", damaged), upload("utuh.png", png_with_text())])
    assert response.status_code == 400
    assert refused_file_message(response, "rusak.jpg")
    assert not refused_file_message(response, "utuh.png")


@pytest.mark.parametrize(
    "cheap_failure",
    [{"website": "http://spam.example"}, {"started": ""}, {"g-recaptcha-response": ""}],
    ids=["honeypot", "fill-time", "no-captcha-token"],
)
def test_files_are_not_decoded_and_the_captcha_not_asked_before_the_cheap_checks_pass(
    submit, siteverify, cheap_failure
):
    damaged = jpeg_with_gps()[:300]
    response = submit(files=[upload("rusak.jpg", damaged)], **cheap_failure)
    assert response.status_code == 400
    # Decoding would have found the file damaged; asking Google leaves a request.
    assert not refused_file_message(response, "rusak.jpg")
    assert siteverify.requests == []


def test_a_failed_captcha_is_answered_before_any_file_is_decoded(submit, siteverify):
    damaged = jpeg_with_gps()[:300]
    response = submit(files=[upload("rusak.jpg", damaged)], **{"g-recaptcha-response": "fail"})
    assert response.status_code == 400
    assert "did not pass" in response.content.decode()
    assert not refused_file_message(response, "rusak.jpg")


def test_a_pdf_loses_its_author_and_xmp_metadata(submit):
    original = make_pdf("Laporan visum", author="Dr Budi Santoso")
    assert original.count(b"Budi Santoso") == 2
    assert filed(submit(files=[upload("visum.pdf", original)]))
    stored = Attachment.objects.get().read()
    assert b"Budi Santoso" not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/Author" not in pdf.docinfo and "/Metadata" not in pdf.Root
        assert b"Laporan visum" in pdf.pages[0].Contents.read_bytes()


def media_with_location(container: str, codec: str, kind: str) -> bytes:
    """A short real clip (PyAV) with a GPS location, a device model and a title."""
    import av

    out = io.BytesIO()
    with av.open(out, mode="w", format=container) as clip:
        clip.metadata.update(
            {"location": "-06.1750+106.8283/", "title": "SecretPhoneModel", "artist": "Budi"}
        )
        if kind == "video":
            stream = clip.add_stream(codec, rate=10)
            stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
            frames = []
            for _ in range(5):
                frame = av.VideoFrame(64, 48, "yuv420p")
                for plane in frame.planes:
                    plane.update(bytes(plane.buffer_size))
                frames.append(frame)
        else:
            stream = clip.add_stream(codec, rate=16000)
            stream.layout = "mono"
            frames = []
            for n in range(10):
                frame = av.AudioFrame(format=stream.format.name, layout="mono", samples=1152)
                frame.sample_rate, frame.pts = 16000, n * 1152
                for plane in frame.planes:
                    plane.update(bytes(plane.buffer_size))
                frames.append(frame)
        for frame in frames:
            clip.mux(stream.encode(frame))
        clip.mux(stream.encode(None))
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "container", "codec", "kind"),
    [
        ("rekaman.mov", "mov", "mpeg4", "video"),
        ("rekaman.mp4", "mp4", "mpeg4", "video"),
        ("rekaman.webm", "webm", "libvpx", "video"),
        ("suara.mp3", "mp3", "libmp3lame", "audio"),
    ],
)
def test_sound_and_video_lose_their_location_and_device_details(
    submit, name, container, codec, kind
):
    import av

    original = media_with_location(container, codec, kind)
    assert b"SecretPhoneModel" in original
    assert filed(submit(files=[upload(name, original)]))
    stored = Attachment.objects.get().read()
    for secret in (b"SecretPhoneModel", b"106.8283", b"Budi"):
        assert secret not in stored
    with av.open(io.BytesIO(stored)) as clip:
        assert [s.type for s in clip.streams] == [kind]
        assert sum(1 for _ in clip.demux()) > 1


def test_the_form_says_what_is_removed_from_each_kind_of_file(client, complaint_page):
    html = client.get(complaint_page.url).content.decode()
    assert "author and creation details from PDF files" in html
    assert "location, device and title details from sound and video files" in html


def backdate(location, name: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(location / name, (then, then))


def test_a_worker_killed_while_saving_leaves_no_evidence_file_behind(
    submit, private_storage, monkeypatch
):
    """gunicorn ends a worker past its timeout with SystemExit, which no ``except
    Exception`` catches: the report's transaction rolls back, its file stays. The
    sweep removes such files once they are older than a save can take, and nothing
    else."""
    kept = submit(files=[upload("a.png", png_with_text(), "image/png")])
    assert filed(kept)
    kept_file = Attachment.objects.get().file.name

    def killed(state):  # after the files and their rows, before the commit
        raise SystemExit(1)

    with monkeypatch.context() as patch, pytest.raises(SystemExit):
        patch.setattr(receipts, "hand_over", killed)
        submit(files=[upload("b.png", png_with_text(), "image/png")])
    assert Report.objects.count() == 1
    on_disk = {f"evidence/{path.name}" for path in (private_storage / "evidence").iterdir()}
    (stray,) = on_disk - {kept_file}

    # Within the hour it may still be a report being saved: left alone.
    call_command("purge_stray_evidence", stdout=io.StringIO())
    assert (private_storage / stray).exists()

    backdate(private_storage, stray, hours=2)
    backdate(private_storage, kept_file, hours=2)
    out = io.StringIO()
    call_command("purge_stray_evidence", stdout=out)
    assert "1 stray evidence file(s) deleted" in out.getvalue()
    assert not (private_storage / stray).exists()
    assert b"Budi Santoso" not in Attachment.objects.get().read()  # still opens
    assert (private_storage / kept_file).exists()


def test_a_database_failure_on_the_files_row_leaves_no_file(submit, private_storage, monkeypatch):
    """The connection lost as the attachment's row is written (a database restart):
    the reporter gets the error page, and the file written just before is gone."""
    from django.db import OperationalError

    def lost(attachment, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Attachment, "save", lost)
    response = submit(files=[upload("b.png", png_with_text(), "image/png")])
    assert response.status_code == 503 and not filed(response)
    assert Report.objects.count() == 0
    assert list((private_storage / "evidence").iterdir()) == []
