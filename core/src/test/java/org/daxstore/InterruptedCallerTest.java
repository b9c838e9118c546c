package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;
import org.daxstore.nativebridge.LibC;
import org.daxstore.testing.ProcessLocks;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A thread interrupted ({@link Thread#interrupt}) before or during a store operation: the
 * operation completes as if it had not been, the thread's interrupt status stays set for its
 * caller, and the store keeps its locks against other processes. Issue 11 found an interrupt
 * closing the container's {@code FileChannel} (an interruptible channel): the record lock went
 * with it, and every later read or write of the container failed with a message of "null".
 *
 * <p>core's pom runs this class again without the native bridge, where the record lock is the
 * only one and allocations write zeros to the container.
 */
class InterruptedCallerTest {
    /** Every public method of the store and of a file handle, called with the interrupt status set. */
    @TestFactory
    Stream<DynamicTest> everyStoreAndFileMethodCompletesForAnInterruptedThread() {
        return Stream.of(DaxStore.class, DaxFile.class).flatMap(type -> ApiMethods.of(type).stream()
                .map(method -> dynamicTest(ApiMethods.signature(type, method), () -> callInterrupted(type, method))));
    }

    /**
     * Calls {@code method} on a store (or a handle of its file {@value ApiFixture#FILE}) with the
     * interrupt status set. Blocks are 2 MiB, so the allocator backs one block at a time (it backs
     * 1 MiB runs ahead, at least a block): a write or an allocation after the truncate takes a
     * block never backed, and without the native bridge that writes zeros to the container.
     */
    private static void callInterrupted(Class<?> type, Method method) throws IOException {
        Path path = TempStores.newContainerPath("interrupted-api-");
        try {
            try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(64 << 20).withBlockSize(2 << 20));
                 DaxFile file = store.create(ApiFixture.FILE)) {
                byte[] contents = new byte[3 << 20];
                Arrays.fill(contents, ApiFixture.FILL);
                file.write(0, contents);
                file.truncate(0);
                Object[] arguments = ApiMethods.firstArguments(method);
                String call = ApiMethods.signature(type, method) + ApiMethods.describe(arguments);
                Thread.currentThread().interrupt();
                Throwable thrown;
                boolean stillInterrupted;
                try {
                    thrown = ApiMethods.call(method, type == DaxStore.class ? store : file, arguments);
                } finally {
                    stillInterrupted = Thread.interrupted();
                }
                assertTrue(stillInterrupted, call + " cleared the interrupt status");
                if (thrown != null) {
                    // Only the refusals the arguments call for (a name that exists, or does not): never the interrupt's.
                    assertTypedAndNamed(call, thrown);
                }
                if (!method.getName().equals("close") || type != DaxStore.class) {
                    assertLocked(path, call);
                    assertStillWorks(store, call);
                }
            }
            try (DaxStore again = DaxStore.open(path)) {
                assertTrue(again.wasCleanlyClosed(), method.toString());
                assertTrue(again.check().isConsistent(), method.toString());
            }
        } finally {
            TempStores.delete(path);
        }
    }

    /** Opening, creating, formatting, checking and repairing: each completes, and leaves the status set. */
    @Test
    void opensAndChecksCompleteForAnInterruptedThread() {
        Path path = TempStores.newContainerPath("interrupted-open-");
        try {
            try (DaxStore store = interrupted(() -> DaxStore.create(path, StoreOptions.capacity(4 << 20)))) {
                assertLocked(path, "create");
                assertStillWorks(store, "after create");
            }
            try (DaxStore store = interrupted(() -> DaxStore.open(path))) {
                assertLocked(path, "open");
                assertEquals(1, store.list().size(), store.list().toString());
            }
            assertEquals(FsckReport.Status.CLEAN, interrupted(() -> Fsck.check(path)).status());
            assertEquals(FsckReport.Status.CLEAN, interrupted(() -> Fsck.repair(path)).before().status());
            try (DaxStore store = interrupted(() -> DaxStore.format(path, StoreOptions.capacity(4 << 20)))) {
                assertLocked(path, "format");
                assertEquals(List.of(), store.list());
            }
        } finally {
            TempStores.delete(path);
        }
    }

    private static <T> T interrupted(java.util.function.Supplier<T> call) {
        Thread.currentThread().interrupt();
        try {
            return call.get();
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt status was cleared");
        }
    }

    /**
     * A thread doing a seeded mix of file and store operations while another interrupts it
     * again and again: nothing fails, the file holds what the model says, and the store stays
     * locked and opens clean afterwards.
     */
    @Test
    void aThreadInterruptedAgainAndAgainMidOperationLosesNothing() throws Exception {
        Path path = TempStores.newContainerPath("interrupted-");
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(16 << 20))) {
            byte[] model = new byte[1 << 20];
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean done = new AtomicBoolean();
            int[] size = {0};
            Thread worker = new Thread(() -> {
                try {
                    runOperations(store, new Random(11), model, size);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.set(true);
                }
            }, "interrupted worker");
            worker.start();
            int interrupts = 0;
            while (!done.get()) {
                worker.interrupt();
                interrupts++;
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
            worker.join();
            for (Throwable failure : failures) {
                assertTypedAndNamed("the worker", failure);
            }
            assertEquals(List.of(), failures, "the operations complete");
            assertTrue(interrupts > 100, interrupts + " interrupts");
            assertLocked(path, "after the worker");
            assertContents(store, model, size[0]);
        }
        try (DaxStore again = DaxStore.open(path)) {
            assertTrue(again.wasCleanlyClosed());
            assertTrue(again.check().isConsistent());
        } finally {
            TempStores.delete(path);
        }
    }

    /** Writes, reads, truncates, punches and allocates one file against {@code model}, and touches the store around it. */
    private static void runOperations(DaxStore store, Random random, byte[] model, int[] size) {
        try (DaxFile file = store.create("f")) {
            for (int op = 0; op < 3000; op++) {
                int offset = random.nextInt(model.length - 4096);
                int length = 1 + random.nextInt(4096);
                switch (random.nextInt(8)) {
                    case 0, 1 -> {
                        byte[] bytes = new byte[length];
                        random.nextBytes(bytes);
                        file.write(offset, bytes);
                        System.arraycopy(bytes, 0, model, offset, length);
                        size[0] = Math.max(size[0], offset + length);
                    }
                    case 2 -> {
                        file.punchHole(offset, length);
                        if (offset < size[0]) {
                            Arrays.fill(model, offset, Math.min(size[0], offset + length), (byte) 0);
                        }
                    }
                    case 3 -> {
                        file.truncate(offset);
                        if (offset < size[0]) {
                            Arrays.fill(model, offset, size[0], (byte) 0);
                        }
                        size[0] = offset;
                    }
                    case 4 -> {
                        file.allocate(offset, length);
                        size[0] = Math.max(size[0], offset + length);
                    }
                    case 5 -> {
                        byte[] back = new byte[length];
                        int n = file.read(offset, back);
                        assertArrayEquals(Arrays.copyOfRange(model, offset, offset + Math.max(n, 0)),
                                Arrays.copyOf(back, Math.max(n, 0)), "read at " + offset);
                    }
                    case 6 -> {
                        file.force();
                        store.info();
                        store.list();
                    }
                    default -> {
                        try (DaxFile other = store.create("g")) {
                            other.write(0, new byte[length]);
                        }
                        store.delete("g");
                    }
                }
                if (op % 500 == 0) {
                    assertTrue(store.check().isConsistent(), "check at op " + op);
                }
            }
        }
    }

    private static void assertContents(DaxStore store, byte[] model, int size) {
        try (DaxFile file = store.openFile("f")) {
            assertEquals(size, file.size());
            byte[] back = new byte[size];
            assertEquals(size, Math.max(file.read(0, back), 0));
            assertArrayEquals(Arrays.copyOf(model, size), back);
        }
    }

    /** A store exception with a message, none caused by a closed channel. */
    private static void assertTypedAndNamed(String call, Throwable thrown) {
        assertNotNull(thrown.getMessage(), call + " threw " + thrown);
        assertTrue(thrown instanceof DaxStoreException, call + " threw " + thrown);
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertTrue(!(cause instanceof ClosedChannelException), call + " threw " + thrown + ", caused by " + cause);
        }
    }

    /** The store at {@code path} still holds its record lock, and its flock lock with the native bridge. */
    private static void assertLocked(Path path, String after) throws IllegalStateException {
        Set<String> expected = LibC.isAvailable() ? Set.of("POSIX", "FLOCK") : Set.of("POSIX");
        try {
            assertEquals(expected, ProcessLocks.heldOn(path), "the store's locks after " + after);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertStillWorks(DaxStore store, String name) {
        byte[] bytes = new byte[3 * 4096 + 5];
        new Random(name.hashCode()).nextBytes(bytes);
        String file = "probe-" + Integer.toHexString(name.hashCode());
        try (DaxFile probe = store.exists(file) ? store.openFile(file) : store.create(file)) {
            probe.write(0, bytes);
            byte[] back = new byte[bytes.length];
            assertEquals(bytes.length, probe.read(0, back));
            assertArrayEquals(bytes, back);
        }
        assertTrue(store.check().isConsistent(), "check after " + name);
    }
}
