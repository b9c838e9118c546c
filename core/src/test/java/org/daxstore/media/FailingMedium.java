package org.daxstore.media;

import java.util.function.Supplier;

/**
 * A medium for tests that passes every call to the medium it wraps, except that each flush
 * throws what {@code failure} supplies: a medium whose write-back fails, as an I/O error of the
 * device under a mapping would. Installed per store with
 * {@link org.daxstore.StoreOptions#withMediumDecorator}.
 */
public final class FailingMedium implements Medium {
    private final Medium inner;
    private final Supplier<? extends RuntimeException> failure;

    public FailingMedium(Medium inner, Supplier<? extends RuntimeException> failure) {
        this.inner = inner;
        this.failure = failure;
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
        throw failure.get();
    }

    @Override
    public void drain() {
        inner.drain();
    }

    @Override
    public void preallocate(long offset, long length) {
        inner.preallocate(offset, length);
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
        return "failing flushes over " + inner.description();
    }

    @Override
    public void close() {
        inner.close();
    }
}
