"""The receipt code: shown once, stored as a keyed digest, opens the follow-up."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, transaction
from django.test import Client

from forms import receipts
from forms.models import Attachment, Author, Message, Report, Status
from tests.forms.conftest import CLIENT_META


def receipt_code(response) -> str:
    match = re.search(r'id="receipt-code">([\d ]+)<', response.content.decode())
    return match.group(1)


def open_status(client, code, **extra):
    return client.post("/id/lapor/status/", {"receipt": code, **extra}, **CLIENT_META)


def test_codes_are_sixteen_digits_and_displayed_in_groups_of_four():
    code = receipts.new_code()
    assert re.fullmatch(r"\d{16}", code)
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipts.display(code))
    assert receipts.normalise(" 1234-5678.9012 3456 ") == "1234567890123456"
    for wrong in ("123", "12345678901234567", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", "abcd" * 4, ""):
        assert receipts.normalise(wrong) is None


def test_the_code_is_shown_once_and_only_its_digest_is_stored(submit):
    response = submit()
    code = receipt_code(response).replace(" ", "")
    report = Report.objects.get()
    assert report.receipt_digest == receipts.digest(code)
    assert code not in report.receipt_digest
    assert "Keep this code safe" in response.content.decode()
    # What the editor wrote about the next steps follows the code.
    assert_contains_html(response, "<p>Petugas membaca dalam 1×24 jam.</p>")


def test_the_code_opens_the_status_in_plain_words_and_staff_messages(client, submit):
    code = receipt_code(submit())
    report = Report.objects.get()
    report.status = Status.REFERRED
    report.save()
    Message.objects.create(report=report, author=Author.STAFF, body="Kami sudah menghubungi UPTD.")
    response = open_status(client, code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "passed to a service unit that can help" in html
    assert "Kami sudah menghubungi UPTD." in html
    assert 'name="receipt"' in html  # carried in the page for a reply, never in a URL


def test_the_reporter_can_reply_and_add_a_file(client, submit):
    code = receipt_code(submit())
    pdf = SimpleUploadedFile("tambahan.pdf", b"%PDF-1.4\nbukti tambahan\n")
    response = open_status(client, code, action="reply", body="Ini tambahan cerita.", evidence=pdf)
    assert response.status_code == 200
    assert "Your message was sent." in response.content.decode()
    message = Message.objects.get()
    assert (message.author, message.body) == (Author.REPORTER, "Ini tambahan cerita.")
    attachment = Attachment.objects.get(message=message)
    assert attachment.read() == b"%PDF-1.4\nbukti tambahan\n"


def test_an_empty_reply_is_refused_kindly(client, submit):
    code = receipt_code(submit())
    response = open_status(client, code, action="reply", body="   ")
    assert response.status_code == 400
    assert "Please write a message or choose a file." in response.content.decode()
    assert not Message.objects.exists()


@pytest.mark.parametrize("typed", ["0000 0000 0000 0000", "12345", "", "<script>", "9" * 40])
def test_a_wrong_code_answers_the_same_whatever_it_is(client, submit, typed):
    submit()
    reference = open_status(client, "1111 1111 1111 1111")
    response = open_status(client, typed)
    assert response.status_code == reference.status_code == 404
    assert "We could not open a report with this code" in response.content.decode()

    def body(r):
        # Only the per-response CSRF token may differ.
        return re.sub(r'value="[^"]{64}"', "", r.content.decode())

    assert body(response) == body(reference)


def test_guessing_codes_is_rate_limited(settings, submit):
    settings.INTAKE_STATUS_RATE_PER_CLIENT = "3/h"
    code = receipt_code(submit())
    guesser = Client()
    statuses = [open_status(guesser, f"{n:016d}").status_code for n in range(3)]
    assert statuses == [404, 404, 404]
    # Even the right code is refused once the client is over the limit.
    blocked = open_status(guesser, code)
    assert blocked.status_code == 429
    assert "Too many codes were tried" in blocked.content.decode()


def test_codes_still_open_after_the_secret_key_is_rotated(settings, client, submit):
    code = receipt_code(submit())
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    assert open_status(client, code).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_stored_report_shows_its_receipt_when_the_database_fails_after_the_commit(submit):
    """The page around a receipt reads the database (menu, hotline bar, languages); if
    the database goes away once the report is committed, the reporter still gets the
    code that opens it, on a plain page, instead of an error they would send again."""
    failing = {"now": False}

    def database(execute, sql, params, many, context):
        if failing["now"]:
            raise OperationalError("server closed the connection unexpectedly")
        if sql.startswith('INSERT INTO "complaints_report"'):
            transaction.on_commit(lambda: failing.update(now=True))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database):
        response = submit(narrative="Cerita yang tersimpan walau basis data mati sesudahnya")
    assert failing["now"], "the database never failed: the test proves nothing"
    assert response.status_code == 201
    assert "no-store" in response.headers["Cache-Control"]
    code = receipt_code(response).replace(" ", "")
    report = receipts.find_report(code)
    assert report.narrative == "Cerita yang tersimpan walau basis data mati sesudahnya"
    assert_follow_up_link(response)


def assert_contains_html(response, fragment: str):
    from django.test.html import parse_html

    assert parse_html(response.content.decode()).count(parse_html(fragment)) >= 1


def assert_follow_up_link(response):
    from html.parser import HTMLParser

    links = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a":
                links.append(dict(attrs).get("href"))

    Links().feed(response.content.decode())
    assert "/id/lapor/status/" in links
