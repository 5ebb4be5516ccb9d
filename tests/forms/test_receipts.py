"""The receipt code: shown once, stored as a keyed digest, opens the follow-up."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.utils import timezone

from forms import crypto, receipts, views
from forms.models import Attachment, Author, Message, ReceiptHandOver, Report, Status
from tests.forms.conftest import CLIENT_META, open_status, receipt_code, valid_answers
from tests.utils import UNREACHABLE_REDIS, UNREACHABLE_REDIS_CACHE, make_pdf


def test_codes_are_sixteen_digits_and_displayed_in_groups_of_four():
    code = receipts.new_code()
    assert re.fullmatch(r"\d{16}", code)
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipts.display(code))
    assert receipts.normalise(" 1234-5678.9012 3456 ") == "1234567890123456"
    for wrong in ("123", "12345678901234567", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", "abcd" * 4, ""):
        assert receipts.normalise(wrong) is None


def test_the_code_is_shown_once_and_only_its_digest_is_stored(submit):
    response = submit()
    code = receipt_code(response)
    report = Report.objects.get()
    assert report.receipt_digest == receipts.digest(code)
    assert code not in report.receipt_digest
    assert "Keep this code safe" in response.content.decode()


def test_the_code_opens_the_status_in_plain_words_and_staff_messages(client, submit):
    code = receipt_code(submit())
    report = Report.objects.get()
    report.status = Status.REFERRED
    report.save()
    Message.objects.create(report=report, author=Author.STAFF, body="Kami sudah menghubungi UPTD.")
    response = open_status(client, code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "arranging the help you need" in html
    assert "Kami sudah menghubungi UPTD." in html
    assert 'name="receipt"' in html  # carried in the page for a reply, never in a URL


def test_the_reporter_can_reply_and_add_a_file(client, submit):
    code = receipt_code(submit())
    pdf = SimpleUploadedFile("tambahan.pdf", make_pdf("bukti tambahan"))
    response = open_status(client, code, action="reply", body="Ini tambahan cerita.", evidence=pdf)
    assert response.status_code == 200
    assert "Your message was sent." in response.content.decode()
    message = Message.objects.get()
    assert (message.author, message.body) == (Author.REPORTER, "Ini tambahan cerita.")
    attachment = Attachment.objects.get(message=message)
    assert attachment.read().startswith(b"%PDF-") and attachment.content_type == "application/pdf"


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
        # Only the per-response CSRF and one-time tokens may differ.
        html = re.sub(r'name="once" value="[^"]+"', "", r.content.decode())
        return re.sub(r'value="[^"]{64}"', "", html)

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


def test_a_dump_and_the_secret_key_together_do_not_give_the_code_away(settings, submit):
    code = receipt_code(submit())
    stored = Report.objects.get().receipt_digest
    # The attacker's offline search: a fast HMAC under SECRET_KEY over candidate codes.
    for key in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        assert receipts.legacy_digest(code, key) != stored
        assert receipts.digest(code, secret=key) != stored
    # What is stored is a slow, memory-hard derivation under the receipt secret.
    assert stored.startswith("s1$") and stored == receipts.digest(code)


def test_codes_still_open_after_the_receipt_secret_is_rotated(settings, client, submit):
    code = receipt_code(submit())
    settings.RECEIPT_SECRET_FALLBACKS = [settings.RECEIPT_SECRET]
    settings.RECEIPT_SECRET = "a-new-receipt-secret-" + "x" * 40
    assert open_status(client, code).status_code == 200
    # Opened once, the report is re-keyed: the old secret can go.
    settings.RECEIPT_SECRET_FALLBACKS = []
    assert Report.objects.get().receipt_digest == receipts.digest(code)
    assert open_status(client, code).status_code == 200


def test_a_digest_stored_before_scrypt_still_opens_and_is_re_keyed(settings, client, submit):
    code = receipt_code(submit())
    Report.objects.update(receipt_digest=receipts.legacy_digest(code, settings.SECRET_KEY))
    assert open_status(client, code).status_code == 200
    assert Report.objects.get().receipt_digest == receipts.digest(code)


def follow_up_links(response) -> list[str]:
    """Every link's address on a page, parsed."""
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get("href") for a in page.find_all("a")]


def test_the_receipt_survives_the_database_failing_once_it_is_taken_over(
    client, complaint_page, siteverify, monkeypatch
):
    """The page around a receipt reads the database (menu, languages); if it fails once
    the code has left the one-time hand-over, the reporter still gets the code, on a
    plain page, instead of an error page whose reload says "already shown"."""
    answer = client.post(complaint_page.url, valid_answers(), **CLIENT_META)
    assert answer.status_code == 303
    failing = {"now": False}
    take_over = receipts.take_over

    def taken(handle):
        state = take_over(handle)
        failing["now"] = True
        return state

    def database(execute, sql, params, many, context):
        if failing["now"]:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    monkeypatch.setattr(views.receipts, "take_over", taken)
    with connection.execute_wrapper(database):
        response = client.get(answer["Location"], **CLIENT_META)
    assert failing["now"], "the database never failed: the test proves nothing"
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "/id/lapor/status/" in follow_up_links(response)
    code = receipt_code(response)
    assert receipts.find_report(code) == Report.objects.get()


@pytest.fixture
def redis_down():
    """The production cache (django-redis) with its Redis unreachable."""
    with override_settings(REDIS_URL=UNREACHABLE_REDIS, CACHES=UNREACHABLE_REDIS_CACHE):
        caches.close_all()
        yield
    caches.close_all()


def test_with_redis_down_a_complaint_shows_its_receipt_after_the_redirect(
    client, complaint_page, siteverify, redis_down
):
    # The one-time token lives in the cache and may not turn a genuine report away; the
    # receipt reaches the page after the redirect through the database, so a cache
    # that cannot answer hides no code.
    narrative = "Cerita yang dikirim saat Redis mati"
    answer = client.post(complaint_page.url, valid_answers(narrative=narrative), **CLIENT_META)
    assert answer.status_code == 303
    response = client.get(answer["Location"], **CLIENT_META)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    code = receipt_code(response)
    assert receipts.find_report(code).narrative == narrative
    assert "/id/lapor/status/" in follow_up_links(response)


def test_with_redis_down_a_reply_is_saved_and_the_thread_shown(
    client, complaint_page, siteverify, redis_down
):
    filed = client.post(complaint_page.url, valid_answers(), follow=True, **CLIENT_META)
    code = receipt_code(filed)
    response = open_status(client, code, action="reply", body="Tambahan saat Redis mati.")
    assert response.status_code == 200
    assert "Your message was sent." in response.content.decode()
    assert Message.objects.get().body == "Tambahan saat Redis mati."


def test_a_receipt_handed_over_before_redis_stopped_is_shown_after_it(
    client, complaint_page, siteverify
):
    # Filed while the cache answers; the page after the redirect is asked for while it
    # does not.
    answer = client.post(complaint_page.url, valid_answers(), **CLIENT_META)
    assert answer.status_code == 303
    with override_settings(REDIS_URL=UNREACHABLE_REDIS, CACHES=UNREACHABLE_REDIS_CACHE):
        caches.close_all()
        shown = client.get(answer["Location"], **CLIENT_META)
    caches.close_all()
    assert shown.status_code == 200
    assert receipts.find_report(receipt_code(shown)) == Report.objects.get()


def test_a_receipt_is_not_declared_gone_while_the_database_cannot_say(
    client, complaint_page, siteverify
):
    # "Already sent" while the database is down would hide the code of a stored
    # report for good: the reporter gets an error page, and the reload shows the code.
    answer = client.post(complaint_page.url, valid_answers(), **CLIENT_META)

    def database_down(execute, sql, params, many, context):
        # The page itself was found; the database fails as the hand-over is read.
        if "receipthandover" in sql.lower():
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database_down):
        down = client.get(answer["Location"], **CLIENT_META)
    assert down.status_code == 503
    assert "no-store" in down.headers["Cache-Control"]
    assert "receipt-code" not in down.content.decode()
    back = client.get(answer["Location"], **CLIENT_META)
    assert back.status_code == 200
    assert receipts.find_report(receipt_code(back)) == Report.objects.get()


def test_the_hand_over_keeps_no_code_the_database_could_give_away(
    client, complaint_page, siteverify
):
    answer = client.post(complaint_page.url, valid_answers(), **CLIENT_META)
    handle = answer["Location"].rstrip("/").rsplit("/", 1)[-1]
    row = ReceiptHandOver.objects.get()
    stored = b"".join(
        str(value).encode() if not isinstance(value, bytes | memoryview) else bytes(value)
        for value in ReceiptHandOver.objects.values_list().get()
    )
    assert handle.encode() not in stored
    # Neither the master keys nor another handle open it: only the one in the URL.
    with pytest.raises(crypto.DecryptionError):
        row.open_with("x" * 32).state  # noqa: B018 - reading is the attempt
    code = receipt_code(client.get(answer["Location"], **CLIENT_META))
    assert code.encode() not in stored
    assert not ReceiptHandOver.objects.exists()  # deleted by the read that showed it


def test_a_report_is_not_stored_without_its_receipt_hand_over(
    client, complaint_page, siteverify, monkeypatch
):
    # One transaction: a hand-over that cannot be written undoes the report, and the
    # reporter is asked to send again (never a stored report whose code nobody saw).
    def refused(state):
        raise OperationalError("disk full")

    monkeypatch.setattr(views.receipts, "hand_over", refused)
    response = client.post(complaint_page.url, valid_answers(), **CLIENT_META)
    assert response.status_code == 503
    assert not Report.objects.exists()
    assert not ReceiptHandOver.objects.exists()


def test_an_expired_hand_over_shows_nothing_and_is_purged(client, complaint_page, siteverify):
    old = client.post(complaint_page.url, valid_answers(), **CLIENT_META)["Location"]
    late = timezone.now() - timedelta(seconds=1)
    ReceiptHandOver.objects.update(expires_at=late)
    fresh = client.post(complaint_page.url, valid_answers(), **CLIENT_META)["Location"]
    gone = client.get(old, **CLIENT_META)
    assert gone.status_code == 409
    assert "receipt-code" not in gone.content.decode()
    # The expired one was deleted by that read; the fresh one still opens.
    assert ReceiptHandOver.objects.count() == 1
    assert receipt_code(client.get(fresh, **CLIENT_META))


def test_the_purge_command_deletes_only_expired_hand_overs(db):
    kept = receipts.hand_over({"receipt": "1" * 16})
    receipts.hand_over({"receipt": "2" * 16})
    ReceiptHandOver.objects.exclude(
        handle_digest=ReceiptHandOver.objects.order_by("pk").first().handle_digest
    ).update(expires_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("purge_receipt_hand_overs", stdout=out)
    assert out.getvalue().startswith("1 expired")
    assert receipts.take_over(kept) == {"receipt": "1" * 16}
