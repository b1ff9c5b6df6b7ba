"""What pages show: listings and tags, the parts a page and its feed items share, search, redirects."""
