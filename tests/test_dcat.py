"""DCAT-AP output with our profile, parsed back with rdflib; SKOS concept schemes."""

from __future__ import annotations

import pytest
from ckanext.dcat.profiles.base import DCAT, DCT, LOCN, VCARD
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index", "web")
SITE = "http://test.ckan.net"
EU = "http://publications.europa.eu/resource/authority/"




def _graph(app, url, fmt="turtle"):
    response = app.get(url)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[-1500:])
    g = Graph()
    g.parse(data=response.get_data(as_text=True), format=fmt)
    return g


@pytest.fixture
def public():
    return Dataset(
        title="ایستگاه‌های پایش هوا", title_en="Air quality stations",
        notes="ایستگاه‌های پایش کیفیت هوا در منطقه ۶", notes_en="Air quality stations of district 6",
        smart_dimension=["environment"], neighborhood=["601"], update_frequency="monthly",
        contact_name="اداره محیط زیست", contact_email="env@tehran.example",
        resources=[{"url": "http://example.com/air.csv", "format": "CSV", "name": "air"}],
    )


@pytest.fixture
def restricted():
    return Dataset(
        title="پرونده‌های کارکنان", access_level="restricted", access_reason="privacy",
        access_review_date="2026-03-20", license_id="other-closed",
        resources=[{"url": "http://example.com/staff-secret.csv", "format": "CSV"}],
    )


class TestDataset:
    def test_mapped_fields(self, app, public):
        """@fa/@en literals, theme from our SKOS scheme, places with geometry, frequency, contact."""
        g = _graph(app, f"/dataset/{public['name']}.ttl")
        ref = URIRef(f"{SITE}/dataset/{public['id']}")
        assert (ref, RDF.type, DCAT.Dataset) in g
        assert Literal("ایستگاه‌های پایش هوا", lang="fa") in set(g.objects(ref, DCT.title))
        assert Literal("Air quality stations", lang="en") in set(g.objects(ref, DCT.title))
        assert (ref, DCAT.theme, URIRef(f"{SITE}/vocabulary/dimensions/environment")) in g
        neighbourhood, district = URIRef(f"{SITE}/neighborhood/601"), URIRef(f"{SITE}/district/6")
        assert (ref, DCT.spatial, neighbourhood) in g and (ref, DCT.spatial, district) in g
        wkt = str(g.value(district, LOCN.geometry))
        assert wkt.startswith(("POLYGON", "MULTIPOLYGON"))
        assert (ref, DCT.accrualPeriodicity, URIRef(EU + "frequency/MONTHLY")) in g
        assert (ref, DCT.accessRights, URIRef(EU + "access-right/PUBLIC")) in g
        contact = g.value(ref, DCAT.contactPoint)
        assert g.value(contact, VCARD.hasEmail) == URIRef("mailto:env@tehran.example")
        assert len(list(g.objects(ref, DCAT.distribution))) == 1

    def test_formats_are_authority_uris_and_keywords_carry_a_language(self, app):
        """A CSV's dct:format is the EU file-type URI and its dcat:mediaType the IANA one
        (not literals); an unknown format keeps its literal; keywords are @fa or @en."""
        dataset = Dataset(tags=[{"name": "کیفیت هوا"}, {"name": "GTFS"}], resources=[
            {"url": "http://example.com/air.csv", "format": "CSV", "name": "air"},
            {"url": "http://example.com/air.abc", "format": "ABC", "name": "other"},
        ])
        g = _graph(app, f"/dataset/{dataset['name']}.ttl")
        ref = URIRef(f"{SITE}/dataset/{dataset['id']}")
        formats, media = set(), set()
        for dist in g.objects(ref, DCAT.distribution):
            formats |= set(g.objects(dist, DCT["format"]))
            media |= set(g.objects(dist, DCAT.mediaType))
        assert URIRef(EU + "file-type/CSV") in formats
        assert Literal("ABC") in formats and Literal("CSV") not in formats
        assert media == {URIRef("http://www.iana.org/assignments/media-types/text/csv")}
        assert (URIRef(EU + "file-type/CSV"), RDF.type, DCT.MediaTypeOrExtent) in g
        assert set(g.objects(ref, DCAT.keyword)) == {Literal("کیفیت هوا", lang="fa"), Literal("GTFS", lang="en")}

    def test_distributions_carry_the_licence_and_an_upload_its_download_url(self, app, public):
        """dct:license (the dataset's licence document) on every distribution; an uploaded
        file's distribution has a dcat:downloadURL, a link only an accessURL."""
        from ckan.tests import factories
        from ckan.tests.helpers import call_action

        from tests.screening.conftest import CLEAN_CSV, upload

        admin = {"user": factories.Sysadmin()["name"]}
        uploaded = call_action("resource_create", admin, package_id=public["id"],
                               upload=upload(CLEAN_CSV), format="CSV", name="table")
        g = _graph(app, f"/dataset/{public['name']}.ttl")
        ref = URIRef(f"{SITE}/dataset/{public['id']}")
        distributions = list(g.objects(ref, DCAT.distribution))
        assert len(distributions) == 2
        licence = URIRef(call_action("package_show", id=public["id"])["license_url"])
        for dist in distributions:
            assert g.value(dist, DCT.license) == licence
        assert (licence, RDF.type, DCT.LicenseDocument) in g
        downloads = {str(g.value(d, DCAT.downloadURL)) for d in distributions} - {"None"}
        assert downloads == {uploaded["url"]}

    def test_rdf_xml_and_jsonld_parse(self, app, public):
        """The same dataset as RDF/XML and JSON-LD parses and has the title."""
        for ext, fmt in (("rdf", "xml"), ("jsonld", "json-ld")):
            g = _graph(app, f"/dataset/{public['name']}.{ext}", fmt)
            assert Literal("Air quality stations", lang="en") in set(g.objects(None, DCT.title))

    def test_restricted_dataset(self, app, restricted):
        """Restricted: RESTRICTED access right, the reason and review date, no distribution."""
        response = app.get(f"/dataset/{restricted['name']}.ttl")
        assert "staff-secret" not in response.get_data(as_text=True)
        g = Graph().parse(data=response.get_data(as_text=True), format="turtle")
        ref = URIRef(f"{SITE}/dataset/{restricted['id']}")
        assert (ref, DCT.accessRights, URIRef(EU + "access-right/RESTRICTED")) in g
        assert not list(g.objects(ref, DCAT.distribution))
        statement = g.value(ref, DCT.rights)
        assert g.value(statement, DCT.references) == URIRef(f"{SITE}/vocabulary/access_reasons/privacy")
        assert str(g.value(statement, DCT.valid)) == "2026-03-20"


class TestCatalog:
    def test_catalog_turtle_and_jsonld(self, app, public, restricted):
        """/catalog.ttl and /catalog.jsonld list both datasets; no restricted resource."""
        for ext, fmt in (("ttl", "turtle"), ("jsonld", "json-ld")):
            response = app.get(f"/catalog.{ext}")
            assert "staff-secret" not in response.get_data(as_text=True)
            g = Graph().parse(data=response.get_data(as_text=True), format=fmt)
            assert len(set(g.subjects(RDF.type, DCAT.Dataset))) == 2
            assert len(set(g.subjects(RDF.type, DCAT.Distribution))) == 1
            catalog = next(g.subjects(RDF.type, DCAT.Catalog))
            assert (catalog, DCAT.themeTaxonomy, URIRef(f"{SITE}/vocabulary/dimensions")) in g
            assert set(g.objects(catalog, DCT.language)) == {
                URIRef(EU + "language/FAS"), URIRef(EU + "language/ENG")}

    def test_private_dataset_is_not_in_the_catalog(self, app):
        """A private dataset appears in no DCAT output to the public."""
        d = Dataset(private=True, title="داده خصوصی آزمایشی")
        assert d["name"] not in app.get("/catalog.ttl").get_data(as_text=True)
        assert app.get(f"/dataset/{d['name']}.ttl").status_code in (403, 404)


class TestSkos:
    def test_dimensions_scheme(self, app):
        """/vocabulary/dimensions is a SKOS scheme of six concepts labelled @fa and @en."""
        g = _graph(app, "/vocabulary/dimensions.ttl")
        scheme = URIRef(f"{SITE}/vocabulary/dimensions")
        assert (scheme, RDF.type, SKOS.ConceptScheme) in g
        concepts = set(g.subjects(SKOS.inScheme, scheme))
        assert len(concepts) == 6
        mobility = URIRef(f"{SITE}/vocabulary/dimensions/mobility")
        assert Literal("جابجایی هوشمند", lang="fa") in set(g.objects(mobility, SKOS.prefLabel))
        assert _graph(app, "/vocabulary/goals.jsonld", "json-ld").value(
            URIRef(f"{SITE}/vocabulary/goals/mobility.01"), SKOS.broader) == mobility

    def test_unknown_vocabulary(self, app):
        """An unknown scheme is a 404."""
        assert app.get("/vocabulary/nope.ttl").status_code == 404

    def test_concept_uris_dereference(self, app):
        """A concept URI from dcat:theme answers: RDF clients are sent (303) to the scheme
        document, browsers to the datasets filtered on the concept; unknown codes 404."""
        rdf = app.get("/vocabulary/dimensions/mobility", headers={"Accept": "text/turtle"},
                      follow_redirects=False)
        assert rdf.status_code == 303 and rdf.headers["Location"].endswith("/vocabulary/dimensions.ttl")
        browser = app.get("/vocabulary/goals/mobility.01", headers={"Accept": "text/html"},
                          follow_redirects=False)
        assert browser.status_code == 303
        assert browser.headers["Location"].endswith("/dataset/?smart_goal=mobility.01")
        assert app.get("/vocabulary/dimensions/nope").status_code == 404
