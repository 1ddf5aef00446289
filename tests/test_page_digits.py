"""Persian digits in page text, Latin digits kept where they are codes."""

from __future__ import annotations

import pytest

from ckanext.smarttehran.page_digits import persianize


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<span class='badge'>12</span>", "<span class='badge'>۱۲</span>"),
        ('<a href="/dataset?page=2">2</a>', '<a href="/dataset?page=2">۲</a>'),
        ("<script>var a = 10;</script><b>10</b>", "<script>var a = 10;</script><b>۱۰</b>"),
        ("<code>fq=district:6</code> 6", "<code>fq=district:6</code> ۶"),
        ('<span dir="ltr">air-2024 <b>5</b></span> 5', '<span dir="ltr">air-2024 <b>5</b></span> ۵'),
        ("<div><div translate=\"no\">1<div>2</div>3</div>4</div>", "<div><div translate=\"no\">1<div>2</div>3</div>۴</div>"),
        ('<input value="7"> 7<br>8', '<input value="7"> ۷<br>۸'),
        ("<!-- 9 --><p>9</p>", "<!-- 9 --><p>۹</p>"),
        ("<p>&#34;a&#34; 2 &#x27;b&#x27; &amp; 3</p>", "<p>&#34;a&#34; ۲ &#x27;b&#x27; &amp; ۳</p>"),
        # Words holding a Latin letter are codes: URLs, ids, WGS84, goal codes.
        (
            "<p>http://127.0.0.1:5000/dataset/cb02bfb6 WGS84 mobility.02: 12 ISO-8601.</p>",
            "<p>http://127.0.0.1:5000/dataset/cb02bfb6 WGS84 mobility.02: ۱۲ ISO-8601.</p>",
        ),
        ("<p>12&nbsp;MB 3&#34;x</p>", "<p>۱۲&nbsp;MB ۳&#34;x</p>"),
        ('<div lang="en">150 stations</div> 150', '<div lang="en">150 stations</div> ۱۵۰'),
    ],
)
def test_only_visible_text_outside_codes_changes(html, expected):
    """Digits change in visible text only; attributes, scripts, code, ltr spans and
    character references (Jinja's escaped quotes) keep Latin."""
    assert persianize(html) == expected


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_search_page_shows_persian_counts(app):
    """The dataset count on the Persian search page is written in Persian digits."""
    from bs4 import BeautifulSoup

    from tests.factories import Dataset

    Dataset(name="counted-1")
    soup = BeautifulSoup(app.get("/dataset/").body, "html.parser")
    heading = soup.select_one(".search-form h1, .search-form h2").get_text()
    assert "۱" in heading and "1" not in heading
    assert soup.select_one('a[href="/dataset/counted-1"]') is not None


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_api_keeps_latin_digits(app):
    """JSON responses are never touched."""
    body = app.get("/api/3/action/package_search?rows=0").json
    assert body["result"]["count"] == 0

