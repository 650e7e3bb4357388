"""A story's life on the desk: actions from draft to published, and its revisions."""
