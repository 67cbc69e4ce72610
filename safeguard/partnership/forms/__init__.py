"""Forms of the partnership's pages, one module per process (``lado``)."""
