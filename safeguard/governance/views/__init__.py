"""Pages of the governance app. Every view declares its capability (deny by default) and
every page about one child also passes the object rules (``open_child_record``)."""
