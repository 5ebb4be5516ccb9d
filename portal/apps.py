from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Satu Layanan portal"

    def ready(self):
        from portal import sections, staff, translations

        # A section page made after the migrations gets its section group's permissions.
        sections.connect()
        # Translation drafts wait in revisions; slugs follow translated titles.
        translations.connect()
        # New staff start with the admin in Indonesian.
        staff.connect()
