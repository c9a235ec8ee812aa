"""Writing a user's text back into YAML (``new --from``, ``import``): plain where it reads back
as the same text, else double-quoted, never bent."""

from __future__ import annotations

import json
import re

import yaml
from yaml.nodes import MappingNode, ScalarNode


def yaml_scalar(value: str, risky: re.Pattern[str]) -> str:
    """``value`` as a YAML scalar: plain when it has none of the ``risky`` characters and a
    YAML loader reads it back as the same plain text, else double-quoted (JSON is YAML)."""
    if value and not risky.search(value):
        try:
            read = yaml.compose(f"k: {value}\n", Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            read = None
        if isinstance(read, MappingNode) and len(read.value) == 1:
            inner = read.value[0][1]
            if isinstance(inner, ScalarNode) and not inner.style and inner.value == value:
                return value  # the loader reads scalars by the kind it expects, never as YAML 1.1
    return json.dumps(value, ensure_ascii=False)
