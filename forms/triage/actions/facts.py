"""The counted facts of a case, completed by staff (the "Case facts" panel)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from forms.models import Perpetrator
from forms.statistics.release import changed as statistics_changed
from forms.triage.actions.base import TriageAction, TriageError, registry
from forms.triage.case_facts import CaseFactsForm, perpetrator_forms, perpetrators_from

FACT_FIELDS = ("place_category", "victim_age_group", "victim_sex", "victim_disability", "victims")


@registry.register
class RecordFacts(TriageAction):
    """Staff complete the counted facts of a case (forms/triage/case_facts.py).

    ``facts`` holds the kinds and the report's category fields; ``perpetrators``
    replaces the report's perpetrators. The audit entry names what changed, never
    the values. Returns the names of the changed facts.
    """

    action_name = "record_facts"
    success_message = _("Case facts saved.")

    @classmethod
    def params(cls, data, instance):
        facts = CaseFactsForm.for_report(instance, data)
        perpetrators = perpetrator_forms(instance, data)
        if not (facts.is_valid() and perpetrators.is_valid()):
            raise TriageError(_("Some case facts need another look; nothing was saved."))
        return {"facts": facts.cleaned_data, "perpetrators": perpetrators_from(perpetrators)}

    def perform(self, facts: dict, perpetrators: list[dict]) -> list[str]:
        report = self.instance
        kinds = sorted(set(facts.get("violence_kinds") or []))
        if not kinds:
            raise TriageError(_("Choose at least one kind of violence."))
        changed = [name for name in FACT_FIELDS if getattr(report, name) != facts[name]]
        if kinds != sorted(report.violence_kinds):
            changed.append("violence_kinds")
        before = [(p.relation, p.sex, p.age_group) for p in report.perpetrators.all()]
        after = [(p["relation"], p["sex"], p["age_group"]) for p in perpetrators]
        if before != after:
            changed.append("perpetrators")
        if not changed:
            return []
        for name in FACT_FIELDS:
            setattr(report, name, facts[name])
        report.save(update_fields=[*FACT_FIELDS, "updated_at"])
        report.set_violence_kinds(kinds)
        report.perpetrators.all().delete()
        Perpetrator.objects.bulk_create([Perpetrator(report=report, **p) for p in perpetrators])
        self.audit("changed " + ", ".join(changed))
        statistics_changed()
        return changed

    def message(self, result) -> str:
        return self.success_message if result else _("Nothing changed.")
