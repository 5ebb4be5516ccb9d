from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"
    label = "complaints"
    verbose_name = "Complaints"

    def ready(self):
        # The page's routes import the views lazily (the views need the models); load
        # them here, once, before any request thread can race to import them.
        # Statistics pages (content) read their figures through content's registry.
        from content.statistics import register_source
        from forms import views  # noqa: F401
        from forms.statistics.release import AggregateSource

        register_source(AggregateSource())
