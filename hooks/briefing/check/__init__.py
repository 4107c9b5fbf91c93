"""Checks over the loaded briefing: between items, editions, links, expressions and addresses."""
