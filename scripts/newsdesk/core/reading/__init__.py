"""Reading posts and pages: the schema of a post's fields, the validator, links, attachments."""
