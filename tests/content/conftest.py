# Fixtures of the public page tree (tests/content/pages.py).
from tests.content.pages import media_root, public_tree  # noqa: F401
