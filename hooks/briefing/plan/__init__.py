"""The page plan: every page of each language and edition, and where it is published."""
