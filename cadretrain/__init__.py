"""cadretrain: plan, check and document cadre education and training (干部教育培训)."""

__version__ = "0.1.0"
