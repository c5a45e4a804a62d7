"""Degrees as people write them worldwide, each arrangement reduced to synthetic lines (no corpus file behind them):
degree, school and dates in any order over one to three lines, names and abbreviations from many countries, and the
place, grade, status or track written beside them."""

import pytest

from resumes.reading import parse_resume_text
from resumes.reading.degrees import degree_name, is_degree, parse_education


def _read(lines: list[str]) -> list[tuple[str, str, str]]:
    return [(entry.degree, entry.institution, entry.dates) for entry in parse_education(lines)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["B.Sc. in Computer Science, University of Lagos\t2015 – 2019"],
         ("B.Sc. in Computer Science", "University of Lagos")),
        (["BSc Computer Science\t2015 – 2019", "University of Nairobi"], ("BSc Computer Science", "University of Nairobi")),
        (["University of Nairobi\tNairobi, Kenya", "BSc Computer Science\t2015 – 2019"],
         ("BSc Computer Science", "University of Nairobi")),
        (["2015 – 2019\tBEng Mechanical Engineering", "Imperial College London"],
         ("BEng Mechanical Engineering", "Imperial College London")),
        (["M.Sc. Data Science | University of Amsterdam | 2019 – 2021"], ("M.Sc. Data Science", "University of Amsterdam")),
        (["Stanford University — M.S. Electrical Engineering — 2018"], ("M.S. Electrical Engineering", "Stanford University")),
        (["Ph.D., Chemistry, Massachusetts Institute of Technology, 2012"],
         ("Ph.D., Chemistry", "Massachusetts Institute of Technology")),
        (["Indian Institute of Technology Bombay", "Bachelor of Technology in Computer Science and Engineering",
          "2014 – 2018"], ("Bachelor of Technology in Computer Science and Engineering", "Indian Institute of Technology Bombay")),
        (["2014 – 2018", "Bachelor of Technology in Computer Science", "National Institute of Technology Trichy"],
         ("Bachelor of Technology in Computer Science", "National Institute of Technology Trichy")),
        (["B.Com (Hons)\tUniversity of Delhi\t2013 – 2016"], ("B.Com (Hons)", "University of Delhi")),
        (["Licenciatura en Administración de Empresas", "Universidad de Buenos Aires\t2008 – 2013"],
         ("Licenciatura en Administración de Empresas", "Universidad de Buenos Aires")),
        (["Abitur", "Goethe-Gymnasium Frankfurt\t2008"], ("Abitur", "Goethe-Gymnasium Frankfurt")),
        (["High School Diploma", "Lincoln High School, Springfield, IL\t2009"], ("High School Diploma", "Lincoln High School")),
    ],
)
def test_degree_school_and_dates_are_read_in_any_order(lines, expected):
    (degree, school, dates), = _read(lines)
    assert (degree, school) == expected
    assert dates


@pytest.mark.parametrize(
    "text",
    ["Dr. rer. nat. in Biology", "A.B. in Government", "S.B. Mathematics", "B.E. Mechanical", "Diplom-Informatiker",
     "Dipl.-Ing. Maschinenbau", "Laurea Magistrale in Ingegneria", "Maîtrise de droit", "Mestrado em Economia",
     "HND Business", "BTEC National Diploma", "Magister Manajemen", "B.S.N."],
)
def test_degree_names_from_many_countries_are_degrees(text):
    assert is_degree(text)


def test_a_school_keeps_its_name_without_the_country_or_town_after_it():
    assert _read(["Doctor of Philosophy in Physics\tSep 2010 – Jun 2015", "Universität Heidelberg, Germany"]) == [
        ("Doctor of Philosophy in Physics", "Universität Heidelberg", "Sep 2010 – Jun 2015")]
    assert _read(["B.Tech, Electronics and Communication Engineering\t2012 – 2016",
                  "Vellore Institute of Technology, Vellore"])[0][1] == "Vellore Institute of Technology"


def test_a_degree_written_by_its_abbreviation_and_its_name_is_one_degree():
    assert _read(["BSN, Bachelor of Science in Nursing\t2016", "University of Michigan, Ann Arbor, MI"]) == [
        ("BSN, Bachelor of Science in Nursing", "University of Michigan", "2016")]


def test_a_track_after_a_dash_and_an_expected_date_stay_apart():
    assert _read(["Georgia Institute of Technology\tAtlanta, GA",
                  "M.S. Computer Science – Interactive Intelligence, Expected: Spring 2023\tAugust 2022 - Present"]) == [
        ("M.S. Computer Science – Interactive Intelligence", "Georgia Institute of Technology", "Expected: Spring 2023")]


def test_a_school_after_a_dash_is_not_a_track():
    assert _read(["M.Sc. Physics - University of Cape Town\t2019"]) == [("M.Sc. Physics", "University of Cape Town", "2019")]


@pytest.mark.parametrize(
    ("text", "name"),
    [("Pursuing B.Tech in Information Technology", "B.Tech in Information Technology"),
     ("Currently pursuing a Master of Science in Finance", "Master of Science in Finance"),
     ("Studying physics at night", "Studying physics at night")],
)
def test_a_degree_in_progress_is_named_without_its_status(text, name):
    assert degree_name(text) == name


@pytest.mark.parametrize("heading", ["Educational Qualifications", "ACADEMIC PROFILE", "Formación Académica", "Bildung",
                                     "Schooling"])
def test_education_headings_from_many_templates_open_the_education_section(heading):
    resume = parse_resume_text(
        f"Ada Obi\nada@example.com\n{heading}\nBSc Computer Science\t2015 – 2019\nUniversity of Ibadan\n"
        "Experience\nSoftware Engineer, Andela\t2019 – Present\n• Built services in Go.\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("BSc Computer Science", "University of Ibadan")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('MASTER OF SCIENCE IN INFORMATICS Sofia University "St. Kliment Ohridski"',
         ("Master of Science in Informatics", 'Sofia University "St. Kliment Ohridski"')),
        ("Sofia University Bachelor of Science in Physics", ("Bachelor of Science in Physics", "Sofia University")),
        ("Bachelor of Science in Computer Science Stanford University",
         ("Bachelor of Science in Computer Science", "Stanford University")),
        ("Bachelor of Arts in English The Ohio State University", ("Bachelor of Arts in English", "The Ohio State University")),
        ("High School Diploma Lincoln High School", ("High School Diploma", "Lincoln High School")),
        ("Associate Degree in Nursing Miami Dade College", ("Associate Degree in Nursing", "Miami Dade College")),
    ],
)
def test_a_degree_and_its_school_on_one_line_without_a_mark_between_them_are_two_fields(line, expected):
    (degree, school, _), = _read([line])
    assert (degree, school) == expected


def test_dates_on_their_own_line_open_the_next_degree():
    assert _read(["2016 – 2019", "Bachelor of Commerce in Accounting", "University of Johannesburg",
                  "2015", "National Senior Certificate (Matric)", "Soweto High School"]) == [
        ("Bachelor of Commerce in Accounting", "University of Johannesburg", "2016 – 2019"),
        ("National Senior Certificate (Matric)", "Soweto High School", "2015")]


@pytest.mark.parametrize(
    "line",
    ["Undergraduate Student Research Award from NSERC for summer internships in 2012",
     "MOST Research Grant for Undergraduate Students", "Main Interests: Computer Science, Neuroscience",
     "Awards: Dean's Scholarship 2015, Best Thesis Award"],
)
def test_awards_and_interests_under_a_degree_are_not_degrees(line):
    assert _read(["B.S. in Computer Science\t2018 – 2022", "National Sun Yat-sen University", line]) == [
        ("B.S. in Computer Science", "National Sun Yat-sen University", "2018 – 2022")]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Master’s Degree in Data Science (2020 – 2022)", "Politecnico di Milano, Italy"],
         ("Master’s Degree in Data Science", "Politecnico di Milano")),
        (["Coursera", "Google Data Analytics Professional Certificate\t2021"],
         ("Google Data Analytics Professional Certificate", "Coursera")),
        (["Bakalavr, Information Systems\t2014 – 2018", "Kazakh National University"],
         ("Bakalavr, Information Systems", "Kazakh National University")),
        (["Bachelor of Science in Nursing", "Graduated: May 2019", "University of Texas at Austin"],
         ("Bachelor of Science in Nursing", "University of Texas at Austin")),
    ],
)
def test_schools_and_degrees_named_in_other_languages_and_by_course_providers_are_read(lines, expected):
    (degree, school, _), = _read(lines)
    assert (degree, school) == expected


@pytest.mark.parametrize(
    "text",
    ["BCA", "M.Com Finance", "MBBS", "M.Phil in History", "PGCE Secondary Mathematics", "Graduate Certificate in Data Analytics",
     "Intermediate (Pre-Engineering)", "FSc Pre-Engineering", "Class XII (CBSE)", "12th Standard",
     "Yüksek Lisans, Bilgisayar Mühendisliği", "Sarjana Komputer", "Bachillerato", "Maturità scientifica",
     "Técnico Superior en Informática"],
)
def test_school_leaving_and_degree_names_from_south_asia_europe_and_latin_america_are_degrees(text):
    assert is_degree(text)


@pytest.mark.parametrize("text", ["intermediate level Excel", "Intermediate Spanish speaker", "Classic car restoration"])
def test_words_that_only_look_like_degree_names_are_not_degrees(text):
    assert not is_degree(text)
