"""The models a collection in data/collections.yml may name (``model: Term``): the engine's, and those of
the briefing's domain (model/domain.py). Made for each briefing, so that nothing of one briefing's domain is
left in the engine for the next."""

from __future__ import annotations

from .domain import Domain
from .edition import ReadingPart, SourceSection
from .fields import Strict
from .glossary import Correction, Term
from .pages import GLOSSARY, narrative_page


def models_of(domain: Domain, glossary: str = GLOSSARY) -> dict[str, type[Strict]]:
    """Model name → model: the engine's and the domain's; a page's blocks are the engine's and the domain's,
    and its ``terms`` name the items of the collection ``glossary``."""
    page = narrative_page(domain.blocks, glossary)
    engine = (SourceSection, ReadingPart, page, Term, Correction)
    models = {model.__name__: model for model in engine[:2]}
    models |= {model.__name__: model for model in domain.models}
    models |= {model.__name__: model for model in engine[2:]}
    return models
