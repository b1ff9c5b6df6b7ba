"""The MkDocs adapter: wires MkDocs events to the core; everything that touches MkDocs objects."""
