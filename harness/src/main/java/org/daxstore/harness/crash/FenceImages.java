package org.daxstore.harness.crash;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;


/**
 * The fence listener of a crash workload: at each fence of the operation under test it builds
 * the crash images ({@link LineSubsets} of the unpersisted lines over the durable image) and
 * has {@link ImageCheck} judge each against the states before and after the operation.
 * Identical images (the "all lines" image of one fence is often the "no line" image of the
 * next) are judged once per workload, and counted once.
 *
 * <p>Not thread-safe: the workload runs one operation at a time on one thread.
 */
final class FenceImages implements RecordingMedium.FenceListener {
    private final ImageCheck check;
    private final LineSubsets subsets;
    private final SplittableRandom random;
    private final Consumer<String> failures;
    private final Set<Long> seen = new HashSet<>();
    /** The image being built, reused: a fresh megabyte per image would keep the collector busy. */
    private byte[] image = new byte[0];
    private final Map<Operation.Kind, Long> imagesByKind = new EnumMap<>(Operation.Kind.class);
    private boolean active;
    private String where = "";
    private Operation operation;
    private StoreModel before;
    private StoreModel after;
    private int fence;
    private long images;
    private long inconsistent;

    FenceImages(ImageCheck check, LineSubsets subsets, long seed, Consumer<String> failures) {
        this.check = check;
        this.subsets = subsets;
        this.random = new SplittableRandom(seed);
        this.failures = failures;
    }

    /**
     * From now on, fences belong to {@code op}, which takes the model from {@code before} (null
     * inside format: no store yet) to {@code after}.
     */
    void expect(String workload, Operation op, StoreModel before, StoreModel after) {
        this.active = true;
        this.where = workload;
        this.operation = op;
        this.before = before;
        this.after = after;
        this.fence = 0;
    }

    /** Fences are not judged until the next {@link #expect}: the workload is setting up. */
    void pause() {
        active = false;
    }

    @Override
    public void beforeFence(RecordingMedium medium) {
        if (active) {
            fence++;
            judgeCrashesOf(medium, "fence " + fence);
        }
    }

    /** Judges the images a crash would leave now: the durable image plus subsets of the unpersisted lines. */
    void judgeCrashesOf(RecordingMedium medium, String when) {
        BitSet dirty = medium.unpersistedLines();
        int[] lines = dirty.stream().toArray();
        byte[] durable = medium.durableImage();
        if (image.length != durable.length) {
            image = new byte[durable.length];
        }
        for (int[] subset : subsets.choose(lines, random)) {
            System.arraycopy(durable, 0, image, 0, durable.length);
            for (int line : subset) {
                byte[] live = medium.liveLine(line);
                System.arraycopy(live, 0, image, line * RecordingMedium.LINE, live.length);
            }
            judge(image, when + ", " + subset.length + " of " + lines.length + " unpersisted lines"
                    + (subset.length > 0 && subset.length <= 4 ? " (lines " + java.util.Arrays.toString(subset) + ")" : ""));
        }
    }

    /** Judges one image (of any length: an empty file is a crash image of format too). */
    void judge(byte[] image, String when) {
        if (!seen.add(digest(image))) {
            return;
        }
        images++;
        imagesByKind.merge(operation.kind(), 1L, Long::sum);
        String failure = check.judge(image, before, after, operation.dataRange());
        if (failure != null) {
            inconsistent++;
            failures.accept(where + ", during '" + operation + "' at " + when + ": " + failure);
        }
    }

    long images() {
        return images;
    }

    long inconsistent() {
        return inconsistent;
    }

    Map<Operation.Kind, Long> imagesByKind() {
        return imagesByKind;
    }

    /** 64 bits of two different CRCs: a collision (two images judged as one) is below one in 10^9 per campaign. */
    private static long digest(byte[] image) {
        CRC32C c = new CRC32C();
        c.update(image);
        CRC32 d = new CRC32();
        d.update(image);
        return c.getValue() << 32 | d.getValue();
    }
}
