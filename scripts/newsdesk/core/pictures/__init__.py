"""Pictures: which a post shows, what is checked, the renditions and cards Pillow makes, and their HTML."""
