"""What is kept about a reporter: nothing that identifies the client, nothing in clear.

Checked where it would show: every table's raw rows, every log record, every header.
"""

import logging

import pytest
from django.db import connection

from forms.models import Attachment, Report, ReportViolence
from tests.forms.conftest import CLIENT_META, filed, open_status, receipt_code
from tests.utils import make_pdf

SECRET_ANSWERS = {
    "narrative": "Paman Hartono menyentuh anak saya di gudang belakang rumah",
    "place": "Gudang belakang, Jalan Kenanga 12",
    "approximate_date": "Malam takbiran tahun lalu",
    "perpetrator_relation": "Paman dari pihak ayah",
    "contact_name": "Ibu Kenanga",
    "contact_channel": "whatsapp",
    "contact_details": "+62 813 9999 4242",
    "safe_time": "Selasa siang saat suami bekerja",
    "consent_contact": "on",
}
CLIENT_TRACES = [
    CLIENT_META["REMOTE_ADDR"],
    CLIENT_META["HTTP_X_FORWARDED_FOR"],
    "Distinctive-Phone-X1",
    "referrer.example",
]


def raw_rows() -> list[tuple[str, bytes]]:
    """Every row of every table, as bytes (text and binary columns alike)."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                parts = []
                for value in row:
                    if isinstance(value, memoryview | bytes | bytearray):
                        parts.append(bytes(value))
                    else:
                        parts.append(str(value).encode("utf-8", "replace"))
                rows.append((table, b"\x1f".join(parts)))
    return rows


@pytest.fixture
def visit(client, submit):
    """A full visit: the form, a report with a file, the follow-up and a reply."""
    client.get("/id/lapor/", **CLIENT_META)
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("surat.pdf", make_pdf("Surat dari sekolah Kenanga"))
    response = submit(files=[pdf], **SECRET_ANSWERS)
    assert filed(response)
    code = receipt_code(response)
    status = open_status(client, code, action="reply", body="Pesan balasan tentang Hartono")
    assert status.status_code == 200
    return code, [response, status]


def test_no_table_holds_the_submitted_text_in_clear(visit):
    code, _responses = visit
    rows = raw_rows()
    assert any(table == "complaints_report" for table, _ in rows)
    secrets = [value for value in SECRET_ANSWERS.values() if value != "on"]
    secrets += ["Pesan balasan tentang Hartono", "surat.pdf", code]
    for table, row in rows:
        for secret in secrets:
            assert secret.encode() not in row, f"{secret!r} found in clear in {table}"


def test_no_table_holds_the_clients_address_agent_or_referrer(visit):
    for table, row in raw_rows():
        for trace in CLIENT_TRACES:
            assert trace.encode() not in row, f"{trace!r} stored in {table}"


def test_no_log_record_mentions_the_client(client, submit, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/id/lapor/", **CLIENT_META)
    submit(narrative="")  # a refusal (400)
    response = submit()
    code = receipt_code(response)
    open_status(client, "0000000000000000")  # 404
    open_status(client, code)
    assert caplog.records, "the flow should log something, or this test proves nothing"
    for record in caplog.records:
        text = record.getMessage() + repr(record.__dict__)
        for trace in CLIENT_TRACES + [code]:
            assert trace not in text, f"{trace!r} logged by {record.name}"


def test_responses_carry_no_client_details_and_no_cookie_but_csrf(client, complaint_page):
    responses = [
        client.get(complaint_page.url, **CLIENT_META),
        client.get(complaint_page.url + "status/", **CLIENT_META),
    ]
    for response in responses:
        headers = str(dict(response.headers))
        for trace in CLIENT_TRACES:
            assert trace not in headers
        assert set(response.cookies) <= {"csrftoken"}
        assert "sessionid" not in response.cookies


def test_readers_of_public_pages_get_no_cookie(client, complaint_page):
    for url in ("/id/", complaint_page.url + "regions/?parent=31"):
        response = client.get(url, **CLIENT_META)
        assert response.status_code == 200
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_complaint_and_follow_up_pages_are_never_cached(client, complaint_page, submit):
    responses = [
        client.get(complaint_page.url),
        client.get(complaint_page.url + "status/"),
        submit(),
        submit(narrative=""),
        open_status(client, "1234"),
    ]
    for response in responses:
        assert "no-store" in response.headers["Cache-Control"], response.status_code


def test_a_storage_failure_keeps_nothing_and_asks_to_try_again(submit, private_storage):
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    # A real failure, even for root: the storage directory is a plain file.
    blocked = private_storage / "not-a-directory"
    blocked.write_text("x")
    Attachment._meta.get_field("file").storage = FileSystemStorage(location=blocked / "sub")
    pdf = SimpleUploadedFile("a.pdf", make_pdf("isi"))

    response = submit(files=[pdf], narrative="Cerita yang harus tetap ada")
    assert response.status_code == 503
    html = response.content.decode()
    assert "could not be saved" in html and "try again" in html
    assert "Cerita yang harus tetap ada" in html
    assert not Report.objects.exists()
    assert not ReportViolence.objects.exists()
    assert not Attachment.objects.exists()


def test_the_development_servers_access_log_is_configured_to_write_nowhere(settings):
    # runserver logs every request with the client's address to "django.server";
    # gunicorn writes no access log unless --access-logfile is given (tests/bench does not).
    access = settings.LOGGING["loggers"]["django.server"]
    assert access["handlers"] == [] and access["propagate"] is False


def test_the_csrf_cookie_lasts_only_as_long_as_the_browser(client, complaint_page):
    response = client.get(complaint_page.url)
    cookie = response.cookies["csrftoken"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
