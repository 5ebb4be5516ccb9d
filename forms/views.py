"""The complaint page's two public views: the form and the follow-up with a receipt code.

Both answer ``Cache-Control: no-store`` (a shared phone's Back button or cache must show
nothing), log no client details, and set no cookie but Django's CSRF cookie, which
the POST needs. Their deliberate refusals (400, 429, 503) are logged here in one line
without the request, and marked as logged so that Django's request logger, which
would attach the whole request (address, user agent) to its record, stays silent.
"""

from __future__ import annotations

import logging

from csp.decorators import csp_update
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from content.models import Hotline, Region
from forms import intake, progress, receipts
from forms.models import Status

logger = logging.getLogger(__name__)

# What each status means for the reporter, in plain words. Never a unit's name: which
# service is at which stage is the progress list's (forms/progress.py), and a unit is
# named there only when the case holder chose to share it.
STATUS_FOR_REPORTER = {
    Status.NEW: _("We have received your report. It is waiting for a staff member to read it."),
    Status.IN_REVIEW: _("A staff member is reading your report."),
    Status.VERIFIED: _("Your report has been checked and will be handled."),
    Status.INVALID: _(
        "Staff could not act on this report. If you need help, write to them below "
        "or call SAPA 129."
    ),
    Status.REFERRED: _("Staff are arranging the help you need with the services below."),
    Status.IN_HANDLING: _("Staff are working on your case."),
    Status.RESOLVED: _("Staff consider the case resolved. You can still write to them below."),
    Status.CLOSED: _("This report is closed. If you need help again, write below or call 129."),
}


def recaptcha_csp() -> dict[str, list[str]]:
    """reCAPTCHA's documented CSP needs, widened on the form page and nowhere else.

    Built per request from RECAPTCHA_DOMAIN (www.google.com, or www.recaptcha.net
    where google.com is blocked).
    """
    domain = settings.RECAPTCHA_DOMAIN
    return {
        "script-src": [f"https://{domain}/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        "frame-src": [f"https://{domain}/recaptcha/", "https://recaptcha.google.com/recaptcha/"],
    }


def private(response, log_as: str | None = None):
    """Mark a complaint-path response: never cached; a refusal logged without the request."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    # Not the site's no-referrer: with it, browsers send "Origin: null" on the form's
    # POST and Django's CSRF check refuses it. same-origin still sends nothing to others.
    response["Referrer-Policy"] = "same-origin"
    if response.status_code >= 400:
        logger.info("%s: answered %s", log_as or "complaint", response.status_code)
        # Django's own logger would attach the request (address, user agent) to its record.
        response._has_been_logged = True
    return response


def see_other(url: str) -> HttpResponseRedirect:
    """303 See Other: after a POST, the browser GETs ``url`` (Back and reload then
    never send the POST again)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return private(response)


def emergency_hotlines(page):
    """The numbers to call now: the emergency ones, and SAPA 129 (national, 24 hours)."""
    hotlines = Hotline.objects.live().filter(locale=page.locale, scope=Hotline.Scope.NATIONAL)
    return list(hotlines)


def _render(request, page, template, context, status=200, log_as=None):
    context = {"page": page, "self": page, **context}
    if "emergency_hotlines" not in context:
        context["emergency_hotlines"] = emergency_hotlines(page)
    response = TemplateResponse(request, template, context, status=status)
    return private(response, log_as)


def complaint_form(page, request):
    return csp_update(recaptcha_csp())(_complaint_form)(page, request)


def _form_again(request, page, form, status, log_as, **flags):
    """The form shown again after a refusal, with everything typed (files excepted)."""
    context = {
        "form": form,
        "files_dropped": bool(request.FILES),
        "danger": bool(request.POST.get("immediate_danger")),
        **flags,
    }
    return _render(request, page, "complaints/complaint_page.html", context, status, log_as)


def hand_over_unavailable(request):
    """A page after the redirect while the database cannot answer: the server error
    page (503), never "already sent", since the hand-over may well be waiting for a
    reload."""
    response = TemplateResponse(request, "500.html", {}, status=503)
    return private(response, "hand-over unavailable").render()


def already_sent(request, page, log_as):
    """The answer to a replayed POST (Back and resubmit, or a copied request): neutral,
    and echoing nothing of what it carried."""
    return _render(request, page, "complaints/already_sent.html", {}, 409, log_as)


def _complaint_form(page, request):
    """A complaint POST's stages, in order (see forms/intake/__init__.py)."""
    template = "complaints/complaint_page.html"
    if request.method != "POST":
        return _render(request, page, template, {"form": intake.ComplaintForm()})

    if request.POST.get("action") == "regions":
        # The no-JavaScript region picker: show the next level, keep everything typed.
        form = intake.ComplaintForm(request.POST, refining=True)
        return _render(request, page, template, {"form": form, "refining": True})

    # 1. This client's own limit: every POST counts, junk included.
    if intake.client_limited(request, "complaint", settings.INTAKE_RATE_PER_CLIENT):
        form = intake.ComplaintForm(request.POST, refining=True)
        return _form_again(
            request, page, form, 429, "complaint rate limit", rate_limited=True, refining=True
        )

    # 2. The cheap checks: answers, honeypot, one-time token and fill time, file sizes
    #    and types, a captcha token present. Nothing is decoded, nobody is asked.
    form = intake.ComplaintForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_again(request, page, form, 400, "complaint form invalid", show_errors=True)
    if not intake.claim(form.token):
        return already_sent(request, page, "complaint replayed")

    # 3. The captcha service.
    if not form.verify_captcha():
        return _form_again(request, page, form, 400, "complaint captcha", show_errors=True)

    # 4. Everyone's limit together: only POSTs that came this far count.
    if intake.everyone_limited(request, "complaint", settings.INTAKE_RATE_GLOBAL):
        return _form_again(request, page, form, 429, "complaint rate limit", rate_limited=True)

    # 5. The expensive part: every file decoded and rewritten without its metadata.
    if not form.clean_files():
        return _form_again(request, page, form, 400, "complaint file refused", show_errors=True)

    # 6. Filing: one transaction, which also hands the receipt over to the next page
    #    (forms.receipts.hand_over: the database, never the cache, so that the page
    #    after the redirect has the code exactly when the report is stored).
    page_url = page.url
    handed = {}

    def hand_over(report, code):
        state = {
            "receipt": code,
            "danger": report.immediate_danger,
            "captcha_unverified": not report.captcha_verified,
        }
        handed["handle"] = receipts.hand_over(state)

    try:
        intake.file_report(form.cleaned_data, page.locale.language_code, with_code=hand_over)
    except intake.StorageFailed:
        return _form_again(
            request, page, form, 503, "complaint storage failed", storage_failed=True
        )
    return see_other(page_url + page.reverse_subpage("sent", args=[handed["handle"]]))


def receipt_surroundings(page) -> dict:
    """What a receipt page shows besides the code, read while the database answers."""
    return {"emergency_hotlines": emergency_hotlines(page), "status_url": page.status_url}


def receipt_context(state: dict) -> dict:
    return {
        "receipt_code": receipts.display(state["receipt"]),
        "danger": state["danger"],
        "captcha_unverified": state["captcha_unverified"],
    }


def show_receipt(request, page, context, status=200):
    """The receipt page, rendered now; a plain one if the database fails meanwhile.

    The report is committed and its code, once taken from the hand-over, exists nowhere
    else: the page around it (menu, hotline bar, languages) reads the database, and a
    failure there must not turn a stored report into an error page the reporter would
    send again. The plain page needs nothing but what the view already holds.
    """
    try:
        return _render(request, page, "complaints/receipt.html", context, status).render()
    except DatabaseError as error:
        logger.error("Receipt shown on the plain page: %s", type(error).__name__)
        plain = TemplateResponse(request, "complaints/receipt_plain.html", context, status=status)
        return private(plain).render()


def complaint_sent(page, request, handle):
    """The receipt, once: read from the server-side hand-over, which this read deletes.

    Reloading, Back or a copied address then shows a neutral page, never the code.
    """
    around = receipt_surroundings(page)
    try:
        state = receipts.take_over(handle)
    except receipts.HandOverUnavailable:
        return hand_over_unavailable(request)
    if state is None:
        return already_sent(request, page, "receipt already shown")
    return show_receipt(request, page, {**receipt_context(state), **around})


def _status_lookup(request, page, status=200, log_as=None, **flags):
    context = {"lookup": intake.StatusLookupForm(), "once": intake.started_token(), **flags}
    return _render(request, page, "complaints/status_page.html", context, status, log_as)


def _thread(request, page, report, code, status=200, log_as="status reply", **extra):
    context = {
        "report": report,
        "status_text": STATUS_FOR_REPORTER.get(report.status, ""),
        "progress": progress.for_reporter(report),
        "thread": list(report.messages.all()),
        "reply": intake.ReplyForm(initial={"receipt": code}),
        "receipt": code,
        "once": intake.started_token(),
        **extra,
    }
    return _render(request, page, "complaints/status_page.html", context, status, log_as)


def complaint_status(page, request):
    if request.method != "POST":
        # After a reply, the redirect brings the thread back through a one-time hand-over.
        try:
            state = receipts.take_over(request.GET["sent"]) if "sent" in request.GET else None
        except receipts.HandOverUnavailable:
            return hand_over_unavailable(request)
        report = receipts.find_report(state["receipt"]) if state else None
        if report is not None:
            return _thread(request, page, report, state["receipt"], sent=True)
        return _status_lookup(request, page)

    # Every look-up counts, right or wrong: guessing codes is what this stops.
    if intake.client_limited(request, "status", settings.INTAKE_STATUS_RATE_PER_CLIENT):
        return _status_lookup(request, page, 429, "status rate limit", rate_limited=True)

    started = intake.read_token(request.POST.get("once"))
    if started is None or not intake.claim(started):
        return already_sent(request, page, "status replayed")

    lookup = intake.StatusLookupForm(request.POST)
    report = receipts.find_report(request.POST.get("receipt", "")) if lookup.is_valid() else None
    if report is None:
        # One answer for a wrong code, a malformed one and an empty one alike.
        return _status_lookup(request, page, 404, "status code not found", not_found=True)
    code = receipts.normalise(request.POST["receipt"])
    if request.POST.get("action") != "reply":
        return _thread(request, page, report, code)

    reply = intake.ReplyForm(request.POST, request.FILES)
    if not reply.is_valid() or not reply.clean_files():
        dropped = bool(request.FILES)
        return _thread(request, page, report, code, 400, reply=reply, files_dropped=dropped)
    try:
        intake.add_reply(report, reply.cleaned_data)
    except intake.StorageFailed:
        reply.add_error(None, _("Your message could not be saved. Please try again."))
        dropped = bool(request.FILES)
        return _thread(request, page, report, code, 503, reply=reply, files_dropped=dropped)
    try:
        handle = receipts.hand_over({"receipt": code})
    except DatabaseError:
        # The reply is stored; the database failed just after: the thread answers the POST.
        return _thread(request, page, report, code, sent=True)
    target = f"{page.status_url}?{urlencode({'sent': handle})}"
    return see_other(target)


def region_children(page, request):
    """The regions directly below ``?parent=<code>``, for the picker's JavaScript."""
    code = request.GET.get("parent", "")[:13]
    children = Region.objects.filter(parent_id=code).values_list("code", "name") if code else []
    response = JsonResponse({"regions": [[c, n] for c, n in children]})
    # Public, identical for everyone: a CDN may cache it.
    patch_cache_control(response, public=True, max_age=86400)
    return response
