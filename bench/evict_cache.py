#!/usr/bin/env python3
"""Drops the page cache of every file under the folders given (posix_fadvise DONTNEED; no root
needed), so that the next read of them comes from the disk. Usage: evict_cache.py DIR..."""
import os
import sys

for top in sys.argv[1:]:
    for folder, _, files in os.walk(top):
        for name in files:
            try:
                fd = os.open(os.path.join(folder, name), os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
