# Fixtures of the public page tree (tests/content/pages.py), and the service
# directory's, for the home page's "help near you".
from tests.content.directory.conftest import directory, regions, services  # noqa: F401
from tests.content.pages import media_root, public_tree  # noqa: F401
