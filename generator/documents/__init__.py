"""Documents filled per groupement: the groupement's declaration and checks, the values
computed from it, and the convention, Plan Qualité Projet and note de cadrage in HTML,
PDF and DOCX.

This package imports nothing of ``guide``, ``site`` or ``pdf``: it runs on its own,
on the command line and in the browser assistant.
"""
