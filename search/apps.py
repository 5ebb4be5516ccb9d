from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "Search"

    def ready(self):
        from search import indexing

        # Each app's searchable.py registers its page types (search.documents) and
        # names its facet values (search.facets); a wrong label stops start-up here.
        autodiscover_modules("searchable")
        indexing.connect()
