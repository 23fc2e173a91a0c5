"""The guide as data: declarations of each kind of entry, loading, validation, the index
that pages and PDFs read, and the maintainers' freshness report."""
