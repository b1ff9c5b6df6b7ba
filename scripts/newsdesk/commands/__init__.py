"""The `newsdesk` command line: new, check and import."""
