from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Satu Layanan portal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal import sections
        from portal.security import lockout, sessions

        # A section page made after the migrations gets its section group's permissions.
        sections.connect()
        # A browser that signed in is not held to the per-username lock (lockout.py).
        user_logged_in.connect(lockout.remember_device, dispatch_uid="portal-known-device")
        # The absolute session limit counts from here (sessions.py).
        user_logged_in.connect(sessions.mark_signed_in, dispatch_uid="portal-signed-in-at")
