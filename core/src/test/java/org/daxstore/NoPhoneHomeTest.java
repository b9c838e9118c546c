package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.daxstore.testing.UnsafeAccess;
import org.junit.jupiter.api.Test;

/** Chronicle's analytics are excluded from the build, and nothing daxstore runs opens a URL. */
class NoPhoneHomeTest {

    @Test
    void chronicleAnalyticsAreNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("net.openhft.chronicle.analytics.Analytics"));
    }

    @Test
    void aWorkloadUsingChronicleConnectsNowhere() {
        UnsafeAccess.assumeAllowed("Chronicle's OS.memory() and BytesStore");
        List<URI> attempts = new CopyOnWriteArrayList<>();
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        Path path = TempStores.newContainerPath("quiet-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(4 << 20)); DaxFile file = store.create("f")) {
            file.write(0, new byte[10_000]);
            file.read(0, new byte[10_000]);
            long address = net.openhft.chronicle.core.OS.memory().allocate(64);
            net.openhft.chronicle.bytes.BytesStore.wrap(address, 64).writeLong(0, 1);
            net.openhft.chronicle.core.OS.memory().freeMemory(address, 64);
        } finally {
            ProxySelector.setDefault(previous);
            TempStores.delete(path);
        }
        assertEquals(List.of(), attempts);
    }
}
