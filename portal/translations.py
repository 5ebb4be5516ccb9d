"""Synced translations made in code (the demo, tests), the way wagtail-localize makes them.

A translation made here is the same kind of object a translator gets from the admin's
"Translate" action: a ``Translation`` of the source's segments, edited afterwards in
wagtail-localize's editor or through its PO download/upload, and updated from the
source with "Sync translated pages".
"""

from collections.abc import Mapping

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@transaction.atomic
def translate(instance, locale: Locale, strings: Mapping[str, str], *, publish=True, user=None):
    """Create or refresh the translation of ``instance`` into ``locale``.

    ``strings`` maps source texts (a title, a slug, a paragraph of rich text without
    its <p>) to their translation; strings left out keep the source text until a
    translator gets to them. Returns the translated instance.
    """
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if not created and not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual", "last_translated_by": user},
            )
    # wagtail-localize publishes pages when the transaction commits; publishing a parent
    # that late would save it over the children translated meanwhile (treebeard's
    # child count), so drafts are saved here and published at once, in order.
    draftable = isinstance(instance, DraftStateMixin)
    translation.save_target(user=user, publish=publish and not draftable)
    target = translation.get_target_instance()
    if publish and draftable:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target
