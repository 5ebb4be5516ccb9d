"""The counted facts of a case, as staff complete them (the "Case facts" panel).

The public form asks only what a reporter can answer simply; staff fill in the rest
on the case: the kinds, the place category, the victim's age group, sex and
disability, the number of victims and each perpetrator. All of it is categories in
clear (what the statistics and the national export count); the reporter's own
words stay sealed where they are. Saved by ``actions.record_facts``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forms.models import AgeGroup, Disability, PlaceCategory, Relation, Sex, ViolenceKind

NOT_RECORDED = [("", _("Not recorded"))]
MAX_PERPETRATORS = 5


class CaseFactsForm(forms.Form):
    violence_kinds = forms.MultipleChoiceField(
        label=_("Kinds of violence"),
        choices=ViolenceKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    place_category = forms.ChoiceField(
        label=_("Place"), choices=NOT_RECORDED + PlaceCategory.choices, required=False
    )
    victim_age_group = forms.ChoiceField(
        label=_("Victim age group"), choices=NOT_RECORDED + AgeGroup.choices, required=False
    )
    victim_sex = forms.ChoiceField(
        label=_("Victim sex"), choices=NOT_RECORDED + Sex.choices, required=False
    )
    victim_disability = forms.ChoiceField(
        label=_("Victim disability"), choices=NOT_RECORDED + Disability.choices, required=False
    )
    victims = forms.IntegerField(label=_("Number of victims"), min_value=1, max_value=999)

    @classmethod
    def for_report(cls, report, data=None):
        return cls(
            data,
            initial={
                "violence_kinds": report.violence_kinds,
                "place_category": report.place_category,
                "victim_age_group": report.victim_age_group,
                "victim_sex": report.victim_sex,
                "victim_disability": report.victim_disability,
                "victims": report.victims,
            },
            prefix="facts",
        )


class PerpetratorForm(forms.Form):
    relation = forms.ChoiceField(
        label=_("Relation to the victim"), choices=NOT_RECORDED + Relation.choices, required=False
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=NOT_RECORDED + Sex.choices, required=False)
    age_group = forms.ChoiceField(
        label=_("Age group"), choices=NOT_RECORDED + AgeGroup.choices, required=False
    )


PerpetratorFormSet = forms.formset_factory(
    PerpetratorForm, extra=1, max_num=MAX_PERPETRATORS, validate_max=True
)


def perpetrator_forms(report, data=None):
    initial = [
        {"relation": p.relation, "sex": p.sex, "age_group": p.age_group}
        for p in report.perpetrators.all()
    ]
    return PerpetratorFormSet(data, initial=initial, prefix="perpetrators")


def perpetrators_from(formset) -> list[dict]:
    """The filled-in rows (a row left all "not recorded" names no perpetrator)."""
    return [
        {name: form.cleaned_data.get(name, "") for name in ("relation", "sex", "age_group")}
        for form in formset.forms
        if form.has_changed() and any(form.cleaned_data.get(n) for n in form.fields)
    ]
