"""Referrals made before partner units worked on them, carried into the new model by
migrations 0014-0017: statuses mapped, units sealed, services become needs."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from forms import crypto
from forms.triage import unit_index

BEFORE = [("triage", "0013_audit_actions_merged")]
AFTER = [("triage", "0017_drop_clear_referral_unit")]


def migrate(targets):
    """Triage at ``targets``, the reports' app at its newest: the old referrals are
    made on today's reports, as a deployment upgrading triage would hold them."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    complaints = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "complaints"]
    targets = [*targets, *complaints]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_world(transactional_db, django_db_serialized_rollback):
    """The database as it was at 0013, with referrals in every old status; put back
    at the newest migration afterwards."""
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def make_old(apps):
    Region = apps.get_model("content", "Region")
    Report = apps.get_model("complaints", "Report")
    Referral = apps.get_model("triage", "Referral")
    from content.models import ServiceUnitPage
    from tests.forms.conftest import make_regions

    make_regions()
    # As complaints 0008-0009 left reports: the regency in clear, the data key bound
    # to its report, each sealed value to its row (the notes by triage 0012).
    report = Report(
        region=Region.objects.get(code="31.71"),
        captcha_state="passed",
        receipt_digest="migration-test",
        immediate_danger=True,
        victim_age_group="6-12",
    )
    raw, report.data_key = crypto.new_wrapped_data_key(crypto.row_binding(report, "data_key"))
    report.save()
    cipher = crypto.Cipher(raw)
    units = list(ServiceUnitPage.objects.order_by("pk")[:2])
    made = {}
    for status, unit, service in [
        ("sent", units[0], "medical"),
        ("in_progress", units[1], "legal"),
        ("declined", units[1], "shelter"),
        ("sent", units[0], "visum"),  # a second open one to the same unit: merged
    ]:
        referral = Referral(report=report, unit_id=unit.pk, service=service, status=status)
        binding = crypto.row_binding(referral, "notes")
        referral.notes_sealed = cipher.seal_text(f"Notes for {service}", binding)
        referral.save()
        made[(status, service)] = referral
    return report, units, made


def test_old_referrals_are_sealed_mapped_and_planned(old_world, world_units):
    report, units, made = make_old(old_world)
    apps = migrate(AFTER)
    Referral = apps.get_model("triage", "Referral")
    Need = apps.get_model("triage", "Need")
    from forms.triage.models import Referral as Live

    rows = {r.pk: r for r in Referral.objects.filter(report_id=report.pk)}
    assert made[("sent", "visum")].pk not in rows  # folded into the first open referral
    first = rows[made[("sent", "medical")].pk]
    in_progress = rows[made[("in_progress", "legal")].pk]
    declined = rows[made[("declined", "shelter")].pk]
    assert (first.status, sorted(first.services), first.is_open) == (
        "sent",
        ["medical", "visum"],
        True,
    )
    assert (in_progress.status, in_progress.services) == ("accepted", ["legal"])
    assert (declined.status, declined.is_open) == ("declined", False)
    assert first.immediate_danger and first.child_victim and first.due_at is not None
    # The unit: a blind index and a sealed value that opens to the old unit.
    live = Live.objects.select_related("report").get(pk=first.pk)
    assert live.unit_pk == units[0].pk and live.summary == "Notes for medical"
    assert first.unit_index == unit_index.of(units[0])
    assert declined.unit_index == unit_index.of(units[1])
    needs = sorted(Need.objects.filter(report_id=report.pk).values_list("kind", "state"))
    assert needs == [
        ("legal", "in_progress"),
        ("medical", "referred"),
        ("shelter", "planned"),
        ("visum", "referred"),
    ]


@pytest.fixture
def world_units(old_world):
    """Two unit pages, made with today's models (pages are not triage's to migrate)."""
    from wagtail.models import Locale, Page

    from content.models import Region, ServiceUnitPage
    from tests.forms.conftest import make_regions

    make_regions()
    root = Page.get_first_root_node()
    locale = Locale.objects.get(language_code="id")
    for slug in ("old-clinic", "old-lawyers"):
        root.add_child(
            instance=ServiceUnitPage(
                title=slug,
                slug=slug,
                kind="hospital",
                region=Region.objects.get(code="31.71"),
                locale=locale,
            )
        )
