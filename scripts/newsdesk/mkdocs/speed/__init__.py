"""The speed work: posts converted and pages written on every CPU, the render cache, the pages
MkDocs skips, `serve`'s compiled templates and what the preview redoes after an edit."""
