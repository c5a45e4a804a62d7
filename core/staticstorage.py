"""Static files in production: compressed, with content hashes in their names — for the whole ES
module graph, not only the files templates name.

The room's script is loaded by its hashed name and cached for a year, but it imports its modules
by relative path ("./room/outbox.js"); without rewriting those imports, the hashed script pulled
in unhashed modules (cached 60 s, and possibly a newer or older version than the script expects).
Django's `support_js_module_import_aggregation` makes collectstatic rewrite `import … from "./x.js"`
(and `export … from`, bare and dynamic imports) to the imported file's hashed name, so a change in
any module changes the hash of every script that imports it.

Only Saylo's own modules (collected under `js/`) are rewritten: packaged scripts such as
django-htmx's extensions import names that are not static files and would fail collectstatic.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
    _js_module_import_aggregation_patterns = ("js/*.js", ManifestStaticFilesStorage._js_module_import_aggregation_patterns[1])
