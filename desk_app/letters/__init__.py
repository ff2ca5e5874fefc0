"""Letters as PDF: `content` (what a letter says), `assemble` (from a case), `render` (the PDF)."""
