"""Core's name searches and dataset fq fold Arabic letters and other digits like stored text."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def test_organization_list_finds_persian_titles_from_arabic_letters():
    factories.Organization(name="traffic", title="سازمان ترافیک")
    factories.Organization(name="parks", title="سازمان بوستان‌ها")
    assert call_action("organization_list", q="ترافيك") == ["traffic"]
    assert call_action("organization_list", q="ترافیک") == ["traffic"]


def test_tag_list_and_tag_fq_fold_arabic_letters():
    Dataset(name="counted", tags=[{"name": "ترافیک"}], district=["6"])
    Dataset(name="other", tags=[{"name": "هوا"}], district=["12"])
    assert call_action("tag_list", query="ترافيك") == ["ترافیک"]
    found = call_action("package_search", fq='tags:"ترافيك"')["results"]
    assert [d["name"] for d in found] == ["counted"]
    by_district = call_action("package_search", fq='district:"۶"')["results"]
    assert [d["name"] for d in by_district] == ["counted"]
