"""The model of each data file, put together from the declaration: the edition's and the redirects'
files have models of their own; every other file holds, under its keys, the collections declared in it
(a file of one item per file, such as pages/*.yml, is the item's model)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import create_model

from ..model.edition import EditionFile, RedirectsFile
from ..model.fields import Strict, Text, listing
from .declaration import EDITION_FILE, REDIRECTS_FILE, Declaration, item_model


def file_models(declaration: Declaration) -> dict[str, type[Strict]]:
    """The model of each data file: its top-level keys hold the collections declared in it."""
    models: dict[str, type[Strict]] = {EDITION_FILE: EditionFile, REDIRECTS_FILE: RedirectsFile}
    keys: dict[str, dict[str, Any]] = {}
    for spec in declaration.collections:
        if spec.within or spec.file in models:
            continue
        model = item_model(spec)
        if "*" in spec.file:
            models[spec.file] = model
        else:
            text = spec.description or Text(ja=spec.name, en=spec.name)
            keys.setdefault(spec.file, {})[spec.key] = (list[model], listing(text.en or text.ja, text.ja))
    for file, fields in keys.items():
        name = "".join(part.capitalize() for part in re.split(r"[^a-z0-9]+", file.removesuffix(".yml"))) + "File"
        label = {"json_schema_extra": {"label": {"ja": f"data/{file} の内容", "en": f"What data/{file} holds"}}}
        models[file] = create_model(name, __base__=Strict, __cls_kwargs__=label, **fields)
    return models
