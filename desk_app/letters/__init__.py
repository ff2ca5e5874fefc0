"""Letters to customers as PDF: `content` (what a letter says), `render.render_letter` (the PDF)."""
