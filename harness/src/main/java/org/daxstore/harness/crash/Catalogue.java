package org.daxstore.harness.crash;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.daxstore.harness.crash.Operation.Kind;

/**
 * The fixed operations of the single and paired workloads and the files they work on. The base
 * files are laid out so that every operation does its interesting part: file {@code a} has a
 * hole at page 1 (allocate, zero-range, write and the fault store fill it; punch frees a whole
 * block and zeroes two partial ones), {@code b} is one partial block (truncate-grow zeroes its
 * tail; grow writes past 2 MiB, which makes its block map grow from height 0 to 2), and each
 * create, delete, rename and rename-replace takes its own names (rename-replace moves {@code p0}
 * over {@code q0}, a file of four blocks and a map node), so that any ordered pair, an operation
 * paired with itself included, is valid in either order.
 */
final class Catalogue {
    static final int PAGE = 4096;
    /** Every kind but format, which only starts a store and is enumerated alone. */
    static final List<Kind> KINDS = List.copyOf(EnumSet.complementOf(EnumSet.of(Kind.FORMAT)));

    private Catalogue() {
    }

    /** The operations that lay out the base files on a store (fresh or aged), each persisted. */
    static List<Operation> baseFiles() {
        List<Operation> ops = new ArrayList<>();
        ops.add(Operation.create("a"));
        ops.add(Operation.write(Kind.WRITE, "a", 0, 18_000, 101));
        ops.add(Operation.punch("a", PAGE, PAGE));
        ops.add(Operation.create("b"));
        ops.add(Operation.write(Kind.WRITE, "b", 0, 700, 102));
        for (int i = 0; i < 2; i++) {
            ops.add(Operation.create("d" + i));
            ops.add(Operation.write(Kind.WRITE, "d" + i, 0, 5_000, 103 + i));
            ops.add(Operation.create("r" + i));
            ops.add(Operation.write(Kind.WRITE, "r" + i, 0, 300, 105 + i));
            ops.add(Operation.create("p" + i));
            ops.add(Operation.write(Kind.WRITE, "p" + i, 0, 1_000, 107 + i));
            ops.add(Operation.create("q" + i));
            ops.add(Operation.write(Kind.WRITE, "q" + i, 0, 13_000, 109 + i));
        }
        return ops;
    }

    /** The catalogue's operation of {@code kind}, for its {@code occurrence}-th use in a workload (0 or 1). */
    static Operation operation(Kind kind, int occurrence) {
        return switch (kind) {
            case FORMAT -> Operation.format();
            case CREATE -> Operation.create("c" + occurrence);
            case DELETE -> Operation.delete("d" + occurrence);
            case RENAME -> Operation.rename("r" + occurrence, "r" + occurrence + ".moved");
            case REPLACE -> Operation.renameReplacing("p" + occurrence, "q" + occurrence);
            case SHRINK -> Operation.truncate(Kind.SHRINK, "a", 5_000);
            case EXTEND -> Operation.truncate(Kind.EXTEND, "b", 9_000);
            case PUNCH -> Operation.punch("a", 3_000, 9_300);
            case ALLOCATE -> Operation.allocate("a", PAGE, 18_000);
            case ZERO_RANGE -> Operation.zeroRange("a", 2_000, 3_000);
            case WRITE -> Operation.write(Kind.WRITE, "a", 3_900, 400, 200 + occurrence);
            case FAULT_LINK -> Operation.faultLink("a", PAGE + 8, 300 + occurrence);
            case GROW -> Operation.write(Kind.GROW, "b", (2L << 20) + 100, 200, 400 + occurrence);
            case FORCE -> Operation.force();
        };
    }
}
