package org.daxstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every usage error of every command is one line on standard error, {@code daxstore: <what> (see
 * 'daxstore CMD --help')}, with exit status 2 and nothing on standard output (issue 16: picocli's
 * report added 13 lines of usage). By the command list, so a command added later is covered.
 */
class UsageErrorsTest {
    private CliSession cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliSession("cli-usage-");
    }

    @AfterEach
    void tearDown() throws Exception {
        cli.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private void assertOneUsageLine(String command, String... args) {
        assertEquals(2, run(args), String.join(" ", args) + ": " + cli.err());
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), String.join(" ", args) + ": " + cli.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("daxstore: ") && line.endsWith("(see '" + command + " --help')"),
                String.join(" ", args) + ": " + line);
        assertEquals("", cli.out(), String.join(" ", args) + " printed on standard output");
    }

    @Test
    void anUnknownOptionOfEveryCommandIsOneLine() {
        for (String command : DaxstoreCli.commandLine().getSubcommands().keySet()) {
            // picocli names a missing parameter before an unknown option, so either may be the line
            assertOneUsageLine("daxstore " + command, command, "--no-such-option");
        }
    }

    @Test
    void aMissingParameterOfEveryCommandThatTakesOneIsOneLine() {
        for (var entry : DaxstoreCli.commandLine().getSubcommands().entrySet()) {
            boolean takesAParameter = entry.getValue().getCommandSpec().positionalParameters().stream()
                    .anyMatch(p -> p.arity().min > 0);
            boolean requiresAnOption = entry.getValue().getCommandSpec().options().stream().anyMatch(o -> o.required());
            if (takesAParameter || requiresAnOption) {
                assertOneUsageLine("daxstore " + entry.getKey(), entry.getKey());
            }
        }
    }

    @Test
    void noCommandAndAMistypedOneAreOneLineWithTheNearestCommands() {
        assertOneUsageLine("daxstore");
        assertTrue(cli.err().contains("Missing a command"), cli.err());
        assertOneUsageLine("daxstore", "lss", "/dev/shm/x.dax");
        assertTrue(cli.err().contains("did you mean ls"), cli.err());
    }

    @Test
    void aBadValueIsOneLineNamingIt() {
        assertOneUsageLine("daxstore info", "info", "/dev/shm/none.dax", "--medium", "tape");
        assertTrue(cli.err().contains("tape"), cli.err());
        assertOneUsageLine("daxstore workload", "workload", "--bs", "3k", "--time", "1s");
    }
}
