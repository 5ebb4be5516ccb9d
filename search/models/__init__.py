"""Search models: the stored search documents, their vocabulary, the public search page."""

from search.models.entries import SearchEntry, SearchEntryService, SearchTerm
from search.models.search_page import SearchPage

__all__ = ["SearchEntry", "SearchEntryService", "SearchPage", "SearchTerm"]
