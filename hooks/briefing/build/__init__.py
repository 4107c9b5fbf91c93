"""Building the site: each language's pages through MkDocs, redoing only what changed."""
