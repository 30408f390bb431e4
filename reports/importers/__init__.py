"""Importing published annual reports into structured drafts.

    file ─► reading (text, web page, DOCX, PDF; JSON as it is) ─► lines of cells
         ─► sections (title, preamble, 一…六) ─► tables (rows placed on canonical keys by the
            format's labels and grid positions) and narrative (paragraphs, topics of 一, signature)
         ─► ImportResult: ReportData + unmapped + warnings + cross-check findings
         ─► services.import_write (a draft only, replacing its content when confirmed)

The command `import_report` and the page `importers:upload` are the two ways in.
"""
