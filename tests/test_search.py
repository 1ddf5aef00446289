"""Search on the real Solr core: our facets, fq on codes, Persian spelling variants,
English titles and bounding-box search."""

from __future__ import annotations

import pytest
from ckan.tests.helpers import call_action

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _names(**params):
    return sorted(r["name"] for r in call_action("package_search", **params)["results"])


class TestFacets:
    def test_one_bucket_per_code_with_counts(self):
        """Facets on our fields give one bucket per code, with the right counts."""
        Dataset(name="a1", smart_dimension=["mobility", "environment"], neighborhood=["601"])
        Dataset(name="a2", smart_dimension=["mobility"], district=["2"])
        Dataset(name="a3", smart_dimension=["governance"], smart_goal=["governance.01"])
        result = call_action(
            "package_search",
            **{"facet.field": ["smart_dimension", "district", "neighborhood", "smart_goal"]},
        )
        counts = {
            field: {i["name"]: i["count"] for i in facet["items"]}
            for field, facet in result["search_facets"].items()
        }
        assert counts["smart_dimension"] == {"mobility": 2, "environment": 1, "governance": 1}
        assert counts["district"] == {"6": 1, "2": 1}
        assert counts["neighborhood"] == {"601": 1}
        assert counts["smart_goal"] == {"governance.01": 1}

    def test_facet_items_carry_persian_labels_and_keep_codes(self):
        """A facet item's name is the code; its display name is the Persian label."""
        Dataset(smart_dimension=["mobility"])
        result = call_action("package_search", **{"facet.field": ["smart_dimension"]})
        (item,) = result["search_facets"]["smart_dimension"]["items"]
        assert item["name"] == "mobility"
        assert item["display_name"] != "mobility"
        assert any("\u0600" <= ch <= "\u06ff" for ch in item["display_name"])

    def test_facet_labels_in_the_api_have_latin_digits(self):
        """A district's label in the API is written with Latin digits (منطقه 6, not ۶)."""
        Dataset(district=["6"])
        result = call_action("package_search", **{"facet.field": ["district"]})
        (item,) = result["search_facets"]["district"]["items"]
        assert "6" in item["display_name"] and "۶" not in item["display_name"]

    def test_fq_filters_on_codes(self):
        """fq on a dimension, a district and a neighbourhood code selects the right datasets."""
        Dataset(name="metro", smart_dimension=["mobility"], neighborhood=["601"])
        Dataset(name="budget", smart_dimension=["governance"], district=["12"])
        assert _names(fq="smart_dimension:mobility") == ["metro"]
        assert _names(fq='district:"6"') == ["metro"]
        assert _names(fq='neighborhood:"601"') == ["metro"]
        assert _names(fq='district:"12" AND smart_dimension:governance') == ["budget"]


class TestPersianText:
    @pytest.fixture
    def catalog(self):
        Dataset(name="books", title="کتاب‌های کتابخانه‌های عمومی", notes="فهرست کتاب‌ها")
        Dataset(name="air", title="کیفیت هوای تهران", notes="شاخص آلودگی هوا در ۲۲ منطقه")
        Dataset(name="traffic", title="آمار ترافیک", notes="حجم خودروها که از تقاطع‌ها می‌گذرد")
        Dataset(name="english", title="بودجه", title_en="Municipal budget", notes="بودجه سالانه",
                notes_en="Approved yearly budget of the municipality")
        Dataset(name="park", title="فهرست بوستان محله", notes="یک بوستان در هر محله")
        Dataset(name="report", title="گزارش سالانه", notes="این گزارش رسمی است")

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("کتابها", "books"),  # ZWNJ omitted
            ("کتاب ها", "books"),  # ZWNJ typed as a space
            ("كتاب", "books"),  # Arabic kaf
            ("كيفيت هواي", "air"),  # Arabic yeh and kaf
            ("منطقه 22", "air"),  # Latin digits against Persian ones
            ("منطقه ٢٢", "air"),  # Arabic-Indic digits
            ("میگذرد", "traffic"),  # می without ZWNJ
            ("می گذرد", "traffic"),  # می with a space
            ("امار ترافیک", "traffic"),  # آ typed as ا
            ("خودرو", "traffic"),  # plural ها stripped
            ("budget", "english"),  # English title
            ("approved", "english"),  # English description
            ("بوستان‌ها", "park"),  # a plural query finds a singular-only text
            ("بوستانها", "park"),
        ],
    )
    def test_spelling_variants_find_the_same_dataset(self, catalog, query, expected):
        """A query in another spelling finds the dataset written the standard way."""
        assert expected in _names(q=query)

    def test_singular_words_ending_like_a_plural_keep_their_meaning(self, catalog):
        """استان (province) is not stemmed to است (is): it does not match every sentence."""
        assert "report" not in _names(q="استان")
        assert _names(q="بوستان") == ["park"]

    def test_labels_of_places_are_searchable(self, catalog):
        """A dataset tagged with a neighbourhood is found by the neighbourhood's name."""
        from ckanext.smarttehran import gazetteer

        Dataset(name="tagged", neighborhood=["601"])
        name = gazetteer.neighborhood("601")["name_fa"]
        assert "tagged" in _names(q=name)


class TestSpatialSearch:
    def test_bbox_finds_datasets_with_derived_extent(self):
        """A dataset whose extent was derived from its neighbourhood is found by a bbox around it."""
        from ckanext.smarttehran import gazetteer

        Dataset(name="inside", neighborhood=["601"])
        Dataset(name="elsewhere", neighborhood=["2201"] if gazetteer.neighborhood("2201") else
                [gazetteer.neighborhoods(22)[0]["code"]])
        minx, miny, maxx, maxy = gazetteer.neighborhood("601")["bbox"]
        pad = 0.002  # a map view a little larger than the neighbourhood
        bbox = f"{minx - pad},{miny - pad},{maxx + pad},{maxy + pad}"
        assert _names(extras={"ext_bbox": bbox}) == ["inside"]


def _ranked(**params):
    return [r["name"] for r in call_action("package_search", **params)["results"]]


class TestHowPeopleAsk:
    """Issue 17: everyday words, English, Finglish, spoken forms and a word too many
    find the dataset written in the catalog's words (thesaurus, analyser, relaxed mm)."""

    @pytest.fixture
    def catalog(self):
        Dataset(name="clinics", title="مراکز درمانی شهرداری", notes="نشانی مراکز درمانی")
        Dataset(name="kids", title="فضاهای بازی کودکان", notes="زمین بازی کودک در بوستان")
        Dataset(name="vehicles", title="شمارش خودرو در تقاطع", notes="تعداد خودرو در ساعت",
                district=["6"])
        Dataset(name="rent", title="میانه اجاره‌بها به تفکیک محله", notes="اجاره‌بهای ماهانه")
        Dataset(name="waste", title="پسماند جمع‌آوری‌شده", notes="تن پسماند در هر منطقه",
                title_en="Waste collected")
        Dataset(name="metro", title="ایستگاه‌های مترو", notes="خطوط مترو تهران")
        Dataset(name="payroll", title="فهرست حقوق کارکنان", notes="حقوق و مزایا")
        Dataset(name="traffic", title="حجم ترافیک", notes="ترافیک ساعتی")
        Dataset(name="library", title="کتابخانه‌های عمومی", notes="نشانی کتابخانه‌ها")
        Dataset(name="streets", title="فهرست خیابان‌های شهر", notes="نام خیابان")
        Dataset(name="parks", title="بوستان‌های شهر", notes="مساحت بوستان")

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("بیمارستان", "clinics"),  # everyday word for the official term
            ("بچه", "kids"),
            ("ماشین", "vehicles"),
            ("کرایه", "rent"),
            ("زباله", "waste"),  # Persian synonym
            ("rubbish", "waste"),  # English, the dataset's English title says waste
            ("underground", "metro"),
            ("salary", "payroll"),
            ("tarafik", "traffic"),  # Finglish
            ("ketabkhane", "library"),
            ("کتابخونه", "library"),  # spoken spelling
            ("کتاب خانه", "library"),  # compound split by a space
            ("خیابونا", "streets"),  # spoken plural
            ("پارکا", "parks"),  # colloquial plural of a synonym
            ("ماشین ها", "vehicles"),  # a typed plural of a synonym
        ],
    )
    def test_finds_the_catalogs_words(self, catalog, query, expected):
        """The query finds the dataset that says it in other words, and ranks it first."""
        assert _ranked(q=query)[0] == expected

    def test_a_word_too_many_still_finds(self, catalog):
        """A topic and a word the metadata does not use (2 words: one is enough)."""
        assert _ranked(q="ترافیک امروز")[0] == "traffic"

    def test_all_words_rank_first(self, catalog):
        """Of two datasets about cars, the one with both words comes first; the other is listed."""
        Dataset(name="cars-elsewhere", title="خودروهای برقی", notes="خودرو")
        names = _ranked(q="خودرو تقاطع")
        assert names[0] == "vehicles" and "cars-elsewhere" in names

    def test_function_words_do_not_count(self, catalog):
        """'از' in "حقوق از شهرداری" is not one of the words that must match."""
        assert _ranked(q="حقوق از کارکنان")[0] == "payroll"

    def test_title_weighs_more_than_notes(self):
        """The dataset with the word in its title ranks above one with it in its notes."""
        Dataset(name="in-notes", title="گزارش سالانه", notes="بودجه و بودجه و هزینه بودجه")
        Dataset(name="in-title", title="بودجه شهرداری", notes="جدول سالانه")
        assert _ranked(q="بودجه") == ["in-title", "in-notes"]

    def test_places_weigh_more_than_notes(self):
        """A dataset of a neighbourhood ranks above one that only names it in its notes."""
        from ckanext.smarttehran import gazetteer

        name = gazetteer.neighborhood("601")["name_fa"]
        Dataset(name="mentions", title="گزارش", notes=f"یک بار از {name} گذشتیم")
        Dataset(name="located", title="گزارش", notes="گزارش محله", neighborhood=["601"])
        assert _ranked(q=name)[0] == "located"

    def test_fielded_and_empty_queries_keep_ckans_parser(self, catalog):
        """q with a field (name:metro) and no q at all behave as in CKAN."""
        assert _ranked(q="name:metro") == ["metro"]
        assert len(_ranked(rows=100)) == 11

    def test_braces_in_a_query_are_not_solr_syntax(self, catalog):
        """Braces typed in a query cannot open local parameters: no error, words still match."""
        assert _ranked(q="{!lucene}مترو}")[0] == "metro"
