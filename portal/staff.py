"""Staff accounts start with the admin in Indonesian.

Wagtail's admin otherwise follows the browser's language when a profile names none,
and many staff browsers here are set to English. A new account gets a profile whose
preferred language is the portal's (settings.LANGUAGE_CODE); each person can choose
English under Account → Preferences.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from wagtail.users.models import UserProfile


def start_in_indonesian(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        UserProfile.objects.get_or_create(
            user=instance, defaults={"preferred_language": settings.LANGUAGE_CODE}
        )


def connect() -> None:
    post_save.connect(
        start_in_indonesian, sender=get_user_model(), dispatch_uid="portal_staff_language"
    )
