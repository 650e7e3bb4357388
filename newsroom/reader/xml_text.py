"""Text for XML documents (feeds, the news sitemap).

XML 1.0 has no place for most control characters: one pasted into a headline would stop the
feed with an error, or make the sitemap unreadable, so they are left out of the document."""

import re

NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text):
    return NOT_IN_XML.sub("", str(text))
