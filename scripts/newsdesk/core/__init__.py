"""The core: reads, validates and decides over plain data. Never imports MkDocs or Material."""
