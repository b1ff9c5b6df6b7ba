"""newsdesk: Markdown posts and press releases in posts/ become a MkDocs site with listings, tags and feeds."""
