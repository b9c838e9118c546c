package org.daxstore.harness.crash;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;

/**
 * One operation of a crash workload: what it does to a store ({@link #runOn}) and to the model
 * ({@link #applyTo}). Data operations persist what they wrote before they return (write, grow,
 * zero-range and the fault store, through a view's {@code persist}), so that every state of the
 * model says exactly which bytes are durable.
 *
 * @param kind   what the operation is
 * @param name   the file it works on (the new name for create; unused by force and format)
 * @param target the new name, for rename and rename-replace
 * @param offset where in the file (truncate: the new size)
 * @param length how many bytes
 * @param seed   the seed of the bytes a write stores
 */
record Operation(Kind kind, String name, String target, long offset, long length, long seed) {

    /** The operations of the issue, each counted on its own in a campaign's report. */
    enum Kind {
        FORMAT("format"), CREATE("create"), DELETE("delete"), RENAME("rename"), REPLACE("rename-replace"),
        SHRINK("truncate-shrink"), EXTEND("truncate-grow"), PUNCH("punch"), ALLOCATE("allocate"),
        ZERO_RANGE("zero-range"), WRITE("write"), FAULT_LINK("fault-link"), GROW("grow"), FORCE("force");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** The file byte range whose bytes may hold the old or the new value after a crash inside this operation. */
    record DataRange(String name, long from, long to) {
        boolean contains(String file, long position) {
            return name.equals(file) && position >= from && position < to;
        }
    }

    static Operation format() {
        return new Operation(Kind.FORMAT, "", "", 0, 0, 0);
    }

    static Operation create(String name) {
        return new Operation(Kind.CREATE, name, "", 0, 0, 0);
    }

    static Operation delete(String name) {
        return new Operation(Kind.DELETE, name, "", 0, 0, 0);
    }

    static Operation rename(String from, String to) {
        return new Operation(Kind.RENAME, from, to, 0, 0, 0);
    }

    /** A rename onto an existing file, which it replaces ({@link DaxStore#renameReplacing}). */
    static Operation renameReplacing(String from, String to) {
        return new Operation(Kind.REPLACE, from, to, 0, 0, 0);
    }

    /** Truncate to {@code size}: {@link Kind#SHRINK} or {@link Kind#EXTEND} as labelled; either works on any size. */
    static Operation truncate(Kind kind, String name, long size) {
        return new Operation(kind, name, "", size, 0, 0);
    }

    static Operation punch(String name, long offset, long length) {
        return new Operation(Kind.PUNCH, name, "", offset, length, 0);
    }

    static Operation allocate(String name, long offset, long length) {
        return new Operation(Kind.ALLOCATE, name, "", offset, length, 0);
    }

    static Operation zeroRange(String name, long offset, long length) {
        return new Operation(Kind.ZERO_RANGE, name, "", offset, length, 0);
    }

    /** A positional write then a persist of its range: {@link Kind#WRITE}, or {@link Kind#GROW} past the end. */
    static Operation write(Kind kind, String name, long offset, int length, long seed) {
        return new Operation(kind, name, "", offset, length, seed);
    }

    /** A long stored through a view at {@code offset} (a hole, to link a block on the fault), then persisted. */
    static Operation faultLink(String name, long offset, long seed) {
        return new Operation(Kind.FAULT_LINK, name, "", offset, Long.BYTES, seed);
    }

    static Operation force() {
        return new Operation(Kind.FORCE, "", "", 0, 0, 0);
    }

    /** The bytes a write stores: a function of the seed, so a child process and its parent agree. */
    byte[] data() {
        byte[] bytes = new byte[(int) length];
        if (kind == Kind.FAULT_LINK) {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(new SplittableRandom(seed).nextLong() | 1);
        } else {
            new SplittableRandom(seed).nextBytes(bytes);
        }
        return bytes;
    }

    /** The range a crash inside this operation may leave half old, half new; null when it writes no data. */
    DataRange dataRange() {
        return switch (kind) {
            case PUNCH, ZERO_RANGE, WRITE, GROW, FAULT_LINK -> new DataRange(name, offset, offset + length);
            default -> null;
        };
    }

    /** Runs the operation on an open store. {@link Kind#FORMAT} is the caller's: it makes the store. */
    void runOn(DaxStore store) {
        switch (kind) {
            case FORMAT -> throw new IllegalStateException("format makes the store; it does not run on one");
            case CREATE -> store.create(name).close();
            case DELETE -> store.delete(name);
            case RENAME -> store.rename(name, target);
            case REPLACE -> store.renameReplacing(name, target);
            case FORCE -> store.force();
            default -> {
                try (DaxFile file = store.openFile(name)) {
                    runOn(file);
                }
            }
        }
    }

    private void runOn(DaxFile file) {
        switch (kind) {
            case SHRINK, EXTEND -> file.truncate(offset);
            case PUNCH -> file.punchHole(offset, length);
            case ALLOCATE -> file.allocate(offset, length);
            case ZERO_RANGE -> {
                file.zeroRange(offset, length);
                persist(file);
            }
            case WRITE, GROW -> {
                file.write(offset, data());
                persist(file);
            }
            case FAULT_LINK -> {
                try (DaxMapping view = file.map(offset, length)) {
                    view.putLong(0, ByteBuffer.wrap(data()).order(ByteOrder.LITTLE_ENDIAN).getLong());
                    view.persist(0, length);
                }
            }
            default -> throw new IllegalStateException(kind + " is not a file operation");
        }
    }

    private void persist(DaxFile file) {
        try (DaxMapping view = file.map(offset, length)) {
            view.persist(0, length);
        }
    }

    /** The state after this operation, from the state before it. */
    StoreModel applyTo(StoreModel model) {
        return switch (kind) {
            case FORMAT -> StoreModel.empty();
            case CREATE -> model.with(name, FileImage.empty());
            case DELETE -> model.without(name);
            case RENAME, REPLACE -> model.without(name).with(target, model.file(name));
            case FORCE -> model;
            case SHRINK, EXTEND -> model.changed(name, f -> f.withSize(offset));
            case PUNCH -> model.changed(name, f -> f.zeroed(offset, offset + length));
            case ALLOCATE -> model.changed(name, f -> f.withSize(Math.max(f.size(), offset + length)));
            case ZERO_RANGE -> model.changed(name, f -> f.withSize(Math.max(f.size(), offset + length))
                    .zeroed(offset, offset + length));
            case WRITE, GROW, FAULT_LINK -> model.changed(name, f -> f.written(offset, data()));
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FORMAT, FORCE -> kind.label();
            case CREATE, DELETE -> kind.label() + " " + name;
            case RENAME, REPLACE -> kind.label() + " " + name + " " + target;
            case SHRINK, EXTEND -> kind.label() + " " + name + " to " + offset;
            default -> kind.label() + " " + name + " [" + offset + ", +" + length + ")";
        };
    }
}
