"""Public figures from the complaints, and nothing finer than is safe to publish.

- ``aggregate``: which reports count and their counts, computed by the database;
- ``tables``: the tables an editor can place, as grids of counts;
- ``suppression``: primary and secondary suppression over a whole page;
- ``release``: ``publish()``, the one aggregate API (cached, sticky suppression),
  registered for statistics pages in content/statistics.py.

The method and its limits: docs/statistics.md.
"""
