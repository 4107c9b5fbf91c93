"""The live preview (make serve)."""
