"""Running notebooks: configuration, path checks, the lock, parameters, cache keys, the executor and publisher."""
