"""Importing a résumé file (PDF, DOCX, text, Markdown) into a JSON Resume draft: nothing stored."""
