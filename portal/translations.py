"""Content translations (wagtail-localize) as the portal runs them.

- ``translate``: a synced translation made in code (the demo, tests), the same kind of
  object a translator gets from the admin's "Translate" action: a ``Translation`` of the
  source's segments, edited afterwards in wagtail-localize's editor or through its PO
  download/upload, and updated from the source with "Sync translated pages".
- ``save_draft``: a translation saved as a new revision of its page or snippet. Every
  "draft" wagtail-localize saves goes through it (``install``, from PortalConfig.ready):
  its own draft path writes the translated text into the live row of a page or snippet
  that is already published, so readers would see it before any moderator did, and it
  unpublishes a live translated snippet. A draft here waits in its revision, like an
  edit in Wagtail's own editor, until the workflow publishes it (portal/moderation.py).
- ``slug_follows_title``: a translated title gives the page its slug in that language
  unless someone translated the slug by hand.
- ``translation_comment``: the editor's "Translated manually on 17 Agustus 2026" under
  each string, its date in the admin's language (wagtail-localize formats it with
  ``strftime``, whose month names are always English).
"""

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.segments.ingest import ingest_segments

# Marks a slug made from the title, so that it follows later changes of the title.
SLUG_FROM_TITLE = "title"


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
                defaults={
                    "data": text,
                    "translation_type": "manual",
                    "tool_name": "",
                    "last_translated_by": user,
                },
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


def live_target(translation: Translation):
    """The published page or snippet a translation writes to, or None."""
    try:
        target = translation.source.get_translated_instance(translation.target_locale)
    except ObjectDoesNotExist:
        return None
    return target if getattr(target, "live", False) else None


@transaction.atomic
def save_draft(translation: Translation, user=None):
    """Save the translation's current text as a new revision of its published target.

    The live row is not written: readers keep the published version until the revision
    is published (by a moderator's approval, or by someone allowed to publish).
    Raises ValidationError when the translated text does not make a valid object.
    """
    source, locale = translation.source, translation.target_locale
    original = source.as_instance()
    draft = source.get_translated_instance(locale).get_latest_revision_as_object()
    copy_synchronised_fields(original, draft)
    segments = source._get_segments_for_translation(locale, fallback=True)
    ingest_segments(original, draft, source.locale, locale, segments)
    if isinstance(draft, Page):
        draft.slug = find_available_slug(
            draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.id
        )
    revision = draft.save_revision(user=user)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return draft


def translation_comment(string: StringTranslation) -> str | None:
    """How and when ``string`` was translated, as wagtail-localize's editor shows it
    (the same msgids), with the date in the active language: "17 Agustus 2026"."""
    date = date_format(timezone.localtime(string.updated_at), "j F Y")
    if string.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=string.tool_name, date=date
        )
    if string.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if string.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def install() -> None:
    """Send every draft save of wagtail-localize to ``save_draft``, and its editor's
    comments to ``translation_comment`` (see the docstring)."""
    StringTranslation.get_comment = translation_comment
    if getattr(Translation.save_target, "portal_drafts", False):
        return
    save_target = Translation.save_target

    def save_target_as_draft(self, user=None, publish=True):
        if not publish and live_target(self) is not None:
            save_draft(self, user=user)
            return
        save_target(self, user=user, publish=publish)

    save_target_as_draft.portal_drafts = True
    Translation.save_target = save_target_as_draft


def slug_follows_title(sender, instance: StringTranslation, **kwargs):
    """When a page's title is translated, translate its slug from it, unless a person did.

    The slug is a string of its own in wagtail-localize's editor (the "Promote" tab):
    left alone, the English page kept its Indonesian address. A slug made here is marked
    (``tool_name``) so that it follows a later change of the title; once someone edits
    the slug by hand, it is theirs.
    """
    if instance.tool_name == SLUG_FROM_TITLE or instance.context.path != "title":
        return
    slug_context = TranslationContext.objects.filter(
        object_id=instance.context.object_id, path="slug"
    ).first()
    segment = (
        StringSegment.objects.filter(context=slug_context).order_by("-source_id").first()
        if slug_context
        else None
    )
    if segment is None:
        return
    existing = StringTranslation.objects.filter(
        translation_of_id=segment.string_id, locale_id=instance.locale_id, context=slug_context
    ).first()
    if existing is not None and existing.tool_name != SLUG_FROM_TITLE:
        return
    unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    slug = slugify(instance.data, allow_unicode=unicode)
    if not slug:
        return
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=instance.locale_id,
        context=slug_context,
        defaults={
            "data": slug,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
            "tool_name": SLUG_FROM_TITLE,
            "last_translated_by": instance.last_translated_by,
        },
    )


def connect() -> None:
    install()
    post_save.connect(
        slug_follows_title, sender=StringTranslation, dispatch_uid="portal_slug_follows_title"
    )
