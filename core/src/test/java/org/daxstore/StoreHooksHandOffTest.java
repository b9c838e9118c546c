package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.daxstore.fs.StoreHooks;
import org.daxstore.media.ForwardingMedium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks of {@link StoreHooks#openForTesting} reach exactly one store: the first one opened in
 * the call, on its thread, that opens; an open that fails gives them back for the next (found by
 * the hostile pass: a failed first open used them up, and the retry ran without them, silently),
 * and a second store of the call or one another thread opens meanwhile gets none. The decorator
 * counts its calls (a create calls it for the format and for the open).
 */
class StoreHooksHandOffTest {
    private final AtomicInteger hooked = new AtomicInteger();
    private final StoreHooks hooks = StoreHooks.NONE.withMediumDecorator(medium -> {
        hooked.incrementAndGet();
        return new ForwardingMedium(medium) { };
    });
    private Path first;
    private Path second;
    private Path notAContainer;

    @BeforeEach
    void paths() throws IOException {
        first = TempStores.newContainerPath("hooks-first");
        second = TempStores.newContainerPath("hooks-second");
        notAContainer = TempStores.newContainerPath("hooks-not");
        Files.write(notAContainer, new byte[100]);
    }

    @AfterEach
    void remove() {
        TempStores.delete(first);
        TempStores.delete(second);
        TempStores.delete(notAContainer);
    }

    @Test
    void aFailedOpenGivesTheHooksBackToTheNextStoreOfTheCall() {
        hooks.openForTesting(() -> {
            assertThrows(NotAContainerException.class, () -> DaxStore.open(notAContainer));
            try (DaxStore store = DaxStore.create(first, StoreOptions.capacity(8 << 20))) {
                return null;
            }
        });
        assertTrue(hooked.get() > 0, "the store after the failed open got no hooks");
    }

    @Test
    void aSecondStoreOfTheCallAndAnotherThreadsStoreGetNone() throws InterruptedException {
        hooks.openForTesting(() -> {
            Thread other = new Thread(() -> {
                try (DaxStore store = DaxStore.create(second, StoreOptions.capacity(8 << 20))) {
                    // opened on another thread inside the call: no hooks
                }
            });
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(0, hooked.get(), "another thread's store got the hooks");
            try (DaxStore store = DaxStore.create(first, StoreOptions.capacity(8 << 20))) {
                assertTrue(hooked.get() > 0, "the first store of the call got no hooks");
            }
            int ofTheFirst = hooked.get();
            try (DaxStore store = DaxStore.open(second)) {
                assertEquals(ofTheFirst, hooked.get(), "a second store of the call got the hooks too");
                return null;
            }
        });
    }
}
