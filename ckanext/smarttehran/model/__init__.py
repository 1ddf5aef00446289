"""Our own tables (``smarttehran_*``), one module per concern; created by migrations only."""
