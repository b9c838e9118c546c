package org.daxstore.media;

import java.util.function.Supplier;

/**
 * A medium for tests that passes every call to the medium it wraps, except that each flush
 * throws what {@code failure} supplies: a medium whose write-back fails, as an I/O error of the
 * device under a mapping would. Installed per store with
 * {@link org.daxstore.fs.StoreHooks#withMediumDecorator}.
 */
public final class FailingMedium extends ForwardingMedium {
    private final Supplier<? extends RuntimeException> failure;

    public FailingMedium(Medium inner, Supplier<? extends RuntimeException> failure) {
        super(inner);
        this.failure = failure;
    }

    @Override
    public void flush(long offset, long length) {
        throw failure.get();
    }

    @Override
    public String description() {
        return "failing flushes over " + super.description();
    }
}
