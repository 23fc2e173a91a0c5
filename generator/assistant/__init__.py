"""The « Assistant de rédaction »: the groupement's documents filled in the reader's browser.

The form is generated from the groupement's declaration (``documents.model``); the
checks, the computed values and the three documents are those of the ``documents``
package itself, run in the browser by Pyodide. Nothing typed leaves the reader's machine.

- ``runtime``: Pyodide and the wheels it needs, pinned with their hashes, fetched once
  into a cache outside the source tree and compiled to bytecode;
- ``form``: the form's description, from the model's JSON Schema and ``theme/assistant/form.yml``;
- ``browser``: what the browser runs (imports only ``core`` and ``documents``);
- ``files``: every file of the assistant, by its path in the site.
"""
