"""The detector of executable output sees what a browser would run, and only that."""

import pytest

from tests.security import corpus
from tests.security.executable import executables

RUNS = [
    "<script>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    "<img src=x onerror=alert(1)>",
    "<svg\x0conload=alert(1)>",
    '<a href=" java\tscript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="\x01 javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript&colon;alert(1)">x</a>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi href="javascript:alert(1)">x</mi></math>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    '<div style="width: exp\\72 ession(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<img srcset="javascript:alert(1) 1x">',
]

INERT = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="https://example.com/?q=javascript:alert(1)">x</a>',
    # A space inside is no scheme: the browser follows a relative link.
    '<a href="javascript :alert(1)">x</a>',
    '<script type="application/ld+json">{"headline": "\\u003Cscript\\u003E"}</script>',
    "<p>onerror=alert(1) as words</p>",
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    "<textarea><script>alert(1)</script></textarea>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
]


@pytest.mark.parametrize("html", RUNS)
def test_what_a_browser_runs_is_found(html):
    assert executables(html, fragment=True)


@pytest.mark.parametrize("html", INERT)
def test_escaped_text_and_data_blocks_are_inert(html):
    assert executables(html, fragment=True) == set()


def test_much_of_the_sample_would_run_if_it_were_not_escaped():
    """A detector that found nothing in raw payloads would make the stored-XSS test pass idly.
    (Many payloads are for other contexts: JavaScript strings, Markdown, templates.)"""
    payloads = corpus.sample()
    running = [p for p in payloads if executables(f"<div>{p}</div>", fragment=True)]
    assert len(running) > len(payloads) * 0.4


def test_the_corpus_has_four_thousand_payloads_and_the_sample_every_category():
    assert len(corpus.full()) >= 4000
    sampled = set(corpus.sample())
    assert {category for category, _, p in corpus.entries() if p in sampled} == corpus.categories()
