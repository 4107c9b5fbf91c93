"""A briefing's own Python (its domain, templates/domain/): the engine loads it from there only, by its path,
under a name of the project's own; its models and its messages are the briefing's; a mistake in it is said
at its line; and two briefings' domains never meet, however alike their modules are named."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from base import SMALL_BRIEFING as FILES
from base import article, build, run, text_of, write_briefing
from briefing.load.domain import load_domain

# A domain for the small briefing: a venue whose capacity must hold its largest event.
DOMAIN = {
    "templates/domain/__init__.py": '''
        """The small briefing's domain: its venues."""
        from briefing.model.domain import Domain

        from .models import Venue
        from .messages import MESSAGES

        DOMAIN = Domain(models=(Venue,), messages=MESSAGES, key_labels={"capacity": ("Capacity", "収容人数")})
        ''',
    "templates/domain/messages.py": """
        from pathlib import Path

        from briefing.messages import Catalogue

        MESSAGES = Catalogue(Path(__file__).parent.parent / "messages")
        """,
    "templates/domain/models.py": """
        from briefing.model.fields import ID_DOC, Count, Entry, Id, Name, doc

        from .messages import MESSAGES


        class Venue(Entry, json_schema_extra={"label": {"ja": "会場", "en": "A venue"}}):
            id: Id = doc(*ID_DOC)
            name: Name = doc("The venue's name.", "会場の名称。")
            capacity: Count = doc("How many people it holds.", "収容人数。", ge=0)
            largest: Count = doc("Its largest event's attendance.", "最大の行事の参加者数。", ge=0)

            def problems(self, data):
                if self.largest > self.capacity:
                    yield ("largest",), MESSAGES.message("too_small", capacity=self.capacity)
        """,
    "templates/messages/en.yml": 'capacity:\n  too_small: "more than the venue holds ({capacity})"\n',
    "templates/messages/ja.yml": 'capacity:\n  too_small: "会場の収容人数（{capacity}）を超えています"\n',
    # (its group of messages, capacity, has its section in the editor's guide)
    "templates/strings/en.yml": FILES["templates/strings/en.yml"]
    + "guide_rule_capacity_title: Capacity\nguide_rule_capacity: A venue holds its largest event.\n",
    "templates/strings/ja.yml": FILES["templates/strings/ja.yml"]
    + "guide_rule_capacity_title: 収容人数\nguide_rule_capacity: 会場は最大の行事の参加者を収容できます。\n",
    "data/venues.yml": """
        venues:
          - {id: main, name: {ja: 本館, en: Main building}, capacity: 100, largest: 250}
        """,
}
VENUES = """
  - id: venues
    name: venue
    file: venues.yml
    key: venues
    model: Venue
"""


def _with_domain(folder: Path, changes: dict[str, str] | None = None) -> Path:
    declared = FILES["data/collections.yml"].replace(
        "        collections:\n", "        collections:\n" + VENUES.replace("\n  ", "\n          ")
    )
    return write_briefing(folder, {**DOMAIN, "data/collections.yml": declared, **(changes or {})})


def test_its_models_are_checked_and_its_messages_said_in_the_editors_language(tmp_path, monkeypatch):
    project = _with_domain(tmp_path / "briefing")
    said = {}
    for lang in ("en", "ja"):
        monkeypatch.setenv("BRIEFING_LANG", lang)
        result = run("check", project=project)
        assert result.code == 1
        said[lang] = result.err
    assert "data/venues.yml:2:75: main › largest: more than the venue holds (100)" in said["en"]
    assert "data/venues.yml:2:75: main › largest: 会場の収容人数（100）を超えています" in said["ja"]


def test_a_mistake_in_its_code_is_said_at_its_line(tmp_path):
    broken = DOMAIN["templates/domain/models.py"].replace("capacity: Count", "capacity: Count =")
    project = _with_domain(tmp_path / "briefing", {"templates/domain/models.py": broken})
    result = run("check", project=project)
    assert result.code == 1
    said = "templates/domain/models.py:9:23: the briefing's Python (its domain) cannot be loaded: SyntaxError: invalid"
    assert said in result.err
    assert "Traceback" not in result.err


def test_two_briefings_domains_never_meet(tmp_path):
    first = _with_domain(tmp_path / "first")
    other_models = (
        DOMAIN["templates/domain/models.py"]
        .replace("largest: Count", "biggest: Count")
        .replace("self.largest", "self.biggest")
    )
    second = _with_domain(tmp_path / "second", {"templates/domain/models.py": other_models})
    path_before = list(sys.path)
    one, two = load_domain(first), load_domain(second)
    assert sys.path == path_before  # loaded by path, never by changing where Python looks
    (venue_one,), (venue_two,) = one.models, two.models
    assert venue_one is not venue_two and venue_one.__module__ != venue_two.__module__
    assert "largest" in venue_one.model_fields and "biggest" in venue_two.model_fields
    assert load_domain(first).models == (venue_one,)  # the same files: the same domain, not loaded again
    assert not any(name in sys.modules for name in ("models", "messages", "domain"))


def test_it_adds_names_to_the_templates_but_never_replaces_the_engines(tmp_path):
    init = DOMAIN["templates/domain/__init__.py"].replace(
        "key_labels=", 'template_names=lambda renderer: TemplateNames(filters={"t": str}), key_labels='
    )
    init = init.replace("import Domain", "import Domain, TemplateNames")
    venues = DOMAIN["data/venues.yml"].replace("largest: 250", "largest: 50")
    project = _with_domain(tmp_path / "briefing", {"templates/domain/__init__.py": init, "data/venues.yml": venues})
    result = run("build", "--no-pdf", "--out", str(tmp_path / "site"), project=project)
    assert result.code == 1
    said = "templates/domain/__init__.py:1:1: the briefing's domain names a filter, test or function the engine's"
    assert said in result.err and "templates already use: t;" in result.err


def test_a_change_to_its_code_makes_the_pages_again(tmp_path):
    """The pages a domain's code shapes are made again when the code changes: the same as a build from nothing."""
    venues = DOMAIN["data/venues.yml"].replace("largest: 250", "largest: 50")
    declared = VENUES + "    pages: venues\n    title: {ja: 会場, en: Venues}\n"
    project = _with_domain(tmp_path / "briefing", {"data/venues.yml": venues})
    collections = project / "data" / "collections.yml"
    collections.write_text(collections.read_text(encoding="utf-8").replace(VENUES.lstrip("\n"), declared.lstrip("\n")))
    build(project, project / "site")
    init = project / "templates" / "domain" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace('("Capacity", "収容人数")', '("Seats", "席数")'))
    again = build(project, project / "site")
    assert not again.up_to_date and again.counts["rendered"] == again.counts["pages"]
    page = article(project / "site", "en", "venues/main/")
    assert "Seats" in text_of(page) and "Capacity" not in text_of(page)


def test_its_own_group_of_messages_needs_its_section_of_the_editors_guide(tmp_path):
    project = _with_domain(tmp_path / "briefing")
    shutil.rmtree(project / "templates" / "strings")
    result = run("check", project=project)
    assert result.code == 1
    assert (
        "templates/strings/en.yml:1:1: the editor's guide explains each group of the briefing's own messages "
        "(templates/messages/): add guide_rule_capacity_title, guide_rule_capacity for the group 'capacity'"
    ) in result.err
