"""The ``smarttehran`` RDF profile, run after ``euro_dcat_ap_3``.

Adds to each dataset: Persian (``@fa``) and English (``@en``) title and description,
``dcat:theme`` from our SKOS dimensions, districts and neighbourhoods as ``dct:spatial``
locations with their boundary (``locn:geometry``, WKT), ``dct:accessRights`` (EU
access-right authority) with the withholding reason and review date as a
``dct:RightsStatement``, ``dct:accrualPeriodicity`` (EU frequency authority) and a
``dcat:contactPoint``. Each distribution gets the dataset's licence (``dct:license``,
which DCAT-AP puts on distributions and the base profile only copies when told to) and,
for an uploaded file, its ``dcat:downloadURL``; its format is an EU file-type URI
(``dct:format``) and an IANA media-type URI (``dcat:mediaType``) where we know the format.
Keywords carry a language tag (``@fa``, or ``@en`` for Latin-script ones). A restricted
dataset has no distribution at all.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ckanext.dcat.profiles.base import DCAT, DCT, LOCN, VCARD, CleanedURIRef, RDFProfile
from ckanext.dcat.utils import resource_uri
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ckanext.smarttehran import gazetteer, vocabularies
from ckanext.smarttehran.dcat import skos
from ckanext.smarttehran.transparency import access

ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "http://www.iana.org/assignments/media-types/"
# A resource's format (as CKAN stores it, upper-cased) -> the EU file-type authority's
# code and the IANA media type. A format not listed keeps the base profile's literal.
FORMATS: dict[str, tuple[str, str | None]] = {
    "CSV": ("CSV", "text/csv"),
    "TSV": ("TSV", "text/tab-separated-values"),
    "JSON": ("JSON", "application/json"),
    "GEOJSON": ("GEOJSON", "application/geo+json"),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "XLS": ("XLS", "application/vnd.ms-excel"),
    "ODS": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "PDF": ("PDF", "application/pdf"),
    "ZIP": ("ZIP", "application/zip"),
    "XML": ("XML", "application/xml"),
    "TXT": ("TXT", "text/plain"),
    "HTML": ("HTML", "text/html"),
    "KML": ("KML", "application/vnd.google-earth.kml+xml"),
    "KMZ": ("KMZ", "application/vnd.google-earth.kmz"),
    "SHP": ("SHP", None),
    "GPKG": ("GPKG", "application/geopackage+sqlite3"),
    "RDF": ("RDF_XML", "application/rdf+xml"),
    "TTL": ("RDF_TURTLE", "text/turtle"),
    "JSON-LD": ("JSON_LD", "application/ld+json"),
    "DOCX": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "PNG": ("PNG", "image/png"),
    "JPEG": ("JPEG", "image/jpeg"),
    "JPG": ("JPEG", "image/jpeg"),
}
_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
GSP_WKT = URIRef("http://www.opengis.net/ont/geosparql#wktLiteral")
SIMPLIFY_DEGREES = 0.0005  # about 50 m: boundaries for discovery, not for surveying


def _codes(value: Any) -> list[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [value]
    return [str(v) for v in value or []]


def _wkt(geometry: dict[str, Any]) -> str:
    from shapely.geometry import shape

    return shape(geometry).simplify(SIMPLIFY_DEGREES, preserve_topology=True).wkt


class SmartTehranProfile(RDFProfile):
    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: URIRef) -> None:
        g = self.g
        self._languages(dataset_dict, dataset_ref)
        for code in _codes(dataset_dict.get("smart_dimension")):
            g.add((dataset_ref, DCAT.theme, skos.concept_uri("dimensions", code)))
        for code in _codes(dataset_dict.get("smart_goal")):
            g.add((dataset_ref, DCT.subject, skos.concept_uri("goals", code)))
        self._places(dataset_dict, dataset_ref)
        self._access(dataset_dict, dataset_ref)
        frequency = vocabularies.frequency(dataset_dict.get("update_frequency") or "")
        if frequency:
            g.remove((dataset_ref, DCT.accrualPeriodicity, None))
            g.add((dataset_ref, DCT.accrualPeriodicity, URIRef(frequency["uri"])))
        self._contact(dataset_dict, dataset_ref)
        self._keywords_with_language(dataset_ref)
        self._distributions(dataset_dict)

    def graph_from_catalog(self, catalog_dict: dict[str, Any], catalog_ref: URIRef) -> None:
        self.g.add((catalog_ref, DCAT.themeTaxonomy, skos.scheme_uri("dimensions")))
        self.g.add((skos.scheme_uri("dimensions"), RDF.type, SKOS.ConceptScheme))
        # The base profile writes the locale ("fa_IR") as a literal; the catalog speaks
        # Persian and English, named like the datasets' language (EU authority URIs).
        self.g.remove((catalog_ref, DCT.language, None))
        for code in ("FAS", "ENG"):
            self.g.add((catalog_ref, DCT.language, URIRef(LANGUAGE + code)))

    def _distributions(self, d: dict[str, Any]) -> None:
        """The dataset's licence on each distribution, and an upload's download URL."""
        g = self.g
        licence = d.get("license_url")
        for res in d.get("resources") or []:
            dist = CleanedURIRef(resource_uri(res))
            if (dist, RDF.type, DCAT.Distribution) not in g:
                continue  # withheld (a restricted dataset)
            if licence and (dist, DCT.license, None) not in g:
                g.add((dist, DCT.license, URIRef(licence)))
                g.add((URIRef(licence), RDF.type, DCT.LicenseDocument))
            uploaded = res.get("url_type") == "upload" and res.get("url")
            if uploaded and (dist, DCAT.downloadURL, None) not in g:
                g.add((dist, DCAT.downloadURL, URIRef(res["url"])))
            self._format(dist, res)

    def _format(self, dist: URIRef, res: dict[str, Any]) -> None:
        """dct:format as an EU file-type URI and dcat:mediaType as an IANA URI, in place of
        the base profile's literals, for the formats we know."""
        known = FORMATS.get(str(res.get("format") or "").strip().upper().lstrip("."))
        if not known:
            return
        g = self.g
        file_type, media_type = known
        g.remove((dist, DCT["format"], None))
        g.add((dist, DCT["format"], URIRef(FILE_TYPE + file_type)))
        g.add((URIRef(FILE_TYPE + file_type), RDF.type, DCT.MediaTypeOrExtent))
        if media_type:
            g.remove((dist, DCAT.mediaType, None))
            g.add((dist, DCAT.mediaType, URIRef(MEDIA_TYPE + media_type)))
            g.add((URIRef(MEDIA_TYPE + media_type), RDF.type, DCT.MediaType))

    def _keywords_with_language(self, ref: URIRef) -> None:
        """dcat:keyword literals tagged @fa (Persian letters) or @en (the rest)."""
        g = self.g
        for keyword in list(g.objects(ref, DCAT.keyword)):
            if isinstance(keyword, Literal) and not keyword.language:
                g.remove((ref, DCAT.keyword, keyword))
                lang = "fa" if _PERSIAN_LETTER.search(str(keyword)) else "en"
                g.add((ref, DCAT.keyword, Literal(str(keyword), lang=lang)))

    def _languages(self, d: dict[str, Any], ref: URIRef) -> None:
        g = self.g
        for key, key_en, predicate in (("title", "title_en", DCT.title), ("notes", "notes_en", DCT.description)):
            if not d.get(key):
                continue
            g.remove((ref, predicate, None))
            g.add((ref, predicate, Literal(d[key], lang="fa")))
            if d.get(key_en):
                g.add((ref, predicate, Literal(d[key_en], lang="en")))
        g.add((ref, DCT.language, URIRef(LANGUAGE + "FAS")))

    def _places(self, d: dict[str, Any], ref: URIRef) -> None:
        base = skos.base_uri()
        places = [
            (URIRef(f"{base}/district/{c}"), gazetteer.district(c)) for c in _codes(d.get("district"))
            if c != "citywide"
        ] + [
            (URIRef(f"{base}/neighborhood/{c}"), gazetteer.neighborhood(c)) for c in _codes(d.get("neighborhood"))
        ]
        for uri, place in places:
            if not place:
                continue
            self.g.add((ref, DCT.spatial, uri))
            self.g.add((uri, RDF.type, DCT.Location))
            self.g.add((uri, SKOS.prefLabel, Literal(place["name_fa"], lang="fa")))
            self.g.add((uri, SKOS.prefLabel, Literal(place["name_en"], lang="en")))
            if place.get("geometry"):
                self.g.add((uri, LOCN.geometry, Literal(_wkt(place["geometry"]), datatype=GSP_WKT)))

    def _access(self, d: dict[str, Any], ref: URIRef) -> None:
        g = self.g
        g.remove((ref, DCT.accessRights, None))
        if not access.is_restricted(d):
            g.add((ref, DCT.accessRights, URIRef(ACCESS_RIGHT + "PUBLIC")))
            return
        g.add((ref, DCT.accessRights, URIRef(ACCESS_RIGHT + "RESTRICTED")))
        for dist in list(g.objects(ref, DCAT.distribution)):
            for triple in list(g.triples((dist, None, None))):
                g.remove(triple)
            g.remove((ref, DCAT.distribution, dist))
        reason = access.reason(d.get("access_reason"))
        statement = BNode()
        g.add((ref, DCT.rights, statement))
        g.add((statement, RDF.type, DCT.RightsStatement))
        if reason:
            g.add((statement, DCT.references, skos.concept_uri("access_reasons", reason["code"])))
            for lang in ("fa", "en"):
                g.add((statement, RDFS.label, Literal(reason[lang], lang=lang)))
        if d.get("access_review_date"):
            g.add((statement, DCT.valid, Literal(d["access_review_date"], datatype=XSD.date)))

    def _contact(self, d: dict[str, Any], ref: URIRef) -> None:
        name, email = d.get("contact_name"), d.get("contact_email")
        if not (name or email):
            return
        g = self.g
        for existing in list(g.objects(ref, DCAT.contactPoint)):
            for triple in list(g.triples((existing, None, None))):
                g.remove(triple)
        g.remove((ref, DCAT.contactPoint, None))
        contact = BNode()
        g.add((ref, DCAT.contactPoint, contact))
        g.add((contact, RDF.type, VCARD.Organization))
        if name:
            g.add((contact, VCARD.fn, Literal(name, lang="fa")))
        if email:
            g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
