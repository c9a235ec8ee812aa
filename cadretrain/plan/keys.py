"""Declaring a key of the plan format once: on the model attribute it fills.

Every key of every section of the plan is a field of a model dataclass whose metadata is
made by :func:`key`::

    planned: int | None = field(default=None, metadata=key("int", "规划人数"))

The field's metadata carries what the format says about the key (its kind, the Chinese
description, whether the plan must write it, the allowed values); the dataclass default is
the value when the plan leaves the key out. ``schema.SECTIONS`` (unknown, required and
mistyped keys; ``cadretrain schema``; the key tables of ``docs/计划格式.md``) and the loader's
builder both read these declarations, so adding a key is adding one field.

Kinds: ``str``, ``text`` (long text), ``int``, ``number``, ``year``, ``bool``, ``date``,
``enum`` (with ``choices``), ``when``, ``id``, ``ref``, ``counts``, ``weights``, ``modules``,
``eligibility``, ``sessions``, ``reasons`` (``ignore:``, kept as written for
``plan/ignores.py``), ``list:<kind>``, and the name of a section (a nested mapping,
e.g. ``quota``). ``fields.Reader`` reads each kind; ``schema`` gives each its JSON type.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
YEAR_MIN, YEAR_MAX = 1900, 2100

_META = "cadretrain.key"


@dataclass(frozen=True)
class Field:
    """What the format says about one key."""

    kind: str
    desc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    zh: str = ""  # the key's Chinese alias (:func:`zh_alias`); "" for a key written in Chinese


@dataclass(frozen=True)
class Key:
    """A declared key and the model attribute it fills."""

    name: str  # as written in the plan
    attr: str  # the dataclass field
    field: Field
    needed: bool  # the field has no default: no object is built without the key
    default: Any  # the field's default (the factory's value), or ``dataclasses.MISSING``


@dataclass(frozen=True)
class Inline:
    """A dataclass whose keys are written in the same mapping as the attribute's owner's
    (``plan.texts``: ``guiding``, ``measures`` … are keys of ``plan:``)."""

    attr: str
    cls: type[Any]


@dataclass(frozen=True)
class _Decl:
    field: Field | None  # None for an inline group
    name: str
    section: str
    inline: type[Any] | None = None


def key(
    kind: str,
    desc: str,
    *,
    required: bool = False,
    choices: tuple[str, ...] = (),
    name: str = "",
    section: str = "",
    zh: str = "",
) -> dict[str, Any]:
    """The metadata that makes a dataclass field the key ``name`` (default: the field's name)::

        planned: int | None = field(default=None, metadata=key("int", "规划人数"))

    ``required`` is what the format requires (CT102, the JSON Schema); whether an object can
    be built without the key is the dataclass's business (a field without default). ``section``
    is needed only on a class that holds keys of more than one section (``Plan``). ``zh`` is
    the key's Chinese alias, needed only where the start of ``desc`` is not a good key
    (:func:`zh_alias`).
    """
    return {_META: _Decl(Field(kind, desc, required, tuple(choices), zh), name, section)}


_DESC_HEAD = re.compile(r"[（(，,：:；;\s]")


def zh_alias(name: str, field: Field) -> str:
    """The Chinese key a plan may write instead of ``name``: the declared ``zh``, else the
    description up to its first bracket, comma, colon or space (``培训对象（原文）`` →
    ``培训对象``), a reference's ``代号`` left off (``授课教师代号`` → ``授课教师``); "" for a key
    already written in Chinese (``脱产``)."""
    if not name.isascii():
        return ""
    if field.zh:
        return field.zh
    head = _DESC_HEAD.split(field.desc, maxsplit=1)[0]
    if field.kind in ("ref", "list:ref") and head.endswith("代号") and len(head) > 2:
        head = head.removesuffix("代号")
    return head


def inline(cls: type[Any], *, section: str = "") -> dict[str, Any]:
    """The metadata of a field holding ``cls``, whose keys are written in the mapping of the
    field's own class (``texts: PlanTexts``: ``guiding`` … are keys of ``plan:``)."""
    return {_META: _Decl(None, "", section, cls)}


_DECLARATIONS: dict[tuple[type[Any], str], tuple[Key | Inline, ...]] = {}
_KEYS: dict[tuple[type[Any], str], tuple[Key, ...]] = {}


def declarations(cls: type[Any], section: str = "") -> tuple[Key | Inline, ...]:
    """The keys ``cls`` declares for ``section``, in order, inline groups not yet opened."""
    known = _DECLARATIONS.get((cls, section))
    if known is not None:
        return known
    out: list[Key | Inline] = []
    for f in dataclasses.fields(cls):
        decl = f.metadata.get(_META)
        if not isinstance(decl, _Decl) or decl.section != section:
            continue
        if decl.inline is not None:
            out.append(Inline(f.name, decl.inline))
            continue
        assert decl.field is not None
        factory = f.default_factory
        default = factory() if callable(factory) else f.default
        needed = default is dataclasses.MISSING
        name = decl.name or f.name
        fld = dataclasses.replace(decl.field, zh=zh_alias(name, decl.field))
        out.append(Key(name, f.name, fld, needed, default))
    _DECLARATIONS[cls, section] = tuple(out)
    return _DECLARATIONS[cls, section]


def keys(cls: type[Any], section: str = "") -> tuple[Key, ...]:
    """Every key of ``section`` that ``cls`` declares, inline groups opened in place."""
    if (cls, section) not in _KEYS:
        out: list[Key] = []
        for decl in declarations(cls, section):
            out += keys(decl.cls) if isinstance(decl, Inline) else [decl]
        _KEYS[cls, section] = tuple(out)
    return _KEYS[cls, section]
