"""How text is written in each language: figures, years and dates; where Japanese lines may break."""
