package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.daxstore.testing.ChildJvm;
import org.daxstore.testing.UnsafeAccess;
import org.junit.jupiter.api.Test;

/**
 * Where the JVM denies {@code sun.misc.Unsafe}'s memory access, {@link AccessScope#bytesStore()}
 * (Chronicle Bytes, which needs Unsafe) throws {@link UnsupportedOperationException} saying why
 * and what to use instead, and the scope's own accessors go on working. Checked in this JVM when
 * the suite runs under {@code deny} (.ci/run), and on JDK 23 and later in a child JVM always.
 */
class BytesStoreUnderDenyTest {

    @Test
    void underDenyInThisJvmBytesStoreIsRefusedAndTheScopeWorks() {
        assumeTrue(UnsafeAccess.denied(), "this JVM allows sun.misc.Unsafe; the child JVM test covers deny");
        Path path = TempStores.newContainerPath("deny-");
        try {
            String message = RefuseBytesStore.refusal(path);
            assertRefusal(message);
        } finally {
            TempStores.delete(path);
        }
    }

    @Test
    void underDenyInAChildJvmBytesStoreIsRefusedAndTheScopeWorks() throws Exception {
        assumeTrue(Runtime.version().feature() >= 23, "--sun-misc-unsafe-memory-access is known from JDK 23 on");
        Path path = TempStores.newContainerPath("deny-child-");
        try {
            ChildJvm.Result result = ChildJvm.run(List.of("--sun-misc-unsafe-memory-access=deny",
                    "--enable-native-access=ALL-UNNAMED"), RefuseBytesStore.class, List.of(), Map.of(), 60, path.toString());
            assertEquals(0, result.exitCode(), result.output());
            assertRefusal(result.output().strip());
        } finally {
            TempStores.delete(path);
        }
    }

    private static void assertRefusal(String message) {
        assertTrue(message.startsWith("refused: java.lang.UnsupportedOperationException: "), message);
        assertTrue(message.contains("needs sun.misc.Unsafe"), message);
        assertTrue(message.contains("--sun-misc-unsafe-memory-access=deny"), message);
        assertTrue(message.contains("use the scope's own get/put methods"), message);
        assertTrue(message.endsWith("; the scope read back 42"), message);
    }

    /** Opens a store at args[0], asks a scope for its BytesStore, and prints what came of it. */
    public static final class RefuseBytesStore {
        public static void main(String[] args) {
            System.out.println(refusal(Path.of(args[0])));
        }

        static String refusal(Path path) {
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(4 << 20));
                 DaxFile file = store.create("f");
                 DaxMapping view = sized(file).map(0, 4096);
                 AccessScope scope = view.scope(0, 64, MapMode.READ_WRITE)) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, scope::bytesStore);
                scope.putLong(8, 42);
                return "refused: " + e + "; the scope read back " + scope.getLong(8);
            }
        }

        private static DaxFile sized(DaxFile file) {
            file.truncate(4096);
            return file;
        }
    }
}
