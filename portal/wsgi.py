import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

# What start-up loaded (Django, Wagtail, the portal's modules: some 230,000 objects)
# lives as long as the worker. Frozen out of the collector's generations, it is no
# longer walked by every full collection, a pause of 100 ms and more that lands in the
# middle of some request (the p95 of tests/bench/triage.py).
gc.freeze()
