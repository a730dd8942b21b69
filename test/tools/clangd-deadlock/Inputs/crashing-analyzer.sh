#!/bin/sh
# Stands in for clang-deadlock: crashes on every buffer.
kill -SEGV $$
