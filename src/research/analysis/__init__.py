"""Pure analysis functions: frames in, frames or plain values out; nothing here reads or writes files."""
