"""The feeds and the OPML file, as feedgen writes them."""
