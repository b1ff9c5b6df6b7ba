"""Checks of the site as a whole: advice for writers, links between pages, files a browser would run."""
