"""What every output shares: problems, YAML with lines, French messages and typography,
base field types, settings, templates, WeasyPrint and file writing.

Nothing here imports another package of the generator.
"""
