"""The smart-city vocabularies as SKOS concept schemes, for ``dcat:theme`` and friends.

A scheme lives at ``<site>/vocabulary/<name>`` and each concept at
``<site>/vocabulary/<name>/<code>``; labels are ``@fa`` and ``@en``.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from ckanext.smarttehran import vocabularies

PUBLISHED = ("dimensions", "axes", "goals", "access_reasons")
LANGS = ("fa", "en")


def base_uri() -> str:
    from ckanext.dcat.utils import catalog_uri

    return catalog_uri().rstrip("/")


def scheme_uri(name: str) -> URIRef:
    return URIRef(f"{base_uri()}/vocabulary/{name}")


def concept_uri(name: str, code: str) -> URIRef:
    return URIRef(f"{base_uri()}/vocabulary/{name}/{code}")


def graph(name: str) -> Graph:
    """The concept scheme ``name`` (one of ``PUBLISHED``) as an rdflib graph."""
    if name not in PUBLISHED:
        raise KeyError(name)
    doc = vocabularies.vocabulary(name)
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dct", DCTERMS)
    scheme = scheme_uri(name)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    for lang in LANGS:
        g.add((scheme, DCTERMS.title, Literal(doc["title"][lang], lang=lang)))
    for item in doc["items"]:
        concept = concept_uri(name, item["code"])
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, scheme))
        g.add((scheme, SKOS.hasTopConcept, concept))
        g.add((concept, SKOS.notation, Literal(item["code"])))
        for lang in LANGS:
            g.add((concept, SKOS.prefLabel, Literal(item[lang], lang=lang)))
        if name == "goals":
            g.add((concept, SKOS.broader, concept_uri("dimensions", item["dimension"])))
    return g
