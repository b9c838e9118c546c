package org.daxstore.testing;

import org.daxstore.StoreOptions;
import org.daxstore.format.Layout;

/** The layout public options give a new store: for tests that read or damage an image by offset. */
public final class Layouts {
    private Layouts() {
    }

    public static Layout of(StoreOptions options) {
        return Layout.forOptions(options.capacity(), options.blockSize(), options.maxFiles());
    }
}
