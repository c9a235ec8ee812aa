"""cadretrain: plan, check and document cadre education and training (干部教育培训)."""

import os

# openpyxl writes through lxml when lxml is installed (python-docx needs it): other bytes, and
# a carriage return kept in a cell. The xlsx files are the same on every machine, and match the
# output fingerprint, only with openpyxl's own writer; read when openpyxl is first imported.
os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"
