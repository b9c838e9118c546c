package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.daxstore.check.FsckReport;
import org.daxstore.check.StoreSnapshot;
import org.junit.jupiter.api.Test;

/**
 * {@code info} of a store whose lock another process holds shared (an offline fsck, a snapshot
 * being read), not a running store: the store was never open elsewhere, so the tool must not say
 * it was "closed since", and what the check finds under the shared lock cannot be the store moving,
 * so it must not be labelled "seen while in use".
 */
class SharedLockHolderTest {
    @Test
    void aReaderHoldingTheLockIsNotCalledAStoreClosedSince() throws Exception {
        try (CliSession cli = new CliSession("shared-lock-")) {
            String container = cli.dir().resolve("store.dax").toString();
            assertEquals(0, cli.run("format", container, "--capacity", "8m"), cli.err());
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), HoldSharedLock.class.getName(), container));
            Process holder = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("locked", out.readLine());
                assertEquals(0, cli.run("info", container), cli.err());
                String first = cli.out().lines().findFirst().orElse("");
                assertTrue(first.startsWith("snapshot:"), cli.out());
                assertFalse(first.contains("closed since"), "nothing was open, let alone closed: " + first);
            } finally {
                holder.getOutputStream().close();
                if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                    holder.destroyForcibly().waitFor();
                }
                holder.getInputStream().close();
            }
        }
    }

    @Test
    void problemsFoundUnderTheLockAreNotSeenWhileInUse() {
        FsckReport report = new FsckReport(Path.of("store.dax"), FsckReport.Status.INCONSISTENT,
                List.of("block 7 is marked free but a file or the metadata owns it"), List.of(), 0, 0, 0, 0);
        StringWriter text = new StringWriter();
        InUseSnapshot.printProblems(new PrintWriter(text), new StoreSnapshot(report, null, List.of(), false));
        assertFalse(text.toString().contains("seen while in use"), text.toString());
        assertTrue(text.toString().contains("block 7 is marked free"), text.toString());
    }
}
