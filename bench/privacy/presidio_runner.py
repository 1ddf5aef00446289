"""Time Microsoft Presidio's AnalyzerEngine on a text sample (run by bench_throughput).

Runs under an interpreter that has ``presidio-analyzer`` (a separate venv: its
dependencies would upgrade packages CKAN pins). The NLP engine is Presidio's
``NoOpNlpEngine`` (no spaCy model download); the recognizers are
``PatternRecognizer``s for the same types with plain regexes and context words.

    python presidio_runner.py SAMPLE.csv  ->  {"mb_per_s": ..., "results": ...}
"""

from __future__ import annotations

import json
import sys
import time

from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine

D = "[0-9\u06f0-\u06f9\u0660-\u0669]"
PATTERNS = {
    "NATIONAL_ID": (rf"(?<!{D}){D}{{10}}(?!{D})", ["کد ملی", "national"]),
    "LEGAL_ENTITY_ID": (rf"(?<!{D})1{D}{{10}}(?!{D})", ["شناسه ملی"]),
    "PHONE_MOBILE": (
        rf"(?:\+98|0098|0|۰)9{D}{{9}}|(?:0|۰)9{D}{{2}}[ -]?{D}{{3}}[ -]?{D}{{4}}",
        ["تلفن", "همراه", "mobile"],
    ),
    "PHONE_LANDLINE": (rf"0{D}{{2}}[ -]?{D}{{8}}", ["تلفن", "phone"]),
    "POSTAL_CODE": (rf"{D}{{5}}-?{D}{{5}}", ["کد پستی", "postal"]),
    "BANK_CARD": (rf"{D}{{4}}[ -]?{D}{{4}}[ -]?{D}{{4}}[ -]?{D}{{4}}", ["کارت", "card"]),
    "IBAN": (rf"IR{D}{{24}}", ["شبا", "iban"]),
    "LICENSE_PLATE": (rf"{D}{{2}} ?[\u0600-\u06ff] ?{D}{{3}} ?(?:ایران)? ?{D}{{2}}", ["پلاک"]),
    "EMAIL": (r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", ["ایمیل", "email"]),
    "GPS": (rf"{D}{{2}}\.{D}{{4,}}, ?{D}{{2}}\.{D}{{4,}}", ["موقعیت", "lat"]),
}


def build() -> AnalyzerEngine:
    engine = NoOpNlpEngine(models=[{"lang_code": "fa", "model_name": "none"}])
    registry = RecognizerRegistry(supported_languages=["fa"])
    for entity, (regex, context) in PATTERNS.items():
        registry.add_recognizer(
            PatternRecognizer(
                supported_entity=entity,
                patterns=[Pattern(entity.lower(), regex, 0.5)],
                context=context,
                supported_language="fa",
            )
        )
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["fa"])


def main() -> None:
    path = sys.argv[1]
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    size = sum(len(line.encode()) + 1 for line in lines)
    analyzer = build()
    t0 = time.process_time()
    found = 0
    # One call per 200 lines: Presidio analyses one text per call.
    for i in range(0, len(lines), 200):
        found += len(analyzer.analyze("\n".join(lines[i : i + 200]), language="fa"))
    elapsed = time.process_time() - t0
    print(
        json.dumps(
            {"mb_per_s": size / 1e6 / elapsed, "seconds": elapsed, "results": found, "bytes": size}
        )
    )


if __name__ == "__main__":
    main()
