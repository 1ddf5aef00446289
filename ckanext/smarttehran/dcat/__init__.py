"""DCAT-AP output: our RDF profile (``smarttehran``) and the SKOS concept schemes it
points at (``/vocabulary/<name>``)."""
