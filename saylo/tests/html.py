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


def rows_of(body, table_id: str) -> list[list[str]]:
    """The body rows of a table (rows with <td> cells), each as the text of its cells."""
    table = by_id(body, table_id)
    return [[text(cell) for cell in row.xpath("./td|./th")] for row in table.xpath(".//tr[td]")]


def _split_at(body, element_id: str) -> tuple[str, str]:
    """The page's text before the element with `element_id`, and from it on (in reading order)."""
    from lxml import etree

    document = parse(body)
    marker = by_id(document, element_id)
    parts, seen, skipping = ([], []), False, 0
    for event, node in etree.iterwalk(document, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if node is marker and event == "start":
            seen = True
        hidden = node.tag in {"script", "style"}
        if event == "start":
            skipping += hidden
            if not skipping:
                parts[seen].append(node.text or "")
        else:
            skipping -= hidden
            if not skipping:
                parts[seen].append(node.tail or "")
    return tuple(" ".join(" ".join(side).split()) for side in parts)


def text_before(body, element_id: str) -> str:
    return _split_at(body, element_id)[0]


def text_from(body, element_id: str) -> str:
    return _split_at(body, element_id)[1]
