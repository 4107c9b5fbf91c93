"""Reading data/: YAML with the position of every value, the declaration, the models filled in."""
