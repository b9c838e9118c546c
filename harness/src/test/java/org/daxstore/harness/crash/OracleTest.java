package org.daxstore.harness.crash;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.daxstore.format.Layout;
import org.daxstore.harness.crash.Operation.Kind;
import org.daxstore.testing.Layouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The oracle and the image check can fail: each outcome the crash campaigns must reject is built
 * by hand here and rejected, next to the outcomes they must accept.
 */
class OracleTest {
    private Path dir;
    private Path path;
    private StoreModel base;

    @BeforeEach
    void setUp() throws IOException {
        dir = Scratch.directory("oracle-");
        path = dir.resolve("store.dax");
        base = StoreModel.empty().applyAll(Catalogue.baseFiles());
        try (DaxStore store = DaxStore.create(path, KillCampaign.storeOptions(1L << 20))) {
            Catalogue.baseFiles().forEach(op -> op.runOn(store));
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
    }

    @Test
    void theModelsOwnStatePasses() {
        try (DaxStore store = DaxStore.open(path)) {
            assertNull(Oracle.judge(store, base, base, null));
        }
    }

    @Test
    void aPersistedByteThatChangedIsCaught() {
        try (DaxStore store = DaxStore.open(path); DaxFile a = store.openFile("a")) {
            a.write(10, new byte[] {(byte) (base.file("a").valueAt(10) + 1)});
            String verdict = Oracle.judge(store, base, base, null);
            assertNotNull(verdict);
            assertTrue(verdict.contains("file 'a' byte 10"), verdict);
        }
    }

    @Test
    void insideTheInterruptedRangeOldOrNewBytesPassButAThirdValueIsCaught() {
        Operation write = Operation.write(Kind.WRITE, "a", 100, 400, 7);
        StoreModel after = write.applyTo(base);
        try (DaxStore store = DaxStore.open(path); DaxFile a = store.openFile("a")) {
            a.write(100, Arrays.copyOf(write.data(), 150));
            assertNull(Oracle.judge(store, base, after, write.dataRange()), "half new, half old");
            byte neither = 0;
            while (neither == base.file("a").valueAt(300) || neither == after.file("a").valueAt(300)) {
                neither++;
            }
            a.write(300, new byte[] {neither});
            String verdict = Oracle.judge(store, base, after, write.dataRange());
            assertNotNull(verdict);
            assertTrue(verdict.contains("byte 300"), verdict);
            assertNotNull(Oracle.judge(store, base, after, null), "outside an interrupted write, old bytes must hold");
        }
    }

    @Test
    void namesAndSizesFromNeitherStateAreCaught() {
        Operation delete = Operation.delete("d0");
        try (DaxStore store = DaxStore.open(path)) {
            store.delete("d0");
            assertNull(Oracle.judge(store, base, delete.applyTo(base), null));
            store.openFile("b").truncate(1);
            String verdict = Oracle.judge(store, base, delete.applyTo(base), null);
            assertNotNull(verdict);
            assertTrue(verdict.contains("neither"), verdict);
        }
    }

    @Test
    void noStoreIsAllowedOnlyInsideFormat() {
        try (ImageCheck check = new ImageCheck(dir)) {
            assertNull(check.judge(new byte[0], null, StoreModel.empty(), null));
            assertNotNull(check.judge(new byte[0], base, base, null));
        }
    }

    @Test
    void aRecoveredImageIsJudgedAndADamagedOneRejected() throws IOException {
        byte[] image = Files.readAllBytes(path);
        try (ImageCheck check = new ImageCheck(dir)) {
            assertNull(check.judge(image, base, base, null));
            Layout layout = Layouts.of(KillCampaign.storeOptions(1L << 20));
            int lastBitmapWord = (int) layout.bitmapWordOffset(layout.blockCount() - 1);
            Arrays.fill(image, (int) layout.bitmapOffset(), lastBitmapWord + 8, (byte) 0xFF);
            String verdict = check.judge(image, base, base, null);
            assertNotNull(verdict, "every block marked in use, even those no file reaches");
        }
    }
}
