package org.daxstore.testing;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.daxstore.DaxStore;
import org.daxstore.StoreOptions;
import org.daxstore.fs.StoreHooks;
import org.daxstore.media.Medium;

/**
 * Public options with a store's test hooks: what a test opens, creates or formats a store with
 * when it wraps the medium or switches a safety off. The hooks reach that one store only
 * ({@link StoreHooks#openForTesting}).
 *
 * @param options the public options
 * @param hooks   the hooks of the store these open
 */
public record Hooked(StoreOptions options, StoreHooks hooks) {
    /** {@code options} with the medium wrapped by {@code decorator}. */
    public static Hooked decorating(StoreOptions options, UnaryOperator<Medium> decorator) {
        return new Hooked(options, StoreHooks.NONE.withMediumDecorator(decorator));
    }

    public DaxStore open(Path path) {
        return hooks.openForTesting(() -> DaxStore.open(path, options));
    }

    public DaxStore create(Path path) {
        return hooks.openForTesting(() -> DaxStore.create(path, options));
    }

    public DaxStore format(Path path) {
        return hooks.openForTesting(() -> DaxStore.format(path, options));
    }
}
