"""The one page fragment Saylo caches: the body of a results page, built from one score run.

A score run never changes once written, so its fragment is keyed on the run's id and the release
(`core.release`) alone and needs no invalidation while the run exists. When runs are deleted (an
account deleted), their fragments are deleted with them: they quote the candidate's answers.
"""

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key

from core.release import RELEASE

RESULTS_FRAGMENT = "results_run"  # the name used by `{% cache %}` in templates/interviews/results.html


def results_fragment_key(run_id: int) -> str:
    return make_template_fragment_key(RESULTS_FRAGMENT, [RELEASE, run_id])


def results_fragments_forget(run_ids) -> None:
    keys = [results_fragment_key(run_id) for run_id in run_ids]
    if keys:
        cache.delete_many(keys)
