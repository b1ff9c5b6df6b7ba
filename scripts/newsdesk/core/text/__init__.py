"""Words and text: dates and times as writers type them, slugs, HTML helpers, front matter."""
