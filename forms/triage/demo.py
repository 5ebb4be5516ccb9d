"""Demo reports, staff and a referral loop (called by ``manage.py load_demo``; idempotent).

Made only where the demo has regions; invented stories, no real person. The queue's
demo reports have receipt digests that match no receipt code. The referral loop's
report is different: ``manage.py demo`` prints its receipt code (``loop_code``) with
the demo staff's logins, so that the whole loop can be followed from the officer's,
the units' and the reporter's side:

- ``petugas.surabaya`` (Triage officer, Kota Surabaya) holds the report and referred it
  to the hospital (visum, medical care) and to the legal aid office (legal);
- ``rs.soetomo`` (Unit staff of the PPT RSUD Dr. Soetomo) accepted and recorded the visum;
- ``lbh.surabaya`` (Unit coordinator of LBH Surabaya) has not answered yet.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.crypto import salted_hmac

from forms import receipts
from forms.triage import actions

DEMO_REPORTS = [
    # narrative, violence kinds, immediate danger, victim age group, victim sex
    (
        "Tetangga saya sering memukul anaknya, malam ini terdengar teriakan lagi.",
        ("physical",),
        True,
        "6-12",
        "female",
    ),
    ("Saya diancam oleh mantan suami lewat pesan.", ("psychological",), False, "25-44", "female"),
    ("Murid saya bercerita tentang perlakuan pamannya.", ("sexual",), False, "13-17", "female"),
]

REGENCY = "35.78"
# username, name, role, regions, unit (the directory page's slug)
DEMO_STAFF = [
    ("petugas.surabaya", "Petugas Surabaya", "Triage officer", [REGENCY], ""),
    ("rs.soetomo", "PPT RSUD Dr. Soetomo", "Unit staff", [], "ppt-rsud-dr-soetomo"),
    ("lbh.surabaya", "LBH Surabaya", "Unit coordinator", [], "lbh-surabaya"),
]


def load(stdout) -> None:
    from content.models import Region

    region = Region.objects.order_by("-level", "code").first()
    if region is None:
        stdout.write("Triage demo skipped: no regions loaded.")
        return
    made = sum(make_report(region, number, *spec) for number, spec in enumerate(DEMO_REPORTS))
    stdout.write(f"Triage demo: {made} report(s) added in {region}.")
    load_counted(stdout)
    staff = make_staff()
    if staff is not None and not demo_loop_report():
        referral_loop(*staff)
        stdout.write("Referral demo: a report referred to a hospital and a legal aid office.")


def make_report(region, number, narrative, kinds, danger, age_group, sex) -> bool:
    from forms.models import CaptchaState, Report

    digest = f"demo-triage-{number:04d}"
    if Report.objects.filter(receipt_digest=digest).exists():
        return False
    report = Report(
        immediate_danger=danger,
        victim_age_group=age_group,
        victim_sex=sex,
        captcha_state=CaptchaState.PASSED,
        receipt_digest=digest,
    )
    report.narrative = narrative
    report.set_region(region)
    report.save()
    report.set_violence_kinds(kinds)
    actions.ensure_case(report)
    return True


def make_staff():
    """The demo officer and unit members (no usable password until ``reset_logins``);
    None when the demo directory has no such units."""
    from content.models import Region, ServiceUnitPage
    from forms.triage.models import StaffProfile

    people = []
    for username, name, role, regions, unit_slug in DEMO_STAFF:
        unit = None
        if unit_slug:
            unit = ServiceUnitPage.objects.filter(slug=unit_slug, locale__language_code="id")
            unit = unit.first()
            if unit is None:
                return None
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": name, "email": f"{username}@demo.example"}
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=role))
        profile, _created = StaffProfile.objects.get_or_create(
            user=user, defaults={"on_duty": True}
        )
        profile.regions.add(*Region.objects.filter(code__in=regions))
        if unit is not None:
            profile.units.add(unit)
        people.append((user, unit))
    return people


def loop_code() -> str:
    """The referral loop report's receipt code: the same on every run on this machine
    (derived from SECRET_KEY), so ``manage.py demo`` can print it and it keeps working."""
    number = int(salted_hmac("satu-layanan.demo", "referral-loop").hexdigest(), 16)
    return f"{number % 10**receipts.CODE_DIGITS:0{receipts.CODE_DIGITS}d}"


def demo_loop_report():
    from forms.models import Report

    return Report.objects.filter(receipt_digest=receipts.digest(loop_code())).first()


def referral_loop(officer, hospital_member, legal_member) -> None:
    from content.models import Region
    from forms.models import CaptchaState, ContactChannel, Report

    officer, _no_unit = officer
    (member, hospital), (_coordinator, legal_aid) = hospital_member, legal_member
    village = (
        Region.objects.filter(code__startswith=f"{REGENCY}.", level=Region.Level.VILLAGE)
        .order_by("code")
        .first()
    ) or Region.objects.get(code=REGENCY)
    report = Report(
        victim_age_group="13-17",
        victim_sex="female",
        consent_contact=True,
        consent_referral=True,
        captcha_state=CaptchaState.PASSED,
        receipt_digest=receipts.digest(loop_code()),
    )
    report.narrative = (
        "Anak saya dipukul dan dilecehkan oleh pamannya. Kami sudah pindah ke rumah nenek."
    )
    report.contact_name, report.contact_channel = "Ibu R.", ContactChannel.WHATSAPP
    report.contact_details, report.safe_time = "0812-0000-0129", "Pagi, sebelum jam 9"
    report.set_region(village)
    report.save()
    report.set_violence_kinds(["physical", "sexual"])
    actions.claim(officer, report)
    actions.verify(officer, report)
    visum = actions.refer(
        officer,
        report,
        hospital,
        ["visum", "medical"],
        "Anak perempuan 13-17 tahun, kekerasan fisik dan seksual. Mohon visum dan "
        "pemeriksaan medis; ibu mendampingi.",
        pass_contact=True,
    )
    actions.accept(member, visum)
    actions.record_service(member, visum, "visum", timezone.localdate(), "IGD", "Visum selesai.")
    actions.refer(
        officer,
        report,
        legal_aid,
        ["legal"],
        "Keluarga ingin melapor ke polisi; mohon pendampingan.",
    )
    actions.add_follow_up(officer, report, timezone.localdate(), "Tanyakan hasil visum")


def reset_logins() -> list[tuple[str, str, str]]:
    """A new password for each demo staff member who exists: (username, password, role)."""
    logins = []
    for username, _name, role, _regions, _unit in DEMO_STAFF:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        logins.append((username, password, role))
    return logins


COUNTED_REPORTS = 90


def load_counted(stdout) -> None:
    """Verified reports over the last twelve months in Surabaya, for the statistics page.

    Invented categories (a seeded random draw), no story: the cases are marked
    verified directly, as if staff had verified them in their month.
    """
    import random
    from datetime import datetime, timedelta

    from django.utils import timezone

    from content.models import Region
    from forms.models import AgeGroup, CaptchaState, PlaceCategory, Report, Sex, ViolenceKind
    from forms.triage.models import Case

    if Report.objects.filter(receipt_digest__startswith="demo-counted-").exists():
        return
    places = list(Region.objects.filter(parent_id="35.78").order_by("code"))
    if not places:
        stdout.write("Statistics demo skipped: the districts of Kota Surabaya are not loaded.")
        return
    rng = random.Random(15)  # noqa: S311 (invented demo categories, not a secret)
    today = timezone.localdate()
    for number in range(COUNTED_REPORTS):
        received = timezone.make_aware(
            datetime.combine(today - timedelta(days=rng.randint(35, 365)), datetime.min.time())
        )
        report = Report(
            victim_age_group=rng.choice([*AgeGroup.values, ""]),
            victim_sex=rng.choice([Sex.FEMALE, Sex.FEMALE, Sex.FEMALE, Sex.MALE]),
            place_category=rng.choice(PlaceCategory.values),
            captcha_state=CaptchaState.PASSED,
            receipt_digest=f"demo-counted-{number:04d}",
            status="in_handling",
        )
        report.set_region(rng.choice(places[:3]))  # the district sealed, as a reporter's
        report.save()
        report.set_violence_kinds(rng.sample(ViolenceKind.values[:4], rng.choice([1, 1, 2])))
        Report.objects.filter(pk=report.pk).update(created_at=received)
        Case.objects.filter(report=report).update(received_at=received, verified_at=received)
    stdout.write(f"Statistics demo: {COUNTED_REPORTS} verified report(s) in Kota Surabaya.")
