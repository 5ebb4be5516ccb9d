"""Demo reports for the triage queue (called by ``manage.py load_demo``; idempotent).

Made only where the demo has regions; invented stories, no real person. Their
receipt digests match no receipt code, so nobody can follow them up.
"""

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


def load(stdout) -> None:
    from content.models import Region
    from forms.models import CaptchaState, Report

    region = Region.objects.order_by("-level", "code").first()
    if region is None:
        stdout.write("Triage demo skipped: no regions loaded.")
        return
    made = 0
    for number, (narrative, kinds, danger, age_group, sex) in enumerate(DEMO_REPORTS):
        digest = f"demo-triage-{number:04d}"
        if Report.objects.filter(receipt_digest=digest).exists():
            continue
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
        made += 1
    stdout.write(f"Triage demo: {made} report(s) added in {region}.")
    load_counted(stdout)


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
    places = list(Region.objects.filter(parent_id="35.78").values_list("code", flat=True))
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
            region_id=rng.choice(places[:3]),
            victim_age_group=rng.choice([*AgeGroup.values, ""]),
            victim_sex=rng.choice([Sex.FEMALE, Sex.FEMALE, Sex.FEMALE, Sex.MALE]),
            place_category=rng.choice(PlaceCategory.values),
            captcha_state=CaptchaState.PASSED,
            receipt_digest=f"demo-counted-{number:04d}",
            status="in_handling",
        )
        report.save()
        report.set_violence_kinds(rng.sample(ViolenceKind.values[:4], rng.choice([1, 1, 2])))
        Report.objects.filter(pk=report.pk).update(created_at=received)
        Case.objects.filter(report=report).update(received_at=received, verified_at=received)
    stdout.write(f"Statistics demo: {COUNTED_REPORTS} verified report(s) in Kota Surabaya.")
