"""Country profiles: the sweep, one runner interface for local workers and Dask, the pages, progress."""
