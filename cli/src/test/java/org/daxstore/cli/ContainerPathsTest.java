package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.daxstore.DaxStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paths a command is given, as a hostile user would give them. Issue 11 found {@code get}
 * with the container itself as its output truncating the store, and {@code fsck} of a FIFO
 * waiting for ever. Now a host file that is the container, by any path to it, is refused
 * before it is opened, and every command refuses a FIFO or a directory as its container,
 * within a timeout, naming what it is.
 */
class ContainerPathsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CliSession session;
    private Path store;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        session = new CliSession("container-paths-");
        store = session.dir().resolve("store.dax");
        source = session.dir().resolve("source");
        Files.write(source, "the file's bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, session.run("format", store.toString(), "--capacity", "4m"), session.err());
        assertEquals(0, session.run("put", store.toString(), "f", source.toString()), session.err());
    }

    @AfterEach
    void tearDown() throws Exception {
        Path fifo = session.dir().resolve("fifo");
        if (Files.exists(fifo)) {
            new RandomAccessFile(fifo.toFile(), "rw").close(); // wakes an open left blocked on it
        }
        session.close();
    }

    /** Every path to the container: itself, a hard link, a symbolic link, a path through "..". */
    private List<Path> aliases() throws Exception {
        Path dir = session.dir();
        Files.createDirectories(dir.resolve("sub"));
        if (!Files.exists(dir.resolve("hard.dax"))) {
            Files.createLink(dir.resolve("hard.dax"), store);
            Files.createSymbolicLink(dir.resolve("symbolic.dax"), store);
        }
        return List.of(store, dir.resolve("hard.dax"), dir.resolve("symbolic.dax"), dir.resolve("sub/../store.dax"));
    }

    @Test
    void getOntoTheContainerAndPutFromItAreRefusedAndTheStoreIsUntouched() throws Exception {
        byte[] image = Files.readAllBytes(store);
        for (Path alias : aliases()) {
            assertEquals(1, session.run("get", store.toString(), "f", alias.toString()), alias + ": " + session.out());
            assertTrue(session.err().contains("is the container " + store + " itself"), session.err());
            assertEquals(1, session.run("put", store.toString(), "g", alias.toString()), alias + ": " + session.out());
            assertTrue(session.err().contains("is the container " + store + " itself"), session.err());
            // and the other way round: the container named by the alias, the host file by its own name
            assertEquals(1, session.run("get", alias.toString(), "f", store.toString()), alias + ": " + session.out());
            assertArrayEquals(image, Files.readAllBytes(store), "the container after the refusals via " + alias);
        }
        try (DaxStore opened = DaxStore.open(store)) {
            assertEquals(List.of("f"), opened.list());
        }
        Path copy = session.dir().resolve("copy");
        assertEquals(0, session.run("get", store.toString(), "f", copy.toString()), session.err());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy));
    }

    @Test
    void everyCommandRefusesAFifoOrADirectoryAsItsContainer() throws Exception {
        Path fifo = session.dir().resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        Path directory = Files.createDirectory(session.dir().resolve("directory"));
        for (Path special : List.of(fifo, directory)) {
            String kind = special.equals(fifo) ? "a FIFO (named pipe)" : "a directory";
            for (List<String> command : commandsOn(special.toString())) {
                int status = assertTimeoutPreemptively(TIMEOUT, () -> session.run(command.toArray(String[]::new)),
                        command + " did not return");
                String output = session.err() + session.out();
                assertTrue(status == 1 || status == 2, command + " exited " + status + ": " + output);
                assertTrue(output.contains(special.toString()) && output.contains(kind), command + ": " + output);
            }
        }
    }

    /** Every command that takes a container, with valid other arguments. */
    private List<List<String>> commandsOn(String container) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("format", container, "--capacity", "4m"));
        commands.add(List.of("format", container, "--capacity", "4m", "--force"));
        commands.add(List.of("info", container));
        commands.add(List.of("ls", container));
        commands.add(List.of("ls", "-l", container));
        commands.add(List.of("put", container, "f", source.toString()));
        commands.add(List.of("get", container, "f", session.dir().resolve("out").toString()));
        commands.add(List.of("rm", container, "f"));
        commands.add(List.of("truncate", container, "f", "0"));
        commands.add(List.of("punch", container, "f", "0", "4k"));
        commands.add(List.of("fsck", container));
        commands.add(List.of("fsck", "--repair", container));
        return commands;
    }
}
