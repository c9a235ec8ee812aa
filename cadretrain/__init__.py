"""cadretrain: plan, check and document cadre education and training (干部教育培训)."""

import os as _os

# openpyxl serialises through lxml when lxml is installed (python-docx brings it) and through
# the standard library otherwise, and the two give different bytes. The standard library
# always, so that a workbook's bytes do not depend on what else is installed (set before
# anything imports openpyxl; OPENPYXL_LXML=True in the environment still chooses lxml).
_os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"
