"""Layouts seen in real resumes written by other people (the corpus in ../shared/corpus), each reduced to the lines
that show it: the reader's text for icon headings, right-hand date columns, "Employer, Title" lines, involvement
sections, grades beside degrees, capitals fonts and soft hyphens."""

import io

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from resumes.reading import parse_resume_bytes, parse_resume_text
from resumes.reading.contact import find_phone
from resumes.reading.degrees import degree_name
from resumes.reading.lines import entry_lines, trim
from resumes.reading.pdf import Word, font_style, gather_labels, group_lines
from resumes.reading.text import clean_text


def _roles(resume) -> list[tuple]:
    return [(entry.title, entry.company, entry.start, entry.end, entry.current) for entry in resume.experience]


def test_a_heading_set_after_an_icon_opens_its_section():
    resume = parse_resume_text(
        "Dongpo Liu\npoe@example.com · +49 157 5706 2745\n"
        "• Education\nSoftware Engineering Bachelor’s Degree\tSep 2015 – June 2019\n• Chongqing University of Technology\n"
        "• Work Experience\nFull-Stack Engineer, Morningstar\tJune 2019 – July 2020\n"
        "• Developed front-end components in Vue.\n"
    )
    assert "education" in resume.sections and "experience" in resume.sections
    assert _roles(resume) == [("Full-Stack Engineer", "Morningstar", "2019-06", "2020-07", False)]


def test_a_label_inside_a_role_does_not_end_the_experience():
    resume = parse_resume_text(
        "Dongpo Liu\npoe@example.com\n\nWORK EXPERIENCE\nDatabase Engineer, PingCAP Inc.\tAugust 2023 – Present\n"
        "Accomplishments:\n• Optimised statistics updates from 1.5 hours to 10 seconds.\n"
        "Full-Stack Engineer, Morningstar Inc.\tJune 2019 – July 2020\n• Built data components.\n"
    )
    assert [entry.company for entry in resume.experience] == ["PingCAP Inc.", "Morningstar Inc."]


def test_trim_keeps_a_bracket_that_closes_inside_the_text():
    assert trim("Software Engineer (Front-End),") == "Software Engineer (Front-End)"
    assert trim("(Remote)") == "Remote"
    assert trim("– Teaching Assistant (Data Structures) |") == "Teaching Assistant (Data Structures)"


def test_involvement_sections_are_roles_but_not_years_of_work():
    resume = parse_resume_text(
        "Alex Day\nalex@example.com\n\nEXPERIENCE\nSoftware Engineer, Acme Corp\tJan 2020 – Dec 2020\n• Built things.\n\n"
        "LEADERSHIP\nPresident, Association of IT Professionals\tAug 2018 – May 2019\n• Ran meetings.\n"
    )
    assert [entry.title for entry in resume.experience] == ["Software Engineer", "President"]
    assert resume.years_experience == 1.0  # the club presidency is a role, not a year of work
    assert "President" in resume.sections["other"]


def test_a_degree_is_read_without_its_grade_or_honour():
    assert degree_name("B.S. Computer Science (cum laude)") == "B.S. Computer Science"
    assert degree_name("Ph.D. Computer Science (GPA: 4.0/4.0)") == "Ph.D. Computer Science"
    assert degree_name("BACHELOR OF COMPUTER SCIENCE WITH DISTINCTION") == "BACHELOR OF COMPUTER SCIENCE"
    assert degree_name("Honours Bachelor of Arts") == "Honours Bachelor of Arts"


def test_a_gpa_line_is_not_a_school():
    resume = parse_resume_text(
        "Adam Iskandar\nadam@example.com\n\nEDUCATION\nBachelor of Computer Science\nUniversiti Teknologi MARA\n"
        "CGPA: 3.76\n2020 – 2024\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("Bachelor of Computer Science", "Universiti Teknologi MARA")
    ]


def test_a_capitals_font_whose_i_reads_lower_case_is_read_in_capitals():
    assert clean_text("DOCTOR OF PHiLOSOPHY iN COMPUTER SCiENCE") == "DOCTOR OF PHILOSOPHY IN COMPUTER SCIENCE"
    assert clean_text("WiFi and iOS") == "WiFi and iOS"


def test_a_soft_hyphen_between_dates_reads_as_a_dash_and_inside_a_word_disappears():
    assert clean_text("Engineer Jan 2019 \u00ad Mar 2020") == "Engineer Jan 2019 – Mar 2020"
    assert clean_text("2019\u00ad2021") == "2019 – 2021"
    assert clean_text("Soft\u00adware Engineer") == "Software Engineer"


def test_dates_in_a_right_column_beside_the_first_bullet_go_back_to_the_header():
    lines = entry_lines([
        "NVIDIA Research, Research Intern\tSanta Clara, CA",
        "• Co-authored a paper accepted at NeurIPS (top 5% of submis-\tMay 2022 – Aug 2022",
        "sions)\t4 months",
    ])
    assert lines == [
        "NVIDIA Research, Research Intern\tSanta Clara, CA\tMay 2022 – Aug 2022",
        "• Co-authored a paper accepted at NeurIPS (top 5% of submissions)",
    ]


def test_employer_and_title_on_one_line_between_strong_separators_are_split():
    resume = parse_resume_text(
        "John Doe\njohn@example.com\n\nEXPERIENCE\nNexus AI, Co-Founder & CTO\tSan Francisco, CA\n"
        "• Built model infrastructure.\tJune 2023 – present\n\n"
        "Research Intern, Google DeepMind\tLondon, UK\n• Developed algorithms.\tMay 2021 – Aug 2021\n"
    )
    assert _roles(resume) == [
        ("Co-Founder & CTO", "Nexus AI", "2023-06", None, True),
        ("Research Intern", "Google DeepMind", "2021-05", "2021-08", False),
    ]


def test_a_number_inside_a_doi_is_not_a_phone_and_an_impossible_number_is_dropped():
    assert find_phone(["Paper, doi 10.1234/neurips.2023.1234 (NeurIPS 2023)"]) == ""
    assert find_phone(["Phone: +1 (902) 222-2084"]) == "+1 (902) 222-2084"


def test_a_glyph_mapped_to_no_character_reads_as_the_dash_or_bracket_it_stands_for():
    assert clean_text("Nokia | 2024 \x00 Present") == "Nokia | 2024 – Present"
    assert clean_text("DAX \x00Advanced), SQL") == "DAX (Advanced), SQL"
    assert "\x00" not in clean_text("odd\x00glyph")  # PostgreSQL keeps no NUL in text


def test_an_email_glued_to_the_next_word_or_a_phone_is_cut_back():
    resume = parse_resume_text("Shelby Reilly\nsereilly73@gmail.comshelbyreilly.com\n\nEXPERIENCE\nDesigner, Apple\t2019 – 2021\n")
    assert resume.contact.email == "sereilly73@gmail.com"
    assert parse_resume_text("Alex Safatli\nalex@safatli.comHerring\nEXPERIENCE\nEngineer\t2019 – 2021\n").contact.email == (
        "alex@safatli.com"
    )


def test_moderncv_lines_of_degree_school_city_country_keep_the_degree_alone():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEducation\n"
        "2013–2015 M.Sc. in Computer Engineering, Sharif University of Technology, Tehran, Iran, GPA 3.8/4.\n"
        "2009–2013 B.Sc. in Electrical Engineering, Amirkabir University of Technology, Tehran, Iran.\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("M.Sc. in Computer Engineering", "Sharif University of Technology"),
        ("B.Sc. in Electrical Engineering", "Amirkabir University of Technology"),
    ]


def test_a_country_is_known_by_its_iso_name():
    from resumes.reading.contact import is_location

    assert is_location("Tehran, Iran") and is_location("Istanbul, Türkiye")


def test_an_icon_led_line_of_dates_and_place_heads_its_role_and_a_role_of_x_is_a_title():
    resume = parse_resume_text(
        "Marissa Mayer\nmm@example.com\n\nEXPERIENCE\nPresident & CEO\nYahoo!\n• July 2012 – Ongoing\t• Sunnyvale, CA\n"
        "• Acquired Tumblr.\n\nVice President of Location & Services\nGoogle\n• Oct 2010 – July 2012\t• Palo Alto, CA\n"
        "• Led Google Maps.\n"
    )
    assert _roles(resume) == [
        ("President & CEO", "Yahoo!", "2012-07", None, True),
        ("Vice President of Location & Services", "Google", "2010-10", "2012-07", False),
    ]


def test_a_school_keeps_no_subdivision_after_it_and_a_curly_apostrophe_year_is_a_year():
    resume = parse_resume_text(
        "Ishwak Kalotra\nishwak@example.com\n\nEDUCATION\nChandigarh University, Gharuan, Punjab\tAugust ’18 – June ’22\n"
        "Bachelors in Computer Science Engineering\n"
    )
    assert [(entry.institution, entry.dates) for entry in resume.education] == [
        ("Chandigarh University", "August ’18 – June ’22")
    ]


def test_a_subdivision_that_is_also_a_town_stays_beside_its_employer():
    from resumes.reading.contact import strip_location

    assert strip_location("Zalando, Berlin") == ("Zalando", "Berlin")


def test_a_word_broken_at_a_line_end_is_made_whole_and_a_compound_keeps_its_hyphen():
    assert clean_text("Experience with Angu-\nlar and React") == "Experience with Angular and React"
    assert clean_text("We want a self-\nmotivated engineer") == "We want a self-motivated engineer"


def test_a_posting_labelled_job_description_has_its_title_without_the_label():
    from resumes.reading.jobs import analyse_job

    assert analyse_job(title="", company="", text="Job Description:\nSenior Frontend Engineer\nRequirements\n- Angular").title == (
        "Senior Frontend Engineer"
    )
    assert analyse_job(title="", company="", text="Job Description: Data Analyst\nRequirements\n- SQL").title == "Data Analyst"


def _moderncv_pdf() -> bytes:
    """A moderncv-like page drawn with reportlab: dates in a left column, then the title in bold, a comma, the
    employer in italics and the town upright; a degree, a comma and the school the same way."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)

    def row(y: float, dates: str, bold: str, italic: str, upright: str) -> None:
        page.setFont("Helvetica", 10)
        page.drawString(60, y, dates)
        x = 150
        for font, text in (("Helvetica-Bold", bold), ("Helvetica", ", "), ("Helvetica-Oblique", italic),
                           ("Helvetica", upright)):
            page.setFont(font, 10)
            page.drawString(x, y, text)
            x += page.stringWidth(text, font, 10)

    page.setFont("Helvetica-Bold", 22)
    page.drawString(60, 780, "Arash Example")
    page.setFont("Helvetica", 10)
    page.drawString(60, 760, "arash@example.com")
    page.setFont("Helvetica-Bold", 14)
    page.drawString(60, 720, "Experience")
    row(700, "2018–2021", "Machine Learning", "Kavosh Analytics", ", Shiraz, Iran.")
    page.setFont("Helvetica", 10)
    page.drawString(150, 686, "Built forecasting models for retail demand.")
    page.setFont("Helvetica-Bold", 14)
    page.drawString(60, 650, "Education")
    row(630, "2013–2015", "Master of Science in Data Science", "Sharif Polytechnic", ", Tehran, Iran.")
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_bold_title_then_an_italic_employer_are_two_fields_even_with_no_role_word():
    from resumes.reading import parse_resume_bytes

    resume = parse_resume_bytes(_moderncv_pdf())

    assert [(entry.title, entry.company, entry.start, entry.end) for entry in resume.experience] == [
        ("Machine Learning", "Kavosh Analytics", "2018-01", "2021-01")
    ]
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("Master of Science in Data Science", "Sharif Polytechnic")
    ]


def test_roles_a_two_column_page_sets_after_the_sidebar_go_back_to_the_experience():
    resume = parse_resume_text(
        "Sneha Tandon\nsneha@example.com\n\nWORK EXPERIENCE\nSep 2023 – Present\nNokia, Noida\nSenior Engineer\n"
        "Automated Power BI reports.\n\nINTERESTS\nTravelling | Reading Books\n\n"
        "Feb 2021 – Dec 2021\nNokia, Noida\nPerformance Engineer\nAutomated daily KPI reporting.\n\n"
        "Jan 2020 – Jan 2021\nSamsung C&T Corporation, Mumbai\nRAN Assistant Manager\nManaged network performance.\n"
    )
    assert [(entry.title, entry.company, entry.start) for entry in resume.experience] == [
        ("Senior Engineer", "Nokia", "2023-09"),
        ("Performance Engineer", "Nokia", "2021-02"),
        ("RAN Assistant Manager", "Samsung C&T Corporation", "2020-01"),  # "RAN" is no verb here
    ]
    assert resume.sections["other"] == "Travelling | Reading Books"


def test_a_work_mode_beside_a_place_is_not_the_employer():
    resume = parse_resume_text(
        "Shelby Reilly\nshelby@example.com\n\nEXPERIENCE\nApple / UX Designer\nMAY 2025 - OCT 2025\tAustin, TX (contract)\n"
        "Designed a widget library.\n"
    )
    assert [(entry.title, entry.company) for entry in resume.experience] == [("UX Designer", "Apple")]


def test_an_empty_list_item_between_title_and_employer_is_dropped():
    resume = parse_resume_text(
        "Alex Liu\nalex@example.com\n\nExperience\nSoftware Engineering Intern\tBurlingame, CA\n•\nMeta\tMay 2022 - August 2022\n"
        "• Prototyped a text to speech feature.\n"
    )
    assert [(entry.title, entry.company) for entry in resume.experience] == [("Software Engineering Intern", "Meta")]


def test_a_role_headed_by_its_employer_alone_takes_the_title_its_first_sentence_gives():
    resume = parse_resume_text(
        "Adam Iskandar\n011-1126 3076 l adam@example.com l Paya Rumput, Melaka\n\nEXPERIENCE\n"
        "Zawati Optometrist SDN. BHD.\tMarch 2023 - September 2023\n"
        "Working as Customer Service Assistant at Zawati Optometrist SDN. BHD. as a part timer.\n"
    )
    assert [(entry.title, entry.company) for entry in resume.experience] == [
        ("Customer Service Assistant", "Zawati Optometrist SDN. BHD.")
    ]
    assert resume.contact.location == "Paya Rumput, Melaka"  # a lone "l" is a bar; Melaka is a Malaysian state


def test_a_role_dated_with_one_month_is_a_role_of_that_month():
    resume = parse_resume_text(
        "Alex Day\nalex@example.com\n\nExperience\nClemson University\tClemson, SC\nGraduate Research Assistant\tSeptember 2020\n"
        "• Working on multi-robot navigation.\nJGMS Inc.\tGrand Rapids, CO\nData Scientist\tMay 2020 - September 2020\n"
        "• Designed neural networks.\nEducation\nClemson University\tClemson, SC\nPh.D. Computer Science\t2024\n"
    )
    assert [(entry.title, entry.company, entry.start, entry.end) for entry in resume.experience] == [
        ("Graduate Research Assistant", "Clemson University", "2020-09", "2020-09"),
        ("Data Scientist", "JGMS Inc.", "2020-05", "2020-09"),
    ]


def test_degrees_under_one_school_heading_each_take_the_school():
    resume = parse_resume_text(
        "Wendell Adjetey\nwendell@example.com\n\nEDUCATION/TRAINING\nYale University\t2012 – 2018\n"
        "Doctor of Philosophy\tExpected May 2018\nMaster of Arts\tMay 2015\nUniversity of Toronto\t2004 – 2009\n"
        "Honours Bachelor of Arts\tJune 2008\n\nFELLOWSHIPS AND PRIZES\n\x9f Senior Resident Fellow, Massey College, 2016-17\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("Doctor of Philosophy", "Yale University"),
        ("Master of Arts", "Yale University"),
        ("Honours Bachelor of Arts", "University of Toronto"),
    ]
    assert resume.sections["other"].startswith("• Senior Resident Fellow")


def test_a_chinese_resume_is_read_by_its_headings_dates_and_words():
    resume = parse_resume_text(
        "许子怡\n电话: 15828602614 | 邮箱: llxs666@163.com\n\n教育背景\n"
        "电子科技大学-985-新闻与传播 硕士\t2026年09月 - 2029年06月\n\n实习经历\n"
        "网易互娱 - 市场策划实习生\t2026年05月 - 2026年09月\n"
        "宣传策划:围绕游戏角色及首测宣传需求,独立负责栏目内容,累计产出10+套宣传素材。\n"
    )
    assert resume.contact.name == "许子怡"
    assert [(entry.title, entry.company, entry.start, entry.end) for entry in resume.experience] == [
        ("市场策划实习生", "网易互娱", "2026-05", "2026-09")
    ]
    assert [(entry.degree, entry.institution) for entry in resume.education] == [("新闻与传播 硕士", "电子科技大学")]


def test_a_russian_resume_opens_its_sections_by_their_russian_headings():
    resume = parse_resume_text(
        "Актилек Арыстанов\njaina@example.com\n\nОпыт работы\nОфициант\t2021 – 2023\nТойхана Дария\n\n"
        "Образование\nNarxoz University\n1 курс бакалавр\n"
    )
    assert {"experience", "education"} <= set(resume.sections)


def test_a_name_followed_by_its_chinese_characters_is_the_latin_name():
    resume = parse_resume_text("Chih-Hsuan Yang 楊志璿\nzxc@example.com\n\nEducation\nB.S. in Computer Science\tNational Sun Yat-sen University\n")
    assert resume.contact.name == "Chih-Hsuan Yang"


def test_a_field_after_a_degree_stays_with_it_when_the_school_is_on_the_next_line():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEXPERIENCE\nWaitress\nThe Blue Door Cafe\n2017 - 2019\n\nEDUCATION\n"
        "Associate of Applied Science, Web Development\nCommunity College of Philadelphia | 2014 - 2016\n"
        "Matric (Grade 12)\nParktown High School\n2010\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("Associate of Applied Science, Web Development", "Community College of Philadelphia"),
        ("Matric (Grade 12)", "Parktown High School"),
    ]


def _letter_spaced_pdf(tracking: float) -> bytes:
    """A Canva-like page whose text is set with letter spacing (PDF's Tc), body included."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for y, font, size, text in (
        (780, "Helvetica-Bold", 26, "AMANDA MARTEL"), (750, "Helvetica", 11, "WEB DESIGNER"),
        (730, "Helvetica", 10, "amanda@example.com | 555-123-4567 | Portland, OR"), (700, "Helvetica-Bold", 13, "EXPERIENCE"),
        (684, "Helvetica", 10, "Web Designer"), (670, "Helvetica", 10, "Pixel Studio | 2019 - 2021"),
        (656, "Helvetica", 10, "Designed websites for clients."), (630, "Helvetica-Bold", 13, "EDUCATION"),
        (614, "Helvetica", 10, "BA Graphic Design, Portland State University, 2018"),
    ):
        line = page.beginText(60, y)
        line.setFont(font, size)
        line.setCharSpace(tracking)
        line.textLine(text)
        page.drawText(line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_letter_spaced_text_is_read_as_words():
    from resumes.reading import parse_resume_bytes

    resume = parse_resume_bytes(_letter_spaced_pdf(5))

    assert resume.contact.name == "Amanda Martel"
    assert resume.contact.email == "amanda@example.com"
    assert [(entry.title, entry.company) for entry in resume.experience] == [("Web Designer", "Pixel Studio")]
    assert [(entry.degree, entry.institution) for entry in resume.education] == [("BA Graphic Design", "Portland State University")]


def test_title_at_an_employer_written_in_lower_case():
    resume = parse_resume_text(
        "Ivan Andrievskiy\nivan@example.com\n\nWork Experience\n[January 2024 - March 2024 ] Front-End Developer at moon-client\n\n"
        "Development of a cross-platform layout with Svelte and canvas animations.\n"
    )
    assert [(entry.title, entry.company, entry.start) for entry in resume.experience] == [
        ("Front-End Developer", "moon-client", "2024-01")
    ]


def test_an_acronym_stays_with_the_name_it_stands_for_and_continue_means_to_date():
    resume = parse_resume_text(
        "Abdul Qadir\nabdul@example.com\n\nProfessional Experience\nTeaching Assistant (Operating System)\tJanuary, 2024 – Continue\n"
        "PUCIT - University of the Punjab\tLahore, Punjab, Pakistan\n• Redesigned the lab.\n\n"
        "Extracurriculars & Volunteering\nLead\tPUCIT - University of the Punjab\nCyber@PU Security Community\t2023 – Present\n"
        "• Organised workshops.\n\nEducation\nBachelor of Science - Information Technology\tLahore\n"
    )
    assert [(entry.title, entry.company, entry.current) for entry in resume.experience][0] == (
        "Teaching Assistant (Operating System)", "PUCIT - University of the Punjab", True
    )
    assert len(resume.experience) == 2  # the volunteering section's role too


def test_degree_lines_in_other_orders_and_an_expected_graduation():
    resume = parse_resume_text(
        "Alex Liu\nalex@example.com\n\nEducation\nGeorgia Institute of Technology\tAtlanta, GA\n"
        "M.S. Computer Science, Expected: Spring 2023\tAugust 2022 - Present\n"
        "Boğaziçi University, BS in Computer Engineering\tSept 2014 – June 2018\n"
        "Bachelor’s Degree at Belarusian State University\t2011 – 2015\n"
        "Higher Secondary (12th Grade)\tUttar Pradesh Board\t2006\n"
        "BA (Philosophy; Music)\tWesleyan University\t2008\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("M.S. Computer Science", "Georgia Institute of Technology"),
        ("BS in Computer Engineering", "Boğaziçi University"),
        ("Bachelor’s Degree", "Belarusian State University"),
        ("Higher Secondary (12th Grade)", "Uttar Pradesh Board"),
        ("BA (Philosophy; Music)", "Wesleyan University"),
    ]
    assert resume.education[0].dates == "Expected: Spring 2023"


def test_a_separator_glyph_far_larger_than_the_text_does_not_chain_two_rows():
    from resumes.reading.pdf import Word, group_lines

    words = [
        Word("Master", 84, 120, 375.0, 384.9, 10.0), Word("·", 217, 222, 368.6, 393.4, 24.8),
        Word("GPA", 229, 250, 375.0, 384.9, 10.0), Word("Education", 84, 130, 388.0, 397.9, 10.0),
    ]
    assert [line.text for line in group_lines(words)] == ["Master\t· GPA", "Education"]


def test_a_heading_or_a_bare_date_in_a_header_is_not_the_employer():
    from resumes.reading.roles import read_header

    header = read_header(["Jan 2022 – Aug 2023", "LANGUAGES", "RAN Assistant Manager"])
    assert (header.title, header.company) == ("RAN Assistant Manager", "")
    header = read_header(["Teaching Assistant\tSeptember 2022", "Georgia Tech"])
    assert (header.title, header.company) == ("Teaching Assistant", "Georgia Tech")


def test_several_roles_under_one_employer_line_each_take_the_employer():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEXPERIENCE\nDeloitte | London\nManager | 2021 – Present\nSenior Consultant | 2018 – 2021\n"
        "Consultant | 2016 – 2018\n• Audited clients.\n\nMETA, Menlo Park, CA\nIntern, Summer 2017\n• Wrote tools.\n"
        "\nEDUCATION\nBA History, University of Leeds, 2015\n"
    )
    assert [(entry.title, entry.company, entry.start) for entry in resume.experience] == [
        ("Manager", "Deloitte", "2021-01"),
        ("Senior Consultant", "Deloitte", "2018-01"),
        ("Consultant", "Deloitte", "2016-01"),
        ("Intern", "META", "2017-06"),  # one season, written after the title
    ]


def test_a_portfolio_on_a_less_common_top_level_domain_is_a_link():
    resume = parse_resume_text(
        "Sneha Tandon\nsneha@example.com | Portfolio: senior-bi-profession-rk3d.bolt.host/\n\nEXPERIENCE\nAnalyst, Nokia\t2021 – 2022\n"
    )
    assert "senior-bi-profession-rk3d.bolt.host/" in resume.contact.links


def test_roles_listed_as_items_under_their_employer():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEXPERIENCE\nGoogle (2018 – Present)\n- Senior Software Engineer (2020 – Present)\n"
        "- Software Engineer (2018 – 2020)\n- Promoted to senior engineer in 2020 (2018 – 2020)\n"
        "\nEDUCATION\nBA History, University of Leeds, 2015\n"
    )
    assert [(entry.title, entry.company, entry.start) for entry in resume.experience] == [
        ("Senior Software Engineer", "Google", "2020-01"),
        ("Software Engineer", "Google", "2018-01"),
    ]


def test_a_faculty_or_a_field_after_the_school_is_not_the_school():
    resume = parse_resume_text(
        "John Doe\njohn@example.com\n\nEducation\nBS\tBoğaziçi University, Computer Engineering\tSept 2014 – June 2018\n"
        "Bachelor’s Degree\tBelarusian State University of Informatics, AI faculty\t2011 – 2015\n"
        "College of Computing Dean’s List\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("BS, Computer Engineering", "Boğaziçi University"),
        ("Bachelor’s Degree", "Belarusian State University of Informatics"),
    ]


def test_a_degree_set_before_its_school_and_a_field_after_a_dash():
    from resumes.reading.degrees import _education_parts

    assert _education_parts("PhD Princeton University, Computer Science") == ["PhD, Computer Science", "Princeton University"]
    assert _education_parts("Bachelor of Science - Information Technology") == ["Bachelor of Science - Information Technology"]


def test_the_pdfs_own_mailto_link_corrects_an_address_glued_to_a_word():
    from resumes.reading.assemble import build_resume

    resume = build_resume(
        "Adrienne Burney\nPhiladelphia, PAadrienne@gmail.com\n\nEXPERIENCE\nDesigner, Acme Corp\t2019 – 2021\n",
        links_hint=("mailto:adrienne@gmail.com",),
    )
    assert resume.contact.email == "adrienne@gmail.com"


def test_a_role_held_over_several_terms_runs_from_the_first_start_to_the_last_end():
    from resumes.reading.roles import read_header

    header = read_header(["Teaching Assistant\t2012 – 2015, 2018 – 2023", "Dalhousie University"])
    assert (header.title, header.company, header.dates.start, header.dates.end) == (
        "Teaching Assistant", "Dalhousie University", "2012-01", "2023-01"
    )


def test_a_degree_named_by_its_label_and_a_school_in_its_town():
    resume = parse_resume_text(
        "Ivan Andrievskiy\nivan@example.com\n\nEducation\n"
        "2015 - Kyiv Transport and Technological College. Degree - Junior Specialist in the field of land surveying\n\n"
        "2019 - NATIONAL TRANSPORT UNIVERSITY in Kyiv Degree - Bachelor Programm Subject Area Geodesy\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("Junior Specialist in the field of land surveying", "Kyiv Transport and Technological College"),
        ("Bachelor Programm Subject Area Geodesy", "National Transport University"),
    ]


def test_a_form_of_address_is_not_part_of_the_name():
    assert parse_resume_text("Dr. Florence Nightingale\nflo@example.com\n\nEXPERIENCE\nNurse, St Thomas Hospital\t1855 – 1860\n").contact.name == (
        "Florence Nightingale"
    )


def test_a_labelled_address_at_the_end_gives_the_location():
    resume = parse_resume_text(
        "Ivan Andrievskiy\nivan@example.com\n\nWork Experience\nFront-End Developer at Moon Client\t2024 – 2024\n\n"
        "Education\n2019 - National Transport University\n\nAddress: Kyiv 04208, Ukraine\n"
    )
    assert resume.contact.location == "Kyiv, Ukraine"


def test_a_page_footer_between_roles_and_an_employer_whose_name_holds_a_role_word():
    resume = parse_resume_text(
        "John Doe\njohn@example.com\n\nExperience\nMay 2020 – Aug 2020 Research Intern, Apple ML Research – Cupertino, CA\n"
        "• Compressed networks.\n\nJohn Doe – 1/3\n\nMay 2019 – Aug 2019 Research Intern, Microsoft Research – Redmond, WA\n"
        "• Built a framework.\n\nAndroid Developer\tMay 2023 - May 2024\nHeads & Hands\n• Prepared three apps.\n"
    )
    assert [(entry.title, entry.company) for entry in resume.experience] == [
        ("Research Intern", "Apple ML Research"),
        ("Research Intern", "Microsoft Research"),
        ("Android Developer", "Heads & Hands"),
    ]


def test_a_long_line_opened_by_a_skills_label_is_the_skills_section():
    resume = parse_resume_text(
        "许子怡\nllxs666@163.com\n\n其他信息\n综合技能:CET-6 (580);FL studio音乐制作;秀米排版;剪映、MS office基础操作;梅花易数(算命); 兴趣爱好:热爱音乐\n"
    )
    assert resume.sections["skills"].startswith("CET-6 (580)")


def test_a_field_of_study_on_the_line_under_its_degree_joins_it():
    from resumes.reading.degrees import parse_education

    entries = parse_education(["University of Toronto\t2004 – 2009", "Honours Bachelor of Arts\tJune 2008",
                               "History and Political Science (magna cum laude)"])
    assert [(entry.degree, entry.institution) for entry in entries] == [
        ("Honours Bachelor of Arts, History and Political Science", "University of Toronto")
    ]


def test_the_full_stop_ending_a_moderncv_entry_line_leaves_the_employer_and_school_without_their_place():
    resume = parse_resume_text(
        "John Doe\njohn@example.org\n\nEducation\n2015–2019 Master of Science\tTechnical University of Munich, Munich, "
        "Grade: 1.3.\nThesis on sparse solvers.\n\nExperience\n2019–2021 Software Engineer\tSiemens AG, Munich.\n"
        "General description no longer than two lines.\n2021–Present Senior Engineer\tAcme Inc.\n• Built more things\n"
    )
    assert [(entry.title, entry.company) for entry in resume.experience] == [
        ("Software Engineer", "Siemens AG"), ("Senior Engineer", "Acme Inc."),
    ]
    assert [entry.institution for entry in resume.education] == ["Technical University of Munich"]


def _location(header: str) -> str:
    resume = parse_resume_text(f"Jane Roe\n{header}\njane@example.com\n\nEXPERIENCE\nEngineer, Acme Corp\t2020 – 2021\n• Did.\n")
    return resume.contact.location


def test_a_region_written_without_the_marks_of_its_iso_name_is_a_region():
    assert _location("Bengaluru, Karnataka") == "Bengaluru, Karnataka"  # ISO 3166-2 writes "Karnātaka"


def test_a_known_town_alone_or_labelled_place_is_the_location():
    assert _location("Lisbon") == "Lisbon"
    assert _location("Paris 75011") == "Paris"
    assert _location("现居城市: 成都 | 电话: 15828602614") == "成都"


def test_a_town_over_its_region_in_a_header_table_is_one_place():
    assert _location("Lahore, 54782\tGitHub: jroe\nPunjab, Pakistan\ttryhackme: jroe") == "Lahore, Punjab, Pakistan"


def test_an_employer_on_a_line_with_only_its_region_is_kept():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEXPERIENCE\nSoftware Engineer\tJan 2020 – Present\nShopify, Ontario\n• Built.\n"
    )
    assert _roles(resume) == [("Software Engineer", "Shopify", "2020-01", None, True)]


def test_a_degree_abbreviation_that_is_also_a_state_code_leads_its_school_line():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEDUCATION\nMS, Electrical Engineering, University of Tehran, Tehran, Iran\t2013 – 2015\n"
        "B.Tech. in Mechanical Engineering, Indian Institute of Technology Bombay, Mumbai, India, 2009 – 2013\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("MS, Electrical Engineering", "University of Tehran"),
        ("B.Tech. in Mechanical Engineering", "Indian Institute of Technology Bombay"),
    ]
    assert resume.contact.links == []  # "B.Tech" is a degree, not a web address


def test_a_role_held_at_a_university_is_a_role_when_the_resume_has_no_education_heading():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEXPERIENCE\nBarista\nStarbucks Coffee, Seattle, WA\t2017 – 2019\n• Made coffee.\n"
        "Research Assistant | Smith Lab, University of Washington | Sept 2016 – June 2017\n• Ran assays.\n"
    )
    assert [entry.title for entry in resume.experience] == ["Barista", "Research Assistant"]
    assert resume.education == []


def test_a_labelled_bullet_under_a_degree_is_not_its_field_of_study():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEDUCATION\nAug 2019 – May 2024\tCarnegie Mellon University\nPh.D. in Computer Science\n"
        "• Advisor: Prof. Jane Smith\n2015 – 2019\tUniversity of Illinois\nB.S. in Computer Science\n"
    )
    assert [entry.degree for entry in resume.education] == ["Ph.D. in Computer Science", "B.S. in Computer Science"]


def test_organisation_lines_over_dated_titles_open_each_role_even_when_one_employer_lists_several():
    resume = parse_resume_text(
        "Alex Day\nalex@example.com\n\nLEADERSHIP AND INVOLVEMENT\n"
        "Graduate Student Government\tClemson, SC\nSenator – Computer Science Department\tJanuary 2020\n"
        "Intellectual Property Committee\tClemson, SC\nGraduate School Representative\tJanuary 2020\n"
        "Association of Information Technology Professionals\tClarion, PA\nAugust 2016 - December 2019\n"
        "President\tAugust 2018 - May 2019\nVice President\tAugust 2017 - May 2018\n"
    )
    assert [(entry.title, entry.company) for entry in resume.experience] == [
        ("Senator, Computer Science Department", "Graduate Student Government"),
        ("Graduate School Representative", "Intellectual Property Committee"),
        ("President", "Association of Information Technology Professionals"),
        ("Vice President", "Association of Information Technology Professionals"),
    ]


def test_a_club_member_is_a_role_and_a_note_of_earlier_statuses_is_not():
    resume = parse_resume_text(
        "Alex Liu\nalex@example.com\n\nCAMPUS ORGANIZATIONS\nSocial Committee Member, Georgia Tech Swim Club\tOnline\n"
        "Georgia Tech\tAugust 2020 - January 2021\n• Organize social events for the swim club.\n"
        "• Previous statuses: Member: August 2019 - July 2020\n"
    )
    assert [(entry.title, entry.start) for entry in resume.experience] == [("Social Committee Member", "2020-08")]


def _wrapped_dates_pdf() -> bytes:
    """A LaTeX CV whose dates sit in a narrow column left of each entry and wrap onto a second row ("Sep 2018 – Jun" /
    "2022"), with section headings at the margin and list bullets hanging into the gap before the text."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    pdf.setFont("Times-Bold", 18)
    pdf.drawString(240, 740, "Maria Gonzalez")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(106, 722, "Barcelona, Spain · maria.gonzalez@example.com · +34 612 345 678")
    y = 690
    for heading, entries in (
        ("Education", [(("Sep 2018 – Jun", "2022"), "B.Sc. in Computer Engineering", "University of Barcelona",
                        ["GPA: 8.7/10, Honours in Algorithms"]),
                       (("Sep 2022 – Jul", "2023"), "M.Sc. in Artificial Intelligence", "University of Edinburgh", [])]),
        ("Experience", [(("Sep 2023 –", "Present"), "Machine Learning Engineer", "Glovo",
                         ["Built demand forecasting models in PyTorch.", "Deployed models with Kubernetes."]),
                        (("Jun 2021 – Sep", "2021"), "Software Engineering Intern", "Amazon", ["Built internal tools."])]),
    ):
        pdf.setFont("Times-Bold", 12)
        pdf.drawString(50, y, heading)
        y -= 16
        for dates, title, employer, bullets in entries:
            pdf.setFont("Times-Roman", 10)
            pdf.drawString(50, y, dates[0])
            pdf.drawString(50, y - 12, dates[1])
            pdf.setFont("Times-Bold", 10)
            pdf.drawString(136, y, title + ",")
            pdf.setFont("Times-Italic", 10)
            pdf.drawString(140 + pdf.stringWidth(title + ",", "Times-Bold", 10), y, employer)
            y -= 24
            pdf.setFont("Times-Roman", 10)
            for bullet in bullets:
                pdf.drawString(128, y, "•")
                pdf.drawString(138, y, bullet)
                y -= 12
            y -= 4
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_dates_wrapped_in_a_left_column_under_margin_headings_stay_with_their_entries():
    resume = parse_resume_bytes(_wrapped_dates_pdf())
    assert _roles(resume) == [
        ("Machine Learning Engineer", "Glovo", "2023-09", None, True),
        ("Software Engineering Intern", "Amazon", "2021-06", "2021-09", False),
    ]
    assert [(entry.degree, entry.dates) for entry in resume.education] == [
        ("B.Sc. in Computer Engineering", "Sep 2018 – Jun 2022"), ("M.Sc. in Artificial Intelligence", "Sep 2022 – Jul 2023"),
    ]


def test_computer_modern_sans_bold_and_italic_are_read_from_their_font_names():
    # moderncv's default fonts: "Title" in CMSSBX10, "Employer" in CMSSI10, so "Title, Employer, City" splits there.
    assert font_style("ENHEWE+CMSSBX10") == "b"
    assert font_style("AULTPY+CMSSI10") == "i"
    assert font_style("VVUOKA+CMSS10") == ""


def _entries_reaching_the_margin_pdf() -> bytes:
    """Education entries in one font, each set from its dates to the right margin, one under the other."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 720, "Arjun Mehta")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 704, "arjun.mehta@example.com")
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, 676, "EDUCATION")
    pdf.setFont("Helvetica", 10)
    lines = ("2017 – 2019 M.Sc. in Informatics, Technical University of Munich, Munich, Germany, with distinction",
             "2013 – 2017 B.Tech. in Computer Science and Engineering, Indian Institute of Technology Delhi, India")
    for row, line in enumerate(lines):
        pdf.drawString(72, 660 - 13 * row, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_line_opening_with_dates_starts_an_entry_rather_than_continuing_the_one_above():
    resume = parse_resume_bytes(_entries_reaching_the_margin_pdf())
    assert [entry.institution for entry in resume.education] == [
        "Technical University of Munich", "Indian Institute of Technology Delhi",
    ]


def _employer_below_wrapped_dates_pdf() -> bytes:
    """Dates right-aligned in a left column, wrapping onto a second row that has nothing beside it; the employer is set
    on the row after, in italics, under the title."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    pdf.setFont("Times-Roman", 22)
    pdf.drawString(60, 730, "Kevin Osei")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(60, 712, "kevin.osei@example.com | +233 24 123 4567")
    pdf.setFont("Times-Bold", 12)
    pdf.drawString(60, 686, "WORK EXPERIENCE")
    y = 668
    for dates, title, employer in ((("2021 – present",), "Senior Data Engineer", "MTN Ghana"),
                                   (("Jan 2018 – Dec", "2020"), "Data Engineer", "Interswitch"),
                                   (("2016 – 2017",), "Junior Developer", "Hubtel")):
        pdf.setFont("Times-Roman", 10)
        for row, piece in enumerate(dates):
            pdf.drawRightString(128, y - 12 * row, piece)
        pdf.setFont("Times-Bold", 10)
        pdf.drawString(136, y, title)
        pdf.setFont("Times-Italic", 10)
        pdf.drawString(136, y - 24 if len(dates) > 1 else y - 12, employer)
        pdf.setFont("Times-Roman", 10)
        below = y - 36 if len(dates) > 1 else y - 24
        pdf.drawString(136, below, "Built data pipelines.")
        pdf.drawString(136, below - 12, "Ran the on-call rota.")
        y -= 66 if len(dates) > 1 else 54
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_the_row_a_wrapped_date_leaves_empty_does_not_part_the_title_from_its_employer():
    resume = parse_resume_bytes(_employer_below_wrapped_dates_pdf())
    assert [(entry.title, entry.company, entry.start) for entry in resume.experience] == [
        ("Senior Data Engineer", "MTN Ghana", "2021-01"), ("Data Engineer", "Interswitch", "2018-01"),
        ("Junior Developer", "Hubtel", "2016-01"),
    ]


def _row(y: float, *cells: tuple[float, str]) -> list[Word]:
    words = []
    for x, text in cells:
        for piece in text.split():
            words.append(Word(piece, x, x + 6.0 * len(piece), y, y + 10.0, 10.0))
            x += 6.0 * len(piece) + 3.0
    return words


def test_a_description_under_a_title_with_dates_beside_it_is_not_folded_into_the_title():
    # moderncv's banking style read as a label column: titles on the left with their dates far right, and under each
    # title a one-line description with nothing beside it. The description is not the rest of a label.
    words = [
        *_row(80, (60, "arjun.mehta@example.com | +49 151 2345 6789 | Karlsruhe, Germany | linkedin.com/in/amehta")),
        *_row(100, (60, "Research Assistant"), (260, "2019 – 2021")), *_row(112, (60, "Taught parallel algorithms.")),
        *_row(130, (60, "Summer Intern"), (260, "2016 – 2017")), *_row(142, (60, "Worked on synthesis.")),
        *_row(160, (60, "Software Intern"), (260, "2015 – 2016")), *_row(172, (60, "Built a cost model.")),
    ]
    assert [line.text for line in group_lines(gather_labels(words))][1:] == [
        "Research Assistant\t2019 – 2021", "Taught parallel algorithms.", "Summer Intern\t2016 – 2017",
        "Worked on synthesis.", "Software Intern\t2015 – 2016", "Built a cost model.",
    ]


def test_a_school_on_the_line_after_its_degree_is_not_taken_from_the_degree_above():
    resume = parse_resume_text(
        "Jane Roe\njane@example.com\n\nEDUCATION\nUniversity of Toronto\tToronto, ON\nBachelor of Applied Science\t2015 – 2020\n"
        "Associate Degree in Business Administration\t2008 – 2010\nNorthern Virginia Community College, Annandale, VA\n"
        "Bachelor of Commerce\t2004 - 2007\nUniversity of Cape Town, South Africa\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("Bachelor of Applied Science", "University of Toronto"),
        ("Associate Degree in Business Administration", "Northern Virginia Community College"),
        ("Bachelor of Commerce", "University of Cape Town"),
    ]


def test_a_short_sentence_under_the_dates_is_description_not_the_employer():
    resume = parse_resume_text(
        "Adrienne Roe\nadrienne@example.com\n\nEXPERIENCE\nReceptionist, Bright Smiles Orthodontics, Atlanta\n"
        "MAY 2016 - JUNE 2019\nGreeted patients.\nSales Associate at Target\n2014 - 2016\nStocked shelves.\n"
    )
    assert [(entry.title, entry.company, entry.lines) for entry in resume.experience] == [
        ("Receptionist", "Bright Smiles Orthodontics", ["Greeted patients."]),
        ("Sales Associate", "Target", ["Stocked shelves."]),
    ]


def test_a_project_heading_in_the_singular_ends_the_education():
    resume = parse_resume_text(
        "Adam Nazri\nadam@example.com\n\nEDUCATION\nUniversiti Teknologi MARA\tOctober 2024 - Present\n"
        "Diploma in Computer Science\n\nPROJECT\nSimon Says Game\tJuly 2026\nMIT App Inventor\n"
        "• Built a mobile memory game.\n"
    )
    assert [(entry.degree, entry.institution) for entry in resume.education] == [
        ("Diploma in Computer Science", "Universiti Teknologi MARA")]
    assert "projects" in resume.sections


def test_a_russian_technologies_heading_opens_the_skills():
    resume = parse_resume_text(
        "Актилек Арыстанов\nmail@example.com\n\nОпыт работы\nОфициант\t2021 – 2023\nТойхана Дария\n\n"
        "Технологий которые я использовал\nJava 8+\nApache Tomcat\nThymeleaf\n"
    )
    assert "Apache Tomcat" in resume.sections["skills"]


def test_a_field_line_naming_several_fields_completes_the_degree_above():
    resume = parse_resume_text(
        "Wendell Adjetey\n\nEDUCATION\nUniversity of Toronto\t2004 – 2009\nMaster of Arts\tJune 2009\n"
        "Political Science and Ethnic, Immigration, and Pluralism Studies\n"
    )
    assert [entry.degree for entry in resume.education] == [
        "Master of Arts, Political Science and Ethnic, Immigration, and Pluralism Studies"]


def test_appointments_among_fellowships_are_roles_when_no_job_is_listed():
    resume = parse_resume_text(
        "Wendell Adjetey\n\nEDUCATION\nYale University\t2012 – 2018\nDoctor of Philosophy\tMay 2018\n\n"
        "FELLOWSHIPS AND PRIZES\n"
        "• Senior Resident Fellow, Massey College, University of Toronto, 2016-17\n"
        "• Echoing Green Global Fellow, 2015-17\n"
        "• Humanity in Action, Senior Fellow (distinction only), 2014\n"
        "• Donald Gallup Fellowship in U.S. Literature, Beinecke Fellow, Spring 2013\n"
        "• Stuart Taylor Travel Fund, Department of African American Studies, Summer 2016\n\n"
        "CONFERENCES\n• “Canadian Perceptions of Violence,” Keynote, University of Toronto, 27 January 2017\n"
        "• Yale Graduate Student Conference, Discussant, April 2016\n"
    )
    assert [(entry.title, entry.company, entry.start) for entry in resume.experience] == [
        ("Senior Resident Fellow", "Massey College, University of Toronto", "2016-01"),
        ("Senior Fellow (distinction only)", "Humanity in Action", "2014-01"),
    ]


def test_fellowships_are_not_roles_beside_a_work_section():
    resume = parse_resume_text(
        "Jane Doe\n\nEXPERIENCE\nSoftware Engineer, Acme Corp\tJan 2020 – Dec 2020\n• Built things.\n\n"
        "AWARDS\n• Research Fellow, Institute for Advanced Study, 2019\n"
    )
    assert [entry.title for entry in resume.experience] == ["Software Engineer"]


def _skills_grid_pdf() -> bytes:
    """A page whose upper half is a grid of skills beside a column of languages with its own leading, over a full-width
    projects section; the languages' levels stand far right, so a second gap stays open one row past the gutter."""
    from reportlab.lib.pagesizes import A4

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica-Bold", 20)
    page.drawString(30, 800, "Jane Example")
    page.setFont("Helvetica", 10)
    page.drawString(30, 785, "jane@example.com")
    left = [("SKILLS", ()), ("Python", ("SQL", "Tableau")), ("Excel", ("Looker", "dbt")), ("CLOUD", ()),
            ("Docker", ("Kubernetes", "Terraform")), ("Airflow", ("Spark", "Kafka"))]
    for index, (first, others) in enumerate(left):
        y = 750 - 18 * index
        page.setFont("Helvetica-Bold" if not others else "Helvetica", 10)
        page.drawString(30, y, first)
        for column, text in enumerate(others):
            page.drawString(110 + 80 * column, y, text)
    right = [("STRENGTHS", ""), ("Clear writing", ""), ("Teamwork", ""), ("LANGUAGES", ""), ("English", "C1"),
             ("German", "B2")]
    for index, (text, level) in enumerate(right):
        y = 750 - (18 * index - 9 if index else 0)
        page.setFont("Helvetica-Bold" if text.isupper() else "Helvetica", 10)
        page.drawString(315, y, text)
        if level:
            page.drawString(530, y, level)
    page.setFont("Helvetica-Bold", 10)
    page.drawString(30, 620, "PROJECTS")
    page.setFont("Helvetica", 10)
    page.drawString(30, 604, "Built a pipeline that loads sales data nightly into a warehouse and reports on it for the")
    page.drawString(30, 590, "finance team, with alerts on late loads and a dashboard of the week's figures by region.")
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_gutter_that_closes_a_row_before_another_gap_still_parts_the_columns():
    resume = parse_resume_bytes(_skills_grid_pdf())

    assert "Terraform" in resume.sections["skills"] and "Kafka" in resume.sections["skills"]
    assert "Terraform" not in resume.sections.get("other", "")


def test_a_malaysian_secondary_school_and_its_certificate_are_a_degree():
    resume = parse_resume_text(
        "Adam Nazri\nadam@example.com\n\nEDUCATION\nSMK Paya Rumput, Melaka Tengah, Melaka\tJanuary 2022 - March 2024\n"
        "Sijil Pelajaran Malaysia(SPM), 8A’s\n"
    )
    assert [(entry.degree, entry.institution, entry.dates) for entry in resume.education] == [
        ("Sijil Pelajaran Malaysia(SPM)", "SMK Paya Rumput", "January 2022 - March 2024")]
