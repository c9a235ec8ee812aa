"""Keys written either way: a key's name or its Chinese alias (``keys.zh_alias``), and the
hints for a key that is neither."""

from __future__ import annotations

from collections.abc import Mapping

from cadretrain.plan.keys import Field
from cadretrain.plan.suggest import did_you_mean

_NAMES: dict[int, tuple[Mapping[str, Field], dict[str, str]]] = {}


def key_names(spec: Mapping[str, Field]) -> dict[str, str]:
    """Every way of writing a key of ``spec`` (its name and its Chinese alias) → its name."""
    known = _NAMES.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    names = {name: name for name in spec}
    names.update({fld.zh: name for name, fld in spec.items() if fld.zh})
    _NAMES[id(spec)] = (spec, names)
    return names


def unknown_key_hint(written: str, spec: Mapping[str, Field]) -> str:
    """Did-you-mean over both languages, else the keys in the language ``written`` is in."""
    close = did_you_mean(written, tuple(key_names(spec)))
    if close:
        return close
    if written.isascii():
        return "可用的键：" + "、".join(spec)
    return "可用的键：" + "、".join(fld.zh or name for name, fld in spec.items())
