"""What publishing needs: the address record, the files it copies, what changed, the editor's configuration, every output path."""
