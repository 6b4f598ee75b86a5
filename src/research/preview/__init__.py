"""The live preview (``research preview``): the edition's HTML in a scratch folder, rebuilt and reloaded on every edit."""
