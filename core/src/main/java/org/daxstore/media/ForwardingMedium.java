package org.daxstore.media;

/**
 * A medium that passes every call to the medium it wraps: the base of a decorator
 * (a store's test hook, {@code fs.StoreHooks.withMediumDecorator}), which must pass every call
 * through, so that it overrides only what it adds to (the crash harness's RecordingMedium) or, in
 * tests, what it breaks. {@link #persist} is not forwarded: it stays {@link Medium}'s flush then drain, through
 * this medium's own methods, so that a decorator of those sees every persist too.
 */
public abstract class ForwardingMedium implements Medium {
    private final Medium inner;

    protected ForwardingMedium(Medium inner) {
        this.inner = java.util.Objects.requireNonNull(inner);
    }

    /** The medium this one wraps. */
    protected final Medium inner() {
        return inner;
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public long address(long offset) {
        return inner.address(offset);
    }

    @Override
    public void flush(long offset, long length) {
        inner.flush(offset, length);
    }

    @Override
    public void drain() {
        inner.drain();
    }

    @Override
    public long flushMergeGap() {
        return inner.flushMergeGap();
    }

    @Override
    public void preallocate(long offset, long length) {
        inner.preallocate(offset, length);
    }

    @Override
    public void prefault(long offset, long length) {
        inner.prefault(offset, length);
    }

    @Override
    public boolean punch(long offset, long length) {
        return inner.punch(offset, length);
    }

    @Override
    public long allocatedBytes() {
        return inner.allocatedBytes();
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public Persistence persistence() {
        return inner.persistence();
    }

    @Override
    public void close() {
        inner.close();
    }
}
