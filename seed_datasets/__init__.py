"""Data folder mapped into ckanext.smarttehran (see setup.py)."""
