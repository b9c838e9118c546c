package org.daxstore.harness.crash;

import java.util.BitSet;

import org.daxstore.media.ForwardingMedium;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * A medium that watches another and keeps the image a power failure would leave, at cache-line
 * granularity: the durable image. For tests and crash campaigns (docs/DESIGN.md section 7).
 *
 * <p>The model, that of PMDK's pmreorder and of Chipmunk: a store lands in the cache; a
 * {@link #flush} marks its lines for write-back; a {@link #drain} (the fence) makes every marked
 * line durable with the contents it has then. Until its fence, any line whose contents differ
 * from the durable image may or may not have reached the media: the crash states at a fence are
 * the durable image plus any subset of those differing lines. Stores are not intercepted (the
 * store writes through raw addresses); the differing lines are found by comparing the live
 * memory with the durable image, which is exact at line granularity except for a line stored
 * twice between fences, whose intermediate value is not modelled.
 *
 * <p>{@link #punch} and {@link #preallocate} are file-system calls that the kernel makes
 * durable by itself: a punched range is zero in the durable image at once.
 *
 * <p>Not thread-safe: one operation at a time, as the crash enumeration runs them.
 */
public final class RecordingMedium extends ForwardingMedium {
    /** Cache line size the model uses: a flush covers whole lines. */
    public static final int LINE = 64;

    /** Called at each fence, before the lines flushed since the last fence become durable. */
    @FunctionalInterface
    public interface FenceListener {
        void beforeFence(RecordingMedium medium);
    }

    private final byte[] durable;
    private final BitSet flushed = new BitSet();
    private final BitSet everFlushed = new BitSet();
    private final byte[] line = new byte[LINE];
    private FenceListener listener = medium -> { };
    private long fences;
    private long flushCalls;

    /** Records {@code inner}, whose current contents are taken as durable. */
    public RecordingMedium(Medium inner) {
        super(small(inner));
        this.durable = new byte[(int) inner.size()];
        Memory.copyToHeap(inner.address(0), durable, 0, durable.length);
    }

    private static Medium small(Medium inner) {
        if (inner.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a recorded medium is at most 2 GiB, not " + inner.size() + " bytes");
        }
        return inner;
    }

    public void setListener(FenceListener listener) {
        this.listener = listener;
    }

    /** The durable image: what survives a power failure now. Callers must not change it. */
    public byte[] durableImage() {
        return durable;
    }

    /** Every line any flush has covered since {@link #clearHistory}. */
    public BitSet flushHistory() {
        return (BitSet) everFlushed.clone();
    }

    public void clearHistory() {
        everFlushed.clear();
        flushCalls = 0;
    }

    public long fences() {
        return fences;
    }

    public long flushCalls() {
        return flushCalls;
    }

    /** The lines whose live contents differ from the durable image: those a power failure may lose. */
    public BitSet unpersistedLines() {
        BitSet dirty = new BitSet();
        long base = inner().address(0);
        for (int offset = 0; offset < durable.length; offset += LINE) {
            int length = Math.min(LINE, durable.length - offset);
            Memory.copyToHeap(base + offset, line, 0, length);
            if (java.util.Arrays.mismatch(line, 0, length, durable, offset, offset + length) >= 0) {
                dirty.set(offset / LINE);
            }
        }
        return dirty;
    }

    /** The live contents of line {@code index}. */
    public byte[] liveLine(int index) {
        byte[] copy = new byte[Math.min(LINE, durable.length - index * LINE)];
        Memory.copyToHeap(inner().address((long) index * LINE), copy, 0, copy.length);
        return copy;
    }

    @Override
    public void flush(long offset, long length) {
        if (length <= 0) {
            return;
        }
        flushCalls++;
        int first = (int) (offset / LINE);
        int end = (int) ((offset + length + LINE - 1) / LINE);
        flushed.set(first, end);
        everFlushed.set(first, end);
        inner().flush(offset, length);
    }

    @Override
    public void drain() {
        listener.beforeFence(this);
        fences++;
        for (int index = flushed.nextSetBit(0); index >= 0; index = flushed.nextSetBit(index + 1)) {
            int offset = index * LINE;
            Memory.copyToHeap(inner().address(offset), durable, offset, Math.min(LINE, durable.length - offset));
        }
        flushed.clear();
        inner().drain();
    }

    @Override
    public boolean punch(long offset, long length) {
        boolean punched = inner().punch(offset, length);
        if (punched) {
            java.util.Arrays.fill(durable, (int) offset, (int) (offset + length), (byte) 0);
        }
        return punched;
    }

    @Override
    public String description() {
        return "recording " + super.description();
    }
}
