"""Files as Iran produces them, and broken ones: a clear error, nothing published, upload kept."""

from __future__ import annotations

import io
import os
import zipfile

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from ckanext.smarttehran import config
from tests.screening.conftest import MOBILE_MASKED, PII_CSV, upload


def _kept(sid: str) -> bool:
    return os.path.exists(os.path.join(config.privacy_quarantine_path(), sid[:2], sid))


def _create(publisher, data: bytes, filename: str):
    return call_action("resource_create", dict(publisher["context"]),
                       package_id=publisher["dataset"]["id"], upload=upload(data, filename))


@pytest.mark.parametrize(
    "encoded",
    [
        PII_CSV.encode("utf-8"),
        b"\xef\xbb\xbf" + PII_CSV.encode("utf-8"),
        PII_CSV.encode("utf-16"),
        PII_CSV.replace("ی", "ي").replace("ک", "ك").encode("cp1256"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "windows-1256"],
)
def test_every_encoding_is_read_and_blocked(publisher, encoded):
    """UTF-8, UTF-8 with BOM, UTF-16 and Windows-1256 files with mobiles are all blocked."""
    with pytest.raises(tk.ValidationError) as err:
        _create(publisher, encoded, "people.csv")
    assert MOBILE_MASKED in err.value.error_dict["upload"][0]
    assert _kept(err.value.error_dict["privacy_screening_id"][0])


def test_xlsx_zip_bomb_is_refused_with_a_clear_error(publisher):
    """An .xlsx whose sheet inflates enormously: bilingual error, no resource, upload kept."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    with pytest.raises(tk.ValidationError) as err:
        _create(publisher, buf.getvalue(), "bomb.xlsx")
    message = err.value.error_dict["upload"][0]
    assert " / " in message and "not published" in message
    sid = err.value.error_dict["privacy_screening_id"][0]
    assert call_action("smarttehran_privacy_report_show", id=sid)["status"] == "error"
    assert _kept(sid)
    assert call_action("package_show", id=publisher["dataset"]["id"])["resources"] == []


def test_malformed_csv_and_an_enormous_line_still_find_the_mobile(publisher):
    """Unbalanced quotes and a 3 MB line do not hide a mobile column from the screening."""
    data = PII_CSV + '"broken,quote\n' + "x" * (3 << 20) + "\n"
    with pytest.raises(tk.ValidationError) as err:
        _create(publisher, data.encode(), "people.csv")
    assert "PHONE_MOBILE" in err.value.error_dict["upload"][0]


def test_binary_file_is_not_published(publisher):
    """A binary file that is not a known format cannot be screened: error, kept, not published."""
    with pytest.raises(tk.ValidationError) as err:
        _create(publisher, b"\x00\x01\x02" * 1000, "data.bin")
    sid = err.value.error_dict["privacy_screening_id"][0]
    assert call_action("smarttehran_privacy_report_show", id=sid)["status"] == "error"
    assert _kept(sid)
