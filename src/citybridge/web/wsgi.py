"""WSGI entry point for a web server."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.web.settings")
application = get_wsgi_application()
# Every page's module is imported now rather than by the first request, then what the process
# holds at this point (Django, Polars, our modules: never garbage) is set aside from the garbage
# collector: a full collection walked it all, and stopped every request of the process for up to
# 180 ms under load (bench/web.py); now about 15.
get_resolver().url_patterns  # noqa: B018 (importing the URL map imports the views)
gc.freeze()
