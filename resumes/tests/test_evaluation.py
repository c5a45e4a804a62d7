"""`manage.py evaluate_parsing`: field accuracy per layout family on a folder of resumes with truth files."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resumes.reading import evaluation as evaluation_module
from resumes.reading.evaluation import (
    DEFAULT_FOLDER,
    HELD_OUT,
    TUNING,
    evaluate_corpus,
    evaluate_folder,
    loose,
    spacing_agreement,
)
from resumes.tests import samples


def _run(*args) -> str:
    out = StringIO()
    call_command("evaluate_parsing", *args, stdout=out)
    return out.getvalue()


def _truth(**fields) -> dict:
    return {"family": "plain text", **fields}


def test_scores_each_field_against_the_truth_file(tmp_path):
    (tmp_path / "maya.txt").write_text(samples.SOFTWARE_ENGINEER_RESUME, encoding="utf-8")
    (tmp_path / "maya.json").write_text(json.dumps(_truth(
        name="Maya Patel", email="maya.patel@example.com", phone="+49 30 9999 9999",  # the phone is wrong on purpose
        roles=[{"title": "Senior Backend Engineer", "employer": "Stripe", "start": "2021-01", "end": "present"}],
        skills=["Python", "Fortran"],
    )), encoding="utf-8")
    (tmp_path / "no-truth.txt").write_text(samples.SALES_RESUME, encoding="utf-8")

    evaluation = evaluate_folder(tmp_path)

    assert [result.path.name for result in evaluation.files] == ["maya.txt"]
    scores = evaluation.families()["plain text"]
    assert (scores["name"].passed, scores["name"].total) == (1, 1)
    assert (scores["phone"].passed, scores["phone"].total) == (0, 1)
    assert (scores["titles"].passed, scores["employers"].passed, scores["dates"].passed) == (1, 1, 1)
    # Maya has three roles; the truth names one, so two read roles are not in the truth.
    assert (scores["roles"].passed, scores["roles"].total) == (1, 3)
    assert (scores["skills"].passed, scores["skills"].total) == (1, 2)
    assert scores["location"].total == 0  # not in the truth: not scored


def test_degrees_and_roles_the_resume_does_not_have_count_against_the_reader(tmp_path):
    (tmp_path / "maya.txt").write_text(samples.SOFTWARE_ENGINEER_RESUME, encoding="utf-8")
    # The truth names one role and no degree: the reader's other two roles and its one degree are invented.
    (tmp_path / "maya.json").write_text(json.dumps(_truth(
        roles=[{"title": "Senior Backend Engineer", "employer": "Stripe", "start": "2021-01", "end": "present"}],
        degrees=[],
    )), encoding="utf-8")

    evaluation = evaluate_folder(tmp_path)

    scores = evaluation.families()["plain text"]
    assert (scores["education"].passed, scores["education"].total) == (0, 1)
    roles, degrees = evaluation.precision("roles"), evaluation.precision("degrees")
    assert (roles.passed, roles.total) == (1, 3)
    assert (degrees.passed, degrees.total) == (0, 1)


def test_command_prints_a_row_per_family_and_the_misses(tmp_path):
    (tmp_path / "maya.txt").write_text(samples.SOFTWARE_ENGINEER_RESUME, encoding="utf-8")
    (tmp_path / "maya.json").write_text(json.dumps(_truth(name="Maya Patel", phone="+49 30 9999 9999")), encoding="utf-8")

    output = _run(str(tmp_path), "--misses")

    header, row, total = output.splitlines()[:3]
    assert header.split()[:4] == ["family", "files", "name", "email"]
    assert row.split()[:5] == ["plain", "text", "1", "100%", "—"]
    assert total.startswith("all")
    assert "phone: expected '+49 30 9999 9999', read '+49 30 1234 5678'" in output


def test_command_defaults_to_the_committed_fixtures_of_every_family():
    output = _run()
    families = {line.split()[0] for line in output.splitlines()[1:] if line.strip() and not line.startswith("Each")}
    assert {"moderncv", "awesome-cv", "deedy", "google-docs", "word", "all"} <= families


def test_command_refuses_a_missing_folder_or_one_without_truth(tmp_path):
    with pytest.raises(CommandError, match="no folder"):
        _run(str(tmp_path / "nope"))
    with pytest.raises(CommandError, match="truth file"):
        _run(str(tmp_path))


def test_spacing_agreement_counts_glued_words_as_wrong():
    share, total = spacing_agreement("Seasoned SRE/DevOpsleader with 9 years", "Seasoned SRE/DevOps leader with 9 years")
    assert total == 6 and share == pytest.approx(4 / 6)


def test_every_committed_fixture_has_a_truth_file_and_a_pdftotext_reference():
    pdfs = sorted(DEFAULT_FOLDER.glob("*.pdf"))
    assert len(pdfs) >= 8
    for pdf in pdfs:
        assert pdf.with_suffix(".json").exists(), pdf.name
        assert pdf.with_name(pdf.stem + ".pdftotext.txt").exists(), pdf.name


@pytest.mark.parametrize("folder", [DEFAULT_FOLDER, DEFAULT_FOLDER / "held_out"])
def test_every_family_reads_roles_and_degrees_right(folder):
    for family, scores in evaluate_folder(folder).families().items():
        for field in ("name", "phone", "roles", "titles", "employers", "dates", "degrees", "schools", "years"):
            share = scores[field].share
            assert share is None or share >= 0.9, f"{family}: {field} {share:.0%}"


def test_values_are_compared_as_a_reader_would(tmp_path):
    (tmp_path / "maya.txt").write_text(samples.SOFTWARE_ENGINEER_RESUME, encoding="utf-8")
    (tmp_path / "maya.json").write_text(json.dumps(_truth(
        name="MAYA  PATEL.",  # case, spacing and a trailing dot do not matter
        roles=[{"title": "senior backend-engineer", "employer": "STRIPE", "start": "2021", "end": "present"}],
    )), encoding="utf-8")

    scores = evaluate_folder(tmp_path).families()["plain text"]

    assert (scores["name"].passed, scores["titles"].passed, scores["employers"].passed) == (1, 1, 1)
    assert scores["dates"].passed == 1  # a year alone matches any month of it


def test_loose_comparison_drops_dots_and_keeps_cplusplus_apart_from_c():
    assert loose("M.S., Computer Science") == loose("MS Computer Science")
    assert loose("C++") != loose("C") and loose("C#") != loose("C")


def test_a_refused_file_fails_only_the_checks_its_truth_makes(tmp_path):
    (tmp_path / "short.txt").write_text("Maya Patel", encoding="utf-8")
    (tmp_path / "short.json").write_text(json.dumps(_truth(name="Maya Patel", email="maya@example.com")), encoding="utf-8")

    result = evaluate_folder(tmp_path).files[0]

    assert result.refused
    assert (result.overall().passed, result.overall().total) == (0, 2)


def test_corpus_files_are_split_into_tuning_and_held_out(tmp_path):
    corpus, truth = tmp_path / "corpus", tmp_path / "truth"
    corpus.mkdir(), truth.mkdir()
    for stem in ("maya", "omar"):
        (corpus / f"{stem}.txt").write_text(samples.SOFTWARE_ENGINEER_RESUME, encoding="utf-8")
        (truth / f"{stem}.json").write_text(json.dumps(_truth(name="Maya Patel", email="nobody@example.com")), encoding="utf-8")
    (truth / "split.toml").write_text('held_out = ["omar.txt"]\n', encoding="utf-8")

    evaluation = evaluate_corpus(corpus, truth)

    assert {result.path.name: result.part for result in evaluation.files} == {"maya.txt": TUNING, "omar.txt": HELD_OUT}
    assert list(evaluation.parts()) == [TUNING, HELD_OUT, "all"]
    assert (evaluation.overall(HELD_OUT).passed, evaluation.overall(HELD_OUT).total) == (1, 2)
    assert evaluation.overall().total == 4


def test_corpus_command_reports_both_parts_and_hides_held_out_misses(tmp_path, monkeypatch):
    corpus, truth = tmp_path / "corpus", tmp_path / "truth"
    corpus.mkdir(), truth.mkdir()
    for stem in ("maya", "omar"):
        (corpus / f"{stem}.txt").write_text(samples.SOFTWARE_ENGINEER_RESUME, encoding="utf-8")
        (truth / f"{stem}.json").write_text(json.dumps(_truth(email=f"{stem}@example.com")), encoding="utf-8")
    (truth / "split.toml").write_text('held_out = ["omar.txt"]\n', encoding="utf-8")
    monkeypatch.setattr(evaluation_module, "CORPUS_TRUTH", truth)

    output = _run(str(corpus), "--corpus", "--misses")

    rows = {line.split()[0] for line in output.splitlines() if line.strip()}
    assert {"tuning", "held-out", "all"} <= rows
    assert "Held-out (the figure that counts): 0/1 checks, 0.0%" in output
    assert "Entries read that the resume has" in output
    assert "expected 'maya@example.com'" in output
    assert "omar@example.com" not in output


def test_a_location_read_as_town_and_region_matches_the_place_written_in_full():
    from resumes.reading.evaluation import _same_place

    assert _same_place("Halifax, Nova Scotia, Canada", "Halifax, Nova Scotia")
    assert _same_place("Cambridge, MA 02141", "Cambridge, MA")
    assert not _same_place("Lahore, 54782, Punjab, Pakistan", "Punjab, Pakistan")  # the town is missing
    assert not _same_place("Austin, TX", "")
