"""Reading a rendered surface for executable output, each kind the way its consumers read it."""

import json
import xml.etree.ElementTree as ET

from tests.security import executable

# What may appear in feeds and sitemaps: elements of any other namespace (XHTML, SVG) would be
# rendered, and run, by a browser that opens the XML.
XML_NAMESPACES = {
    "",
    "http://www.w3.org/2005/Atom",
    "http://www.sitemaps.org/schemas/sitemap/0.9",
    "http://www.google.com/schemas/sitemap-news/0.9",
    "http://www.google.com/schemas/sitemap-image/1.1",
}
# Feed elements whose text readers render as HTML.
FEED_HTML = {"description", "summary", "content", "{http://www.w3.org/2005/Atom}summary"}
FEED_HTML |= {
    "{http://www.w3.org/2005/Atom}content",
    "{http://purl.org/rss/1.0/modules/content/}encoded",
}


def findings(kind, response, baseline=frozenset()):
    """Executables in `response` (an html page beyond those in `baseline`), as strings."""
    return [str(found) for found in READERS[kind](response, baseline)]


def html(response, baseline):
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    return sorted(executable.new_in(response.content.decode(), baseline), key=str)


def xml_tree(response):
    builder = ET.TreeBuilder(insert_pis=True, insert_comments=False)
    parser = ET.XMLParser(target=builder)
    parser.feed(response.content)
    return parser.close()


def foreign(tree):
    """Processing instructions (a stylesheet could be XSLT) and elements of other namespaces."""
    for element in tree.iter():
        if element.tag is ET.ProcessingInstruction:
            yield executable.Executable("processing instruction", "?", element.text or "")
        elif isinstance(element.tag, str):
            namespace = element.tag[1:].partition("}")[0] if element.tag.startswith("{") else ""
            if namespace not in XML_NAMESPACES:
                yield executable.Executable("foreign XML element", element.tag, "")


def feed(response, baseline):
    assert response["Content-Type"].startswith(("application/rss+xml", "application/atom+xml"))
    tree = xml_tree(response)
    found = list(foreign(tree))
    for element in tree.iter():
        if element.tag in FEED_HTML and element.text:
            found += executable.executables(element.text, fragment=True)
    return found


def sitemap(response, baseline):
    assert response["Content-Type"].startswith("application/xml"), response["Content-Type"]
    return list(foreign(xml_tree(response)))


def api(response, baseline):
    """JSON only, not sniffed; the HTML a partner embeds (paragraphs, ninjs bodies) is clean."""
    found = []
    if not response["Content-Type"].startswith("application/json"):
        found.append(executable.Executable("not JSON", "", response["Content-Type"]))
    if response.get("X-Content-Type-Options") != "nosniff":
        found.append(executable.Executable("sniffable", "", "no X-Content-Type-Options"))
    for fragment in html_fields(json.loads(response.content)):
        found += executable.executables(fragment, fragment=True)
    return found


def html_fields(data):
    """Strings the API declares to be HTML: paragraph `html` and ninjs bodies of HTML."""
    if isinstance(data, dict):
        if data.get("contenttype") == "text/html" and isinstance(data.get("value"), str):
            yield data["value"]
        for key, value in data.items():
            if key == "html" and isinstance(value, str):
                yield value
            else:
                yield from html_fields(value)
    elif isinstance(data, list):
        for item in data:
            yield from html_fields(item)


READERS = {"html": html, "admin": html, "feed": feed, "sitemap": sitemap, "json": api}
