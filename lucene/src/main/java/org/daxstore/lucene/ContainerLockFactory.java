package org.daxstore.lucene;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockFactory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Lucene's locks ({@code write.lock}) for a {@link DaxDirectory}: a table of held lock names in
 * memory, one per directory. That is enough because the container itself is locked: the store
 * lets one open of it at a time, in this JVM or any process ({@link
 * org.daxstore.StoreLockedException}), and {@link DaxDirectory} lets one directory at a time
 * on an open store, so no other writer can reach the container while this table lives. No lock
 * file is written: none could outlive the process that held it and block the next one.
 */
final class ContainerLockFactory extends LockFactory {
    private final Set<String> held = new HashSet<>();
    /** Set when the directory closes: no lock is given from then on; guarded by {@link #held}. */
    private boolean closed;

    @Override
    public Lock obtainLock(Directory dir, String lockName) throws IOException {
        synchronized (held) {
            if (closed) {
                throw new AlreadyClosedException("cannot obtain lock '" + lockName + "': " + dir + " is closed");
            }
            if (!held.add(lockName)) {
                throw new LockObtainFailedException("lock '" + lockName + "' of " + dir + " is held already");
            }
        }
        return new HeldLock(dir, lockName);
    }

    /** Releases every lock, so that each later {@code ensureValid} fails, and refuses new ones; for the directory's close. */
    void close() {
        synchronized (held) {
            closed = true;
            held.clear();
        }
    }

    /** One held lock; valid until it is closed or its directory closes. */
    private final class HeldLock extends Lock {
        private final Directory dir;
        private final String name;
        private volatile boolean closed;

        HeldLock(Directory dir, String name) {
            this.dir = dir;
            this.name = name;
        }

        @Override
        public void ensureValid() {
            if (closed) {
                throw new AlreadyClosedException("lock '" + name + "' of " + dir + " has been released");
            }
            synchronized (held) {
                if (!held.contains(name)) {
                    throw new AlreadyClosedException("lock '" + name + "' of " + dir + " is no longer held: the directory was closed");
                }
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (held) {
                held.remove(name);
            }
        }

        @Override
        public String toString() {
            return "ContainerLock(" + name + " of " + dir + ")";
        }
    }
}
