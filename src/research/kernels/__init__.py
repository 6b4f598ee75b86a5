"""Kernels forked from a pre-warmed zygote process: the server (``server``) and the build's side of it (``client``)."""
