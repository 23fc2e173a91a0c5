"""The guide site: pages rendered from ``theme/pages/``, the staging folder and its
configuration, and the builder (MkDocs) run on them. Nothing imports this package but
the commands on top."""
