"""Factories that make datasets valid under our schema."""

from __future__ import annotations

import factory
from ckan.tests import factories


class Dataset(factories.Dataset):
    """A minimal dataset our schema accepts: a dimension, a frequency, an organization."""

    title = factory.Sequence(lambda n: f"داده آزمایشی {n}")
    notes = "توضیحات مجموعه‌داده آزمایشی"
    owner_org = factory.LazyAttribute(lambda _: factories.Organization()["id"])
    smart_dimension = factory.LazyAttribute(lambda _: ["governance"])
    update_frequency = "annual"
