"""Back and resubmit on a shared phone: a form is sent once, and a replay shows nothing."""

import re

import pytest
from django.test import Client

from forms.models import Message, Report
from tests.forms.conftest import CLIENT_META, open_status, receipt_code, valid_answers

SECRET = "Ayah tiri saya memukul adik di dapur"


def test_resubmitting_a_sent_complaint_stores_nothing_and_echoes_nothing(
    client, complaint_page, siteverify
):
    answers = valid_answers(narrative=SECRET)
    first = client.post(complaint_page.url, answers, **CLIENT_META)
    assert first.status_code == 303
    again = client.post(complaint_page.url, answers, **CLIENT_META)
    assert again.status_code == 409
    html = again.content.decode()
    assert SECRET not in html and 'id="receipt-code"' not in html
    assert "This form was already sent" in html
    assert Report.objects.count() == 1


def test_the_receipt_is_shown_once_and_never_travels_in_the_address(
    client, complaint_page, siteverify
):
    sent = client.post(complaint_page.url, valid_answers(), **CLIENT_META)
    target = sent["Location"]
    receipt = client.get(target)
    code = receipt_code(receipt)
    assert code not in target and code[:8] not in target
    assert "no-store" in receipt["Cache-Control"]
    # Reload, Back, or the address copied from the history: the code is gone.
    reload = client.get(target)
    assert reload.status_code == 409
    assert code not in reload.content.decode()


def test_a_replayed_failed_captcha_post_no_longer_shows_the_story(
    client, complaint_page, siteverify
):
    answers = valid_answers(narrative=SECRET, **{"g-recaptcha-response": "fail"})
    first = client.post(complaint_page.url, answers, **CLIENT_META)
    assert first.status_code == 400
    assert SECRET in first.content.decode()  # kept for the reporter, this once
    replay = client.post(complaint_page.url, answers, **CLIENT_META)
    assert replay.status_code == 409
    assert SECRET not in replay.content.decode()


def test_a_form_shown_again_can_be_sent_with_its_new_token(client, complaint_page, siteverify):
    first = client.post(complaint_page.url, valid_answers(violence_kinds=None), **CLIENT_META)
    assert first.status_code == 400
    renewed = re.search(r'name="started" value="([^"]+)"', first.content.decode())[1]
    fixed = client.post(complaint_page.url, valid_answers(started=renewed), **CLIENT_META)
    assert fixed.status_code == 303


@pytest.fixture
def code(submit):
    return receipt_code(submit())


def test_replaying_the_receipt_look_up_does_not_reopen_the_thread(client, code):
    Message.objects.create(report=Report.objects.get(), author="staff", body="Kami akan menelepon.")
    data = {"receipt": code, "once": valid_answers()["started"]}
    first = client.post("/id/lapor/status/", data, **CLIENT_META)
    assert "Kami akan menelepon." in first.content.decode()
    replay = Client().post("/id/lapor/status/", data, **CLIENT_META)
    assert replay.status_code == 409
    assert "Kami akan menelepon." not in replay.content.decode()


def test_a_reply_redirects_and_its_replay_adds_nothing(client, code):
    data = {"receipt": code, "once": valid_answers()["started"], "action": "reply"}
    data["body"] = "Pesan kedua saya"
    sent = client.post("/id/lapor/status/", data, **CLIENT_META)
    assert sent.status_code == 303 and code not in sent["Location"]
    thread = client.get(sent["Location"])
    assert "Your message was sent." in thread.content.decode()
    assert "Pesan kedua saya" in thread.content.decode()
    replay = client.post("/id/lapor/status/", data, **CLIENT_META)
    assert replay.status_code == 409
    assert "Pesan kedua saya" not in replay.content.decode()
    assert Message.objects.count() == 1
    assert open_status(client, code).status_code == 200  # a fresh look-up still opens it
