from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content"

    def ready(self):
        from content import cdn, page_cache

        page_cache.connect_signals()
        cdn.connect_signals()
