"""Random and hostile input against the complaint endpoints, files included (truncated,
bombed, mislabelled): a clear answer or a stored report, never a server error (the
test client re-raises any exception a view hits).

The suite runs a few hundred examples; the thorough profile runs 10,000 per test:

    HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/forms/test_fuzz.py -n 2

or in parts that add up, each with its own seed:

    FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/forms/test_fuzz.py -n 2 \
        --hypothesis-seed=1
"""

import functools
import io
import os
import struct
import zlib
from urllib.parse import quote_from_bytes

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from forms.models import Message, Report
from tests.forms.conftest import receipt_code, valid_answers
from tests.utils import make_pdf

# HYPOTHESIS_PROFILE=thorough: the 10,000-example run, on demand (about an hour);
# FUZZ_EXAMPLES=N sets the number per test (runs with other --hypothesis-seed values
# then add up).
EXAMPLES = int(
    os.environ.get(
        "FUZZ_EXAMPLES", 10_000 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 150
    )
)

FIELDS = [
    "violence_kinds",
    "immediate_danger",
    "reporter_role",
    "victim_age_group",
    "victim_sex",
    "province",
    "regency",
    "district",
    "village",
    "place",
    "approximate_date",
    "narrative",
    "perpetrator_relation",
    "contact_name",
    "contact_channel",
    "contact_details",
    "safe_time",
    "consent_contact",
    "website",
    "started",
    "g-recaptcha-response",
    "action",
    "csrfmiddlewaretoken",
]
# What a finished answer may be: the receipt after its redirect, a refusal, a replay.
ANSWERS = {200, 303, 400, 404, 409, 413, 429}

hostile_text = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30).map(
        lambda t: f"<script>alert({t!r})</script>"
    ),
    st.sampled_from(
        ["\x00", "a\x00b", "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")]
    ),
    st.sampled_from(["31", "31.71", "physical", "on", "regions", "' OR 1=1 --", "../../etc"]),
    st.integers(min_value=1, max_value=12_000).map(lambda n: "x" * n),
)
raw_bytes = st.binary(max_size=60)
mutation = st.dictionaries(
    st.sampled_from(FIELDS),
    st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=4)),
    max_size=6,
)


# -- files: real ones, then truncated, bombed and mislabelled -----------------------


def _image(fmt: str, **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 16), (120, 10, 10)).save(out, format=fmt, **options)
    return out.getvalue()


@functools.cache
def real_files() -> dict[str, bytes]:
    import pillow_heif

    heic = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (24, 16))).save(heic, quality=50)
    return {
        "jpeg": _image("JPEG"),
        "png": _image("PNG"),
        "gif": _image("GIF"),
        "webp": _image("WEBP"),
        "heic": heic.getvalue(),
        "pdf": make_pdf("bukti"),
    }


@functools.cache
def bombs() -> list[bytes]:
    """Headers that promise far more pixels or frames than the bytes that follow."""

    def png(width: int, height: int) -> bytes:
        def chunk(kind, data):
            return (
                struct.pack(">I", len(data))
                + kind
                + data
                + struct.pack(">I", zlib.crc32(kind + data))
            )

        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        data = zlib.compress(b"\x00" * 1024, 9)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)

    gif_frame = b"\x2c\x00\x00\x00\x00\xb8\x0b\xb8\x0b\x00\x02\x02\x44\x01\x00"
    gif = b"GIF89a\xb8\x0b\xb8\x0b\x00\x00\x00" + gif_frame * 500 + b"\x3b"
    return [png(13_000, 13_000), png(65_535, 1), png(1, 65_535), gif]


MAGIC = [
    b"\xff\xd8\xff\xe0",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"RIFF\x00\x00\x00\x00WEBP",
    b"\x00\x00\x00\x18ftypheic",
    b"%PDF-1.7\n",
    b"ID3\x04\x00",
    b"OggS\x00",
    b"fLaC",
    b"RIFF\x00\x00\x00\x00WAVE",
    b"\x00\x00\x00\x18ftypisom",
    b"\x00\x00\x00\x14ftypqt  ",
    b"\x1aE\xdf\xa3",
    b"#!AMR\n",
]


@st.composite
def evidence_file(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["real", "truncated", "bomb", "mislabelled", "random"]))
    if kind == "bomb":
        data = draw(st.sampled_from(bombs()))
    elif kind == "mislabelled":
        data = draw(st.sampled_from(MAGIC)) + draw(st.binary(max_size=400))
    elif kind == "random":
        data = draw(st.binary(min_size=1, max_size=400))
    else:
        data = real_files()[draw(st.sampled_from(sorted(real_files())))]
        if kind == "truncated":
            data = data[: draw(st.integers(min_value=1, max_value=max(1, len(data) - 1)))]
    name = draw(st.sampled_from(["bukti.jpg", "IMG_0001.HEIC", "visum.pdf", "rekaman.mp4", ""]))
    return name or "x", data


def uploads(files) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, data, "image/jpeg") for name, data in files]


def urlencoded(data: dict, extra: list[tuple[str, bytes]]) -> bytes:
    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(f"{key}={quote_from_bytes(str(item).encode('utf-8', 'surrogatepass'))}")
    pairs += [f"{k}={quote_from_bytes(v)}" for k, v in extra]
    return "&".join(pairs).encode()


@pytest.fixture
def generous_limits(settings):
    settings.INTAKE_RATE_PER_CLIENT = "100000/h"
    settings.INTAKE_RATE_GLOBAL = "100000/m"
    settings.INTAKE_STATUS_RATE_PER_CLIENT = "100000/h"


FUZZ = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@FUZZ
@given(
    changes=mutation,
    garbage=st.lists(st.tuples(st.sampled_from(FIELDS), raw_bytes), max_size=3),
    files=st.lists(evidence_file(), max_size=3),
    as_multipart=st.booleans(),
)
# Found by this test in the PostgreSQL lane: a NUL region code reached the database.
@example(changes={"province": "\x00"}, garbage=[], files=[], as_multipart=False)
@example(changes={"regency": "31.71\x00"}, garbage=[], files=[], as_multipart=True)
def test_hostile_complaints_get_a_clear_answer_never_a_server_error(
    client, complaint_page, siteverify, generous_limits, changes, garbage, files, as_multipart
):
    data = {**valid_answers(), **changes}
    before = Report.objects.count()
    if as_multipart or files:
        for key, value in garbage:
            data[key] = value.decode("latin-1")
        if files:
            data["evidence"] = uploads(files)
        response = client.post(complaint_page.url, data)
    else:
        body = urlencoded(data, garbage)
        response = client.generic(
            "POST", complaint_page.url, body, "application/x-www-form-urlencoded"
        )
    assert response.status_code in ANSWERS, response.status_code
    stored = Report.objects.count() - before
    assert stored == (1 if response.status_code == 303 else 0)


@pytest.fixture
def a_receipt(submit):
    return receipt_code(submit())


@FUZZ
@given(
    receipt=st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3)),
    right_code=st.booleans(),
    action=st.sampled_from(["", "reply", "x"]),
    body=hostile_text,
    once=st.one_of(st.just("fresh"), hostile_text),
    files=st.lists(evidence_file(), max_size=3),
)
def test_hostile_follow_up_posts_get_a_clear_answer(
    client,
    complaint_page,
    generous_limits,
    a_receipt,
    receipt,
    right_code,
    action,
    body,
    once,
    files,
):
    data = {
        "receipt": a_receipt if right_code else receipt,
        "action": action,
        "body": body,
        "once": valid_answers()["started"] if once == "fresh" else once,
    }
    if files:
        data["evidence"] = uploads(files)
    before = Message.objects.count()
    response = client.post(complaint_page.url + "status/", data)
    assert response.status_code in ANSWERS, response.status_code
    added = Message.objects.count() - before
    assert added == (1 if response.status_code == 303 else 0)
