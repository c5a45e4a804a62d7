import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_signs_up_logs_out_and_logs_back_in(page):
    page.goto("/")
    page.get_by_role("link", name="Sign up free").click()
    page.get_by_label("Email").fill("journey@example.com")
    page.get_by_label("First name").fill("Jo")
    page.locator("#id_password1").fill("Practice-makes-42")
    page.locator("#id_password2").fill("Practice-makes-42")
    page.get_by_role("button", name="Sign Up").click()

    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Welcome, Jo").is_visible()

    page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()  # shown without opening "Menu"
    page.get_by_role("link", name="Sign up free").wait_for()
    assert "/dashboard/" not in page.url

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("journey@example.com")
    page.locator("#id_password").fill("Practice-makes-42")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Welcome, Jo").is_visible()
    assert page.js_errors == []
