package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every {@code daxstore} command that takes a file name, found from the command model (a
 * positional parameter described as a file name), against names the format cannot hold: each
 * exits 1 with one line that names the rule and where, and leaves the store as it was. Good
 * edge names go in with {@code put} and come back exactly from {@code ls} and {@code get}.
 * The library's side of the same rules is {@code FileNameRulesTest} in core.
 */
class NameArgumentsTest {
    /** Bad names a command line can carry (no null), each with what the error must say. */
    private static final Map<String, String> BAD = Map.of(
            "bad\uD800name", "high surrogate U+D800 at index 3",
            "x\uDC00", "low surrogate U+DC00 at index 1",
            "\uDE00\uD83D", "low surrogate U+DE00 at index 0",
            "nul\0", "NUL at index 3",
            "a/b", "'/' at index 1",
            "", "must not be empty",
            "z".repeat(256), "is 256 UTF-8 bytes");

    private static final List<String> GOOD = List.of("z".repeat(255), "\uD83D\uDE00 astral", "caf\u00E9", "cafe\u0301",
            "bad?name");

    private CliSession cli;
    private Path dir;
    private String container;
    private Path host;
    private InputStream stdin;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliSession("cli-names-");
        dir = cli.dir();
        container = dir.resolve("store.dax").toString();
        host = dir.resolve("host.bin");
        Files.write(host, new byte[] {1, 2, 3});
        stdin = System.in;
        System.setIn(new ByteArrayInputStream(new byte[0]));
        assertEquals(0, cli.run("format", container, "--capacity", "4m"), cli.err());
        assertEquals(0, cli.run("put", container, "existing", host.toString()), cli.err());
    }

    @AfterEach
    void tearDown() throws Exception {
        System.setIn(stdin);
        cli.close();
    }

    @Test
    void everyCommandThatTakesANameRefusesEveryBadName() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (CommandLine sub : DaxstoreCli.commandLine().getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            for (PositionalParamSpec name : nameParameters(spec)) {
                for (Map.Entry<String, String> bad : BAD.entrySet()) {
                    List<String> args = arguments(spec, name, bad.getKey());
                    assertEquals(1, cli.run(args.toArray(String[]::new)), spec.name() + " with a bad name: " + cli.out()
                            + cli.err());
                    String message = cli.err().strip();
                    assertTrue(message.startsWith("daxstore: ") && message.contains(bad.getValue())
                            && !message.contains("\n"), spec.name() + ": " + message);
                    assertEquals(0, cli.run("ls", container), cli.err());
                    assertEquals("existing", cli.out().strip(), spec.name() + " changed the store");
                }
                covered.add(spec.name());
            }
        }
        assertTrue(covered.containsAll(Set.of("put", "get", "rm", "truncate", "punch")), "covered: " + covered);
        assertFalse(Files.exists(dir.resolve("target.bin")), "a refused get creates no host file");
        assertEquals(0, cli.run("fsck", container), cli.out());
    }

    @Test
    void goodEdgeNamesRoundTripThroughPutLsAndGet() throws Exception {
        for (String name : GOOD) {
            Files.write(host, name.getBytes(StandardCharsets.UTF_8));
            assertEquals(0, cli.run("put", container, name, host.toString()), cli.err());
        }
        assertEquals(0, cli.run("ls", container), cli.err());
        List<String> expected = new ArrayList<>(GOOD);
        expected.add("existing");
        expected.sort(null);
        assertEquals(expected, List.of(cli.out().strip().split("\n")));
        for (String name : GOOD) {
            Path target = dir.resolve("back.bin");
            assertEquals(0, cli.run("get", container, name, target.toString()), cli.err());
            assertArrayEquals(name.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target), name);
        }
    }

    /** The positional parameters that take file names in the store. */
    private static List<PositionalParamSpec> nameParameters(CommandSpec spec) {
        List<PositionalParamSpec> names = new ArrayList<>();
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (String.join(" ", parameter.description()).toLowerCase().startsWith("file name")) {
                names.add(parameter);
            }
        }
        return names;
    }

    /**
     * A command line for {@code spec} with {@code bad} as {@code name} and an ordinary value for
     * every other required parameter: the container, a size, a host file.
     */
    private List<String> arguments(CommandSpec spec, PositionalParamSpec name, String bad) {
        List<String> args = new ArrayList<>(List.of(spec.name()));
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            String description = String.join(" ", parameter.description()).toLowerCase();
            if (parameter == name) {
                args.add(bad);
            } else if (description.startsWith("the container")) {
                args.add(container);
            } else if (parameter.type() == long.class || parameter.type() == int.class) {
                args.add("4096");
            } else if (description.startsWith("host file")) {
                args.add(spec.name().equals("get") ? dir.resolve("target.bin").toString() : host.toString());
            } else if (parameter.arity().min() > 0) {
                fail(spec.name() + ": teach this test a value for the parameter '" + description + "'");
            }
        }
        return args;
    }
}
