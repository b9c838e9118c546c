package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One opener at a time, in this JVM or any other process. */
class LockTest {
    private Path path;

    @BeforeEach
    void create() {
        path = TempStores.newContainerPath("lock-");
        DaxStore.open(path, StoreOptions.capacity(4 << 20)).close();
    }

    @AfterEach
    void delete() {
        TempStores.delete(path);
    }

    @Test
    void aSecondOpenerInThisJvmIsRefusedUntilTheFirstCloses() {
        try (DaxStore first = DaxStore.open(path)) {
            StoreLockedException e = assertThrows(StoreLockedException.class, () -> DaxStore.open(path));
            assertTrue(e.getMessage().contains("already open in this JVM"), e.getMessage());
        }
        DaxStore.open(path).close();
    }

    @Test
    void anotherProcessIsRefusedWhileTheStoreIsOpenAndAdmittedAfter() throws Exception {
        try (DaxStore first = DaxStore.open(path)) {
            Result child = runChild();
            assertEquals(3, child.exitCode(), child.output());
            assertTrue(child.output().contains("locked by another process"), child.output());
        }
        Result child = runChild();
        assertEquals(0, child.exitCode(), child.output());
    }

    /**
     * A child process started while a store is open gets a copy of every descriptor this JVM
     * holds until it executes its program (JDK's launch helper closes them later still). The
     * flock lock belongs to the open file description, which the copy shares: if closing the
     * store only closed its descriptor, the lock would outlive the store in the child, and the
     * next open here would be refused as "locked by another process". The crash campaign hit
     * this while its progress bar started {@code stty} once a second.
     */
    @Test
    void aChildProcessStartedWhileTheStoreIsOpenDoesNotKeepItLocked() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger children = new java.util.concurrent.atomic.AtomicInteger();
        Thread spawner = new Thread(() -> {
            while (running.get()) {
                try {
                    new ProcessBuilder("true").start().waitFor();
                    children.incrementAndGet();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "spawner");
        spawner.start();
        int opens = 0;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < end || children.get() < 50) {
                DaxStore.open(path).close();
                opens++;
            }
        } finally {
            running.set(false);
            spawner.join();
        }
        assertTrue(opens > 100 && children.get() >= 50, opens + " opens, " + children.get() + " children");
    }

    @Test
    void createRefusesAnExistingStoreAndFormatRefusesAnOpenOne() {
        StoreExistsException exists = assertThrows(StoreExistsException.class,
                () -> DaxStore.create(path, StoreOptions.capacity(4 << 20)));
        assertTrue(exists.getMessage().contains("already holds"), exists.getMessage());
        try (DaxStore first = DaxStore.open(path)) {
            first.create("keep").close();
            assertThrows(StoreLockedException.class, () -> DaxStore.format(path, StoreOptions.capacity(4 << 20)));
        }
        try (DaxStore store = DaxStore.open(path)) {
            assertEquals(java.util.List.of("keep"), store.list(), "the refused format wiped nothing");
        }
        try (DaxStore fresh = DaxStore.format(path, StoreOptions.capacity(8 << 20))) {
            assertEquals(java.util.List.of(), fresh.list());
            assertEquals(8 << 20, fresh.info().capacity());
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result runChild() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.add("-Dchronicle.analytics.disable=true");
        command.add(OpenFromAnotherProcess.class.getName());
        command.add(path.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
