"""Every answer siteverify can give, from a local stand-in reached over real TLS
through django-recaptcha's own settings (RECAPTCHA_DOMAIN, its request timeout)."""

import pytest

from forms.models import CaptchaState, Report
from tests.forms.conftest import CLIENT_META, filed


def test_a_passed_captcha_stores_a_verified_report(siteverify, submit):
    response = submit(**{"g-recaptcha-response": "pass"})
    assert filed(response)
    report = Report.objects.get()
    assert report.captcha_state == CaptchaState.PASSED and report.captcha_verified
    # The portal asked with its secret, and without the reporter's address.
    asked = siteverify.requests[-1]
    assert asked["response"] == ["pass"]
    assert asked["remoteip"] == [""]
    assert CLIENT_META["REMOTE_ADDR"] not in str(siteverify.requests)
    assert CLIENT_META["HTTP_X_FORWARDED_FOR"] not in str(siteverify.requests)


def test_a_failed_captcha_rejects_with_a_clear_message_and_keeps_the_text(siteverify, submit):
    response = submit(**{"g-recaptcha-response": "fail"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "did not pass" in html
    assert "Suami saya memukul saya" in html
    assert not Report.objects.exists()


@pytest.mark.parametrize("token", ["slow", "garbage", "nosuccess", "http500", "badsecret"])
def test_when_siteverify_cannot_answer_the_report_is_kept_as_unverified(siteverify, submit, token):
    response = submit(**{"g-recaptcha-response": token})
    assert filed(response)
    report = Report.objects.get()
    assert report.captcha_state == CaptchaState.UNVERIFIED
    assert not report.captcha_verified
    assert report.narrative.startswith("Suami saya")


def test_an_unreachable_siteverify_keeps_the_report_as_unverified(settings, submit):
    settings.RECAPTCHA_DOMAIN = "127.0.0.1:9"  # the discard port: connection refused
    response = submit(**{"g-recaptcha-response": "pass"})
    assert filed(response)
    assert Report.objects.get().captcha_state == CaptchaState.UNVERIFIED


@pytest.fixture
def v3(settings):
    settings.RECAPTCHA_VERSION = "v3"
    settings.RECAPTCHA_REQUIRED_SCORE = 0.5


def test_v3_a_good_score_passes_and_is_recorded(siteverify, v3, submit):
    assert filed(submit(**{"g-recaptcha-response": "v3-0.9"}))
    report = Report.objects.get()
    assert (report.captcha_state, report.captcha_score) == (CaptchaState.PASSED, 0.9)


def test_v3_a_low_score_is_kept_but_flagged_for_triage(siteverify, v3, submit):
    assert filed(submit(**{"g-recaptcha-response": "v3-0.1"}))
    report = Report.objects.get()
    assert (report.captcha_state, report.captcha_score) == (CaptchaState.LOW_SCORE, 0.1)


def test_v3_a_score_answer_without_a_score_is_unverified(siteverify, v3, submit):
    assert filed(submit(**{"g-recaptcha-response": "pass"}))
    assert Report.objects.get().captcha_state == CaptchaState.UNVERIFIED


def test_v3_page_loads_the_score_script_instead_of_the_checkbox(v3, client, complaint_page):
    html = client.get(complaint_page.url).content.decode()
    assert "api.js?render=" in html
    assert "data-recaptcha-v3" in html
    assert 'class="g-recaptcha' not in html


def test_v2_page_loads_the_checkbox_without_inline_script(client, complaint_page):
    html = client.get(complaint_page.url).content.decode()
    assert 'class="g-recaptcha"' in html
    assert "https://www.google.com/recaptcha/api.js" in html
    # The CSP forbids inline scripts: every <script> on the page has a src.
    assert html.count("<script") == html.count("<script src=")


def test_leaving_the_captcha_token_out_stores_nothing_and_asks_nobody(siteverify, submit):
    response = submit(**{"g-recaptcha-response": ""})
    assert response.status_code == 400
    assert "Please tick the box" in response.content.decode().replace("&#x27;", "'")
    assert "Suami saya memukul saya" in response.content.decode()
    assert not Report.objects.exists()
    assert siteverify.requests == []


def test_a_report_kept_during_an_outage_reads_not_checked_for_triage(siteverify, submit):
    assert filed(submit(**{"g-recaptcha-response": "http500"}))
    report = Report.objects.get()
    assert report.get_captcha_state_display() == "Not checked (captcha service unavailable)"
    assert report.captcha_flag == "Captcha not checked"
