"""Per-user page fragments in the shared cache, safe by construction.

Pages that list a candidate's interviews cache their expensive parts with Django's `{% cache %}`
tag, keyed on

- `RELEASE`: a digest of the code and templates this process runs, so a deploy never serves
  markup rendered by the previous version;
- the candidate's *data fingerprint* (`interviews.selectors.data_fingerprint`): one query that
  reads the count and the newest `updated_at` of their interviews, score figures, resumes and
  jobs. Any write that changes what those pages show changes the fingerprint, so there is nothing
  to invalidate by hand and no write path (scoring, the room, the worker, another helper's new
  code) can forget to;
- whatever else the fragment depends on (page number, filters).

Score runs never change once written, so the results page caches the parts built from one run
under the run's id (and `RELEASE`) alone.

Views pass the data for those parts as lazy objects (`lazy`), so a cache hit runs none of the
queries behind them.
"""

import hashlib
import os
from pathlib import Path

from django.utils.functional import SimpleLazyObject

FRAGMENT_SECONDS = 7 * 24 * 3600  # an unused fragment ages out; a used one is keyed on live data


def _release() -> str:
    base = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(os.environ.get("SAYLO_RELEASE", "").encode(), digest_size=6)
    for folder in ("accounts", "interviews", "resumes", "saylo", "templates"):
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in {".py", ".html"}:
                stat = path.stat()
                digest.update(f"{path.relative_to(base)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


RELEASE = _release()


def lazy(build):
    """`build()` run on first use only: what a cached fragment needs costs nothing on a hit."""
    return SimpleLazyObject(build)
