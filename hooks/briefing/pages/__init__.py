"""One generator per kind of page. Each module's ``pages(ctx)`` returns its pages."""
