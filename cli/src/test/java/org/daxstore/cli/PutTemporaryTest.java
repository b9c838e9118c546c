package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;
import org.junit.jupiter.api.Test;

/**
 * put writes under a temporary name of the store's own, never a name a user may have: it used to
 * write under the fixed {@code .daxstore-put.tmp} and delete a user's file of that name. A put
 * killed with SIGKILL leaves its temporary, and the next command's open deletes it.
 */
class PutTemporaryTest {
    private static final byte[] PREFIX = ".daxstore-tmp-".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aUsersFileWithTheOldTemporaryNameSurvivesPutsAndCanBePutItself() throws Exception {
        try (CliSession cli = new CliSession("put-temporary-")) {
            String store = cli.dir().resolve("store.dax").toString();
            assertEquals(0, cli.run("format", store, "--capacity", "8m"), cli.err());
            byte[] mine = "the user's own".getBytes(StandardCharsets.UTF_8);
            try (DaxStore open = DaxStore.open(Path.of(store)); DaxFile file = open.create(".daxstore-put.tmp")) {
                file.write(0, mine);
            }
            Path source = cli.dir().resolve("source.bin");
            Files.writeString(source, "fresh");
            assertEquals(0, cli.run("put", store, "f", source.toString()), cli.err());
            assertEquals(0, cli.run("ls", store), cli.err());
            assertEquals(".daxstore-put.tmp\nf\n", cli.out());
            Path back = cli.dir().resolve("back.bin");
            assertEquals(0, cli.run("get", store, ".daxstore-put.tmp", back.toString()), cli.err());
            assertArrayEquals(mine, Files.readAllBytes(back));
            assertEquals(0, cli.run("put", store, ".daxstore-put.tmp", source.toString()), cli.err());
            assertEquals(0, cli.run("get", store, ".daxstore-put.tmp", back.toString()), cli.err());
            assertEquals("fresh", Files.readString(back));

            assertEquals(1, cli.run("put", store, ".daxstore-tmp-1-1", source.toString()));
            assertTrue(cli.err().contains("reserved for the store's temporary files"), cli.err());
            assertEquals(0, cli.run("ls", store), cli.err());
            assertEquals(".daxstore-put.tmp\nf\n", cli.out(), "the refused put left its temporary");
        }
    }

    @Test
    void aPutKilledWithSigkillLeavesATemporaryTheNextOpenDeletes() throws Exception {
        try (CliSession cli = new CliSession("put-killed-")) {
            Path store = cli.dir().resolve("store.dax");
            assertEquals(0, cli.run("format", store.toString(), "--capacity", "8m"), cli.err());
            Process put = CliProcess.of(List.of("put", store.toString(), "f")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = put.getOutputStream()) {
                stdin.write(new byte[1 << 20]);
                stdin.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (ImageBytes.indexOf(Files.readAllBytes(store), PREFIX) < 0) { // the temporary's inode, through the shared mapping
                    assertTrue(put.isAlive() && System.nanoTime() < deadline, "the put wrote no temporary");
                    Thread.sleep(20);
                }
                put.destroyForcibly();
                assertTrue(put.waitFor(30, TimeUnit.SECONDS));
            } catch (java.io.IOException closedByTheKill) {
                // the pipe broke when the put died: it was killed, which is the point
            }
            assertEquals(0, cli.run("ls", store.toString()), cli.err());
            assertEquals("", cli.out(), "the killed put's temporary is still listed");
            assertEquals(0, cli.run("fsck", store.toString()), cli.out());
        }
    }
}
