"""Reading rendered pages in tests with a real HTML parser (lxml), never by splitting strings."""

import json

import lxml.html


def parse(body: str | bytes):
    return lxml.html.fromstring(body if isinstance(body, str) else body.decode())


def by_id(body, element_id: str):
    """The element with `element_id`; AssertionError when the page has none."""
    document = parse(body) if isinstance(body, str | bytes) else body
    found = document.xpath("//*[@id=$id]", id=element_id)
    assert found, f"no element with id={element_id!r}"
    return found[0]


def text(element) -> str:
    return " ".join(element.text_content().split())


def json_script(body, element_id: str):
    """The value of a `{{ value|json_script:"id" }}` block."""
    return json.loads(by_id(body, element_id).text)


def form_values(body, form_selector_xpath: str = "//form") -> dict[str, str]:
    """Every named input's value in the first form the XPath finds (hidden inputs included)."""
    form = parse(body).xpath(form_selector_xpath)[0]
    return {field.get("name"): field.get("value", "") for field in form.xpath(".//input[@name]")}
