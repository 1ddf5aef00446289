"""The transparency policy as catalog behaviour.

- ``access``: the access classification (public / restricted with a legal reason and a
  review date), the open-licence rule, and hiding a restricted dataset's resources from
  everyone who cannot edit it (pages, API, search index, search results).
- ``overdue``: the next expected update from the update frequency's ISO 8601 duration.
- ``scores``: metadata completeness per dataset and 5-star openness per resource.
- ``stats``: the dashboard's numbers, computed from anonymous ``package_search`` facets.
"""
