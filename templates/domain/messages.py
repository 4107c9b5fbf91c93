"""What this briefing's own checks say: its catalogue of messages (templates/messages/<lang>.yml), in the
form of the engine's, worded in the editor's language when shown."""

from __future__ import annotations

from pathlib import Path

from briefing.messages import Catalogue

MESSAGES = Catalogue(Path(__file__).resolve().parent.parent / "messages")
