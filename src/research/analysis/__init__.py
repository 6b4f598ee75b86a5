"""Pure analysis functions: frames in, frames and dataclasses out; nothing here reads or writes files."""
