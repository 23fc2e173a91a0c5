"""The guide site: pages rendered from ``theme/pages/``, the staging folder, its configuration
and search index, and the builders (ProperDocs, MkDocs, Zensical) run on them. Nothing imports
this package but the commands on top."""
