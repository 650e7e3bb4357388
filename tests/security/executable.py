"""What counts as executable output, found with a spec-compliant HTML parser (html5lib).

A rendered page has executable output when it holds any of these that our own templates did not
emit (compare with the same page rendered from harmless text, `new_in`):

- a <script> (HTML or SVG) that a browser would run: no type, a JavaScript type or a module;
- any event-handler attribute (on*), on any element in any namespace;
- a javascript:, vbscript: or livescript: URL, or a data: URL that is not a plain image, in a
  URL attribute (href, src, action, formaction, xlink:href, data, poster, srcset, …), read the
  way a browser reads it (control characters and whitespace dropped, case folded);
- srcdoc, <iframe>, <frame>, <object>, <embed>, <applet>, <portal>, <base>, and <meta http-equiv>
  (refresh and friends);
- SVG animation (<animate>, <set>, …) that targets href or an event attribute, or sets a
  script URL, and SVG <handler>/<listener>;
- CSS, in a style attribute or element, with expression(), behavior:, -moz-binding or a script URL
  (CSS escapes and comments undone first).

Template-injection strings ({{constructor…}}) are text: no client-side framework renders our pages.
"""

import re
from dataclasses import dataclass

import html5lib

XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

FRAMING_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
SCRIPT_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-javascript",
    "text/x-ecmascript",
    "application/x-javascript",
    "application/x-ecmascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "lowsrc",
    "dynsrc",
    "codebase",
    "cite",
    "longdesc",
    "ping",
    "manifest",
    "icon",
    "profile",
    "archive",
    "classid",
    "xmlns",
    "to",
    "from",
    "values",
    "by",
}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:", "mocha:")
SAFE_DATA = re.compile(r"data:image/(png|gif|jpe?g|webp|avif|bmp)[;,]")
ANIMATION_TAGS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
# What the URL parser drops before it reads the scheme: C0 controls and spaces around the URL,
# tabs and newlines anywhere in it ("java\tscript:" is javascript:, "javascript :" is a path).
URL_EDGES = "".join(map(chr, range(0x21)))
URL_TABS_NEWLINES = re.compile(r"[\t\n\r]")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
DANGEROUS_CSS = re.compile(r"expression\s*\(|behaviou?r\s*:|-moz-binding|javascript:|vbscript:")


@dataclass(frozen=True)
class Executable:
    """One thing a browser would run: why, and enough of it to recognise it."""

    reason: str
    element: str
    detail: str

    def __str__(self):
        return f"{self.reason}: <{self.element}> {self.detail[:160]!r}"


def parse(html):
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=True)


def parse_fragment(html):
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=True)


def executables(html, *, fragment=False):
    """Everything executable in `html`, our templates' own scripts included."""
    tree = parse_fragment(html) if fragment else parse(html)
    found = set()
    for element in tree.iter():
        if isinstance(element.tag, str):
            found.update(element_executables(element))
    return found


def new_in(html, baseline):
    """The executables of `html` that the harmless rendering `baseline` does not have."""
    return executables(html) - baseline


def element_executables(element):
    namespace, name = split(element.tag)
    label = name if namespace == XHTML else f"{short(namespace)}:{name}"
    attributes = {split(key)[1].lower(): (key, value) for key, value in element.attrib.items()}
    if name == "script" and script_runs(namespace, attributes):
        yield Executable("script", label, (attributes.get("src", ("", ""))[1], text(element)))
    if name in FRAMING_TAGS:
        yield Executable("framing or base element", label, repr(sorted(element.attrib.items())))
    if name == "meta" and "http-equiv" in attributes:
        yield Executable("meta http-equiv", label, repr(sorted(element.attrib.items())))
    if namespace == SVG and name.lower() in ("handler", "listener"):
        yield Executable("SVG handler", label, text(element))
    if namespace == SVG and name.lower() in ANIMATION_TAGS:
        target = attributes.get("attributename", ("", ""))[1].strip().lower()
        if target.endswith("href") or target.startswith("on"):
            yield Executable("SVG animation of " + target, label, repr(element.attrib))
    if name == "style" and dangerous_css(text(element)):
        yield Executable("style element", label, text(element))
    for local, (key, value) in attributes.items():
        yield from attribute_executables(label, local, key, value)


def attribute_executables(label, local, key, value):
    if local.startswith("on") and len(local) > 2:
        yield Executable("event handler", label, f"{key}={value}")
    elif local == "srcdoc":
        yield Executable("srcdoc", label, value)
    elif local == "style" and dangerous_css(value):
        yield Executable("style attribute", label, value)
    elif script_urls(local, value):
        yield Executable("script URL", label, f"{key}={value}")


def script_urls(local, value):
    if local in URL_ATTRIBUTES:
        return script_url(value)
    if local in ("srcset", "imagesrcset"):
        return any(script_url(candidate.strip().split(" ")[0]) for candidate in value.split(","))
    return False


def script_runs(namespace, attributes):
    kind = attributes.get("type", ("", ""))[1].strip().lower()
    if namespace == SVG:
        return kind in SCRIPT_TYPES or kind == "application/ecmascript"
    language = attributes.get("language", ("", ""))[1].strip().lower()
    if "type" not in attributes and language and not language.startswith("javascript"):
        return False
    return kind.split(";")[0].strip() in SCRIPT_TYPES


def script_url(value):
    url = URL_TABS_NEWLINES.sub("", value.strip(URL_EDGES)).lower()
    if url.startswith(SCRIPT_SCHEMES):
        return True
    return url.startswith("data:") and not SAFE_DATA.match(url)


def dangerous_css(css):
    def unescape(match):
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code < 0x110000 else ""
        return match.group(2)

    plain = CSS_ESCAPE.sub(unescape, CSS_COMMENT.sub("", css)).lower()
    return bool(DANGEROUS_CSS.search(re.sub(r"[\x00-\x20\x7f]+", "", plain)))


def text(element):
    return "".join(element.itertext())


def split(tag):
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def short(namespace):
    return {SVG: "svg", "http://www.w3.org/1998/Math/MathML": "math", XLINK: "xlink"}.get(
        namespace, namespace
    )
