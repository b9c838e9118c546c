package org.daxstore.cli.workload.targets;

import org.daxstore.DaxFile;

/**
 * daxstore's positional I/O: {@link DaxFile#read(long, byte[], int, int)} and {@code write}
 * into the thread's buffer, like {@code FileChannel}'s positional calls. Persistence is
 * {@link DaxFile#force} (fsync's analogue: the whole file), once per write or once per batch.
 */
public final class PositionalTarget extends StoreFileTarget {
    public PositionalTarget(StoreFile store) {
        super(store);
    }

    @Override
    public ThreadAccess open(int blockSize, boolean writes) {
        return new Access(store.file(), blockSize);
    }

    private static final class Access extends ThreadAccess {
        private final DaxFile file;
        private final byte[] buffer;

        Access(DaxFile file, int blockSize) {
            super(blockSize);
            this.file = file;
            this.buffer = new byte[blockSize];
        }

        @Override
        public void read(long offset) {
            file.read(offset, buffer, 0, blockSize);
        }

        @Override
        public void write(long offset) {
            file.write(offset, buffer, 0, blockSize);
        }

        @Override
        public void persist(long offset) {
            file.force();
        }

        @Override
        public void persist(long[] offsets, int count) {
            file.force();
        }
    }
}
