"""The companion PDFs of the guide: print HTML from ``theme/pdf/``, laid out by WeasyPrint."""
