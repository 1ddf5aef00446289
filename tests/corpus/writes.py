"""The corpus's writes that are not files (issue 11: fields never screened, DataStore keys,
one normalisation for metadata, DataStore writes, requests and comments).

Each family is a personal write and its clean twin of the same shape. ``kind`` says what
the write goes to; ``test_live_writes`` fills in the ids and runs it as the user an
attacker would be (an editor, an organisation's admin, any logged-in user).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from tests.corpus.generator import PUBLISHED, REFUSED, SEED
from tests.corpus.synth import Synth, grouped, in_script


@dataclass(frozen=True)
class Write:
    family: str
    twin: str
    kind: str  # dataset, resource, view, organization, group, user, datastore, request, rating
    data: dict[str, Any] = field(hash=False)
    expect: str
    values: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.family}/{self.twin}"


def _pair(family: str, kind: str, personal: dict[str, Any], clean: dict[str, Any],
          values: tuple[str, ...]) -> list[Write]:
    return [Write(family, "personal", kind, personal, REFUSED, values),
            Write(family, "clean", kind, clean, PUBLISHED)]


@functools.cache
def writes() -> tuple[Write, ...]:
    """Every write family, the same on every run."""
    s = Synth(SEED + 1)
    out: list[Write] = []
    # Dataset fields that were never screened.
    for name, clean in (("author", "دفتر آمار و اطلاعات"), ("maintainer", "معاونت برنامه‌ریزی"),
                        ("version", "1.2"), ("contact_name", "روابط عمومی منطقه 3")):
        mobile = s.mobile()
        out += _pair(f"dataset-{name}", "dataset", {name: f"{s.name()} {mobile}"}, {name: clean}, (mobile,))
    mobile = s.mobile()
    out += _pair("dataset-url-query", "dataset", {"url": f"https://example.com/form?tel={mobile}"},
                 {"url": "https://example.com/data/parks?year=1402"}, (mobile,))
    nid = s.national_id()
    out += _pair("dataset-extra-key", "dataset",
                 {"extras": [{"key": f"کد ملی {nid}", "value": "ثبت شد"}]},
                 {"extras": [{"key": "منبع", "value": "سامانه آمار"}]}, (nid,))
    mobile = s.mobile()
    out += _pair("dataset-notes-split-lrm", "dataset",
                 {"notes": f"برای هماهنگی با {grouped(mobile, 'mobile', chr(0x200E))} تماس بگیرید"},
                 {"notes": f"این مجموعه {grouped('1250', 'mobile', chr(0x200E))[:6]} ردیف دارد"}, (mobile,))
    card = s.card()
    out += _pair("dataset-title-fullwidth", "dataset",
                 {"title_en": f"Refunds to card {in_script(card, 'fullwidth')}"},
                 {"title_en": f"Refunds in district {in_script('12', 'fullwidth')}"}, (card,))
    # Resource fields.
    for name, clean in (("name_en", "Parks of district 3"), ("format", "CSV")):
        mobile = s.mobile()
        out += _pair(f"resource-{name}", "resource", {name: f"contact {mobile}"}, {name: clean}, (mobile,))
    iban = s.iban()
    out += _pair("resource-extra-key", "resource", {"contact_sheba": iban}, {"source_unit": "معاونت فنی"},
                 (iban,))
    # A resource view's title and description.
    mobile, nid = s.mobile(), s.national_id()
    out += _pair("view-title-description", "view",
                 {"title": f"جدول {mobile}", "description": f"کد ملی متقاضی {nid}"},
                 {"title": "جدول پارک‌ها", "description": "نمای جدول داده"}, (mobile, nid))
    # Organisation and group text (copied into every activity record of their datasets).
    mobile = s.mobile()
    out += _pair("organization-description", "organization",
                 {"description": f"مسئول: {s.name()} همراه {mobile}"},
                 {"description": "معاونت خدمات شهری منطقه ۳"}, (mobile,))
    mobile = s.mobile()
    out += _pair("group-title-description", "group",
                 {"title": f"گروه {mobile}", "description": f"تماس {mobile}"},
                 {"title": "محیط زیست", "description": "داده‌های محیط زیست شهری"}, (mobile,))
    # A user's own profile.
    mobile = s.mobile()
    out += _pair("user-fullname-about", "user",
                 {"fullname": f"{s.name()} {mobile}", "about": f"شماره همراه من {mobile}"},
                 {"fullname": s.name(), "about": "کارشناس داده"}, (mobile,))
    # DataStore writes.
    mobile = s.mobile()
    out += _pair("datastore-keys-outside-fields", "datastore",
                 {"fields": [{"id": "a"}], "records": [{"a": "1", "contact": mobile}]},
                 {"fields": [{"id": "a"}], "records": [{"a": "1", "b": "پارک"}]}, (mobile,))
    mobile = s.mobile()
    out += _pair("datastore-field-id", "datastore",
                 {"fields": [{"id": "a"}, {"id": mobile, "type": "text"}], "records": [{"a": "1"}]},
                 {"fields": [{"id": "a"}, {"id": "district", "type": "text"}], "records": [{"a": "1"}]}, (mobile,))
    mobiles = [s.mobile() for _ in range(3)]
    out += _pair("datastore-values-split-zwsp", "datastore",
                 {"fields": [{"id": "n"}, {"id": "v"}],
                  "records": [{"n": str(i), "v": grouped(m, "mobile", "\u200b")} for i, m in enumerate(mobiles)]},
                 {"fields": [{"id": "n"}, {"id": "v"}],
                  "records": [{"n": str(i), "v": f"1\u200b25{i}"} for i in range(3)]}, tuple(mobiles))
    nid = s.national_id()
    out += _pair("datastore-field-info", "datastore",
                 {"fields": [{"id": "a", "info": {"label": "کد", "notes": f"نمونه {nid}"}}], "records": [{"a": "1"}]},
                 {"fields": [{"id": "a", "info": {"label": "کد", "notes": "شناسه منطقه"}}], "records": [{"a": "1"}]},
                 (nid,))
    # A value the screening passes but the column's type refuses: CKAN's own error
    # quotes it ("value ... is out of range"); the answer must mask it.
    big = "98765432109876"
    out += _pair("datastore-type-error-masked", "datastore",
                 {"fields": [{"id": "n", "type": "int"}], "records": [{"n": big}]},
                 {"fields": [{"id": "n", "type": "int"}], "records": [{"n": "42"}]}, (big,))
    # What citizens write.
    mobile = s.mobile()
    out += _pair("request-split-zwj", "request",
                 {"title": "درخواست داده", "description": f"با من تماس بگیرید {grouped(mobile, 'mobile', chr(0x200D))}"},
                 {"title": "درخواست داده", "description": "داده پارک‌های منطقه ۳ را منتشر کنید"}, (mobile,))
    mobile = s.mobile()
    out += _pair("rating-comment-persian-digits", "rating",
                 {"comment": f"شماره همسایه {in_script(mobile, 'persian')} است"},
                 {"comment": "داده خوب و به‌روز است"}, (mobile,))
    return tuple(out)
