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
    ("Saya diancam oleh mantan suami lewat pesan.", ("psychological",), False, "18-59", "female"),
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
