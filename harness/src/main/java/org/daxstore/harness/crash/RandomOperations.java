package org.daxstore.harness.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.daxstore.harness.crash.Operation.Kind;

/**
 * Seeded random operations, each valid in the model state it is drawn for (it names existing
 * files, fits their sizes): the aged store's history, the random crash workloads and the kill
 * campaign's child all draw from it. The operations depend only on the seed and the model,
 * never on the store, so a parent can replay what a child process ran.
 *
 * <p>Offsets stay below {@value #NEAR} bytes, except growth, which now and then writes just past
 * 2 MiB ({@value #FAR}): that makes a block map of height 2 from a small file while using only
 * a few blocks, so a container of 1 MiB never fills up.
 */
final class RandomOperations {
    static final int PAGE = 4096;
    static final long NEAR = 8L * PAGE;
    static final long FAR = 2L << 20;
    private static final Kind[] KINDS = Kind.values();

    private final SplittableRandom random;
    private final List<String> names;

    /** Operations drawn from {@code seed}; creates and renames pick from {@code names}. */
    RandomOperations(long seed, List<String> names) {
        this.random = new SplittableRandom(seed);
        this.names = List.copyOf(names);
    }

    /** The next operation, valid in {@code model}. */
    Operation next(StoreModel model) {
        while (true) {
            Operation op = draw(KINDS[1 + random.nextInt(KINDS.length - 1)], model);
            if (op != null) {
                return op;
            }
        }
    }

    /** An operation of {@code kind} valid in {@code model}, or null if there is none. */
    private Operation draw(Kind kind, StoreModel model) {
        List<String> existing = new ArrayList<>(model.files().keySet());
        List<String> free = new ArrayList<>(names);
        free.removeAll(existing);
        if (kind == Kind.FORCE) {
            return Operation.force();
        }
        if (kind == Kind.CREATE) {
            return free.isEmpty() ? null : Operation.create(pick(free));
        }
        if (existing.isEmpty()) {
            return null;
        }
        String name = pick(existing);
        long size = model.file(name).size();
        long seed = random.nextLong();
        return switch (kind) {
            case DELETE -> Operation.delete(name);
            case RENAME -> free.isEmpty() ? null : Operation.rename(name, pick(free));
            case REPLACE -> existing.size() < 2 ? null : Operation.renameReplacing(name, pickOther(existing, name));
            case SHRINK -> size == 0 ? null : Operation.truncate(kind, name, random.nextLong(Math.min(size, NEAR)));
            case EXTEND -> size >= NEAR ? null : Operation.truncate(kind, name, size + 1 + random.nextLong(NEAR - size));
            case PUNCH -> size == 0 ? null
                    : Operation.punch(name, random.nextLong(Math.min(size, NEAR)), 1 + random.nextLong(3L * PAGE));
            case ALLOCATE -> Operation.allocate(name, random.nextLong(NEAR - 2 * PAGE), 1 + random.nextLong(2L * PAGE));
            case ZERO_RANGE -> Operation.zeroRange(name, random.nextLong(NEAR - 2 * PAGE), 1 + random.nextLong(2L * PAGE));
            case WRITE -> Operation.write(kind, name, random.nextLong(NEAR - 2 * PAGE), 1 + random.nextInt(2 * PAGE), seed);
            case FAULT_LINK -> size < Long.BYTES ? null
                    : Operation.faultLink(name, random.nextLong((Math.min(size, NEAR) - Long.BYTES) / 8 + 1) * 8, seed);
            case GROW -> grow(name, size, seed);
            case FORMAT, CREATE, FORCE -> throw new IllegalStateException("handled above: " + kind);
        };
    }

    /** A write at or past the end: near the end, or just past {@link #FAR} (once per file). */
    private Operation grow(String name, long size, long seed) {
        int length = 1 + random.nextInt(PAGE);
        if (size < NEAR && random.nextInt(4) != 0) {
            return Operation.write(Kind.GROW, name, size + random.nextLong(2L * PAGE), length, seed);
        }
        return size < FAR ? Operation.write(Kind.GROW, name, FAR + random.nextLong(2L * PAGE), length, seed) : null;
    }

    private String pickOther(List<String> from, String not) {
        List<String> others = new ArrayList<>(from);
        others.remove(not);
        return pick(others);
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
